import {
  CANCELLED_REFERRAL_KEPT,
  ENTERED_IN_ERROR_KEPT,
  LAST_ADMINISTRATOR,
  RECORD_REFUSED_CHANGE,
  SIGNED_ASSESSMENT_KEPT,
  SIGNED_REFERRAL_KEPT,
  WITHDRAWN_EPISODE_KEPT,
} from "@/lib/validation/messages";

/**
 * Errors that cross layers. lib/data throws them; API routes and server
 * actions turn them into 400 / 403 / 404 / 409 / 503 answers with a message
 * a clinician can act on. Anything else is a 500 with no detail shown.
 * PostgreSQL's own refusals (the sealed-record triggers, timeouts, values a
 * column cannot hold) are translated here too, by SQLSTATE (`fromDatabaseError`).
 */
export type FieldIssue = { path: string; message: string };

export class ValidationError extends Error {
  constructor(public readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "));
    this.name = "ValidationError";
  }
}

/** Unknown id, or an id of another clinic: the two are indistinguishable. */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class UnauthenticatedError extends Error {
  constructor(message = "Sign in required") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** Optimistic-lock conflict or an action the record's state does not allow. */
export class ConflictError extends Error {
  constructor(
    message: string,
    public readonly detail?: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A link that was valid and is no more: expired, withdrawn or revoked (410). */
export class GoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoneError";
  }
}

export class DatabaseUnavailableError extends Error {
  constructor() {
    super("The database is not reachable. Please try again in a moment.");
    this.name = "DatabaseUnavailableError";
  }
}

/** The database is overloaded or a lock or transaction timed out: nothing was saved, try again (503). */
export class DatabaseBusyError extends Error {
  constructor() {
    super("The database is busy right now. Nothing was saved; please try again in a moment.");
    this.name = "DatabaseBusyError";
  }
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown: the server is stopping (fast shutdown ends every session)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the server is starting or shutting down
  "P1001",
  "P1002",
  "P1017",
]);

/** How Prisma's pg driver adapter names a lost or refused connection (DriverAdapterError's cause.kind). */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

const UNREACHABLE_MESSAGE =
  /ECONNREFUSED|Can't reach database|Connection terminated|connect ECONN|DatabaseNotReachable|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)|Client has encountered a connection error/i;

/**
 * True for errors that mean "the database cannot be reached", wherever they
 * were wrapped: node-postgres errors, and Prisma's, whose driver adapter puts
 * PostgreSQL's error on `meta.driverAdapterError.cause` (originalCode, kind).
 * SQLSTATE class 08 (connection exception) counts too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 12; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    if (e instanceof DatabaseUnavailableError) return true;
    const obj = e as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      originalMessage?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    for (const code of [obj.code, obj.originalCode])
      if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof obj.kind === "string" && UNREACHABLE_KINDS.has(obj.kind)) return true;
    for (const message of [obj.message, obj.originalMessage])
      if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    queue.push(obj.cause, obj.meta?.driverAdapterError);
  }
  return false;
}

/**
 * The SQLSTATE of a PostgreSQL error, however it was wrapped: node-postgres
 * puts it on `code`, Prisma's driver adapter on
 * `meta.driverAdapterError.cause.originalCode`.
 */
export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const obj = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; cause?: unknown };
    const adapter = obj.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof adapter === "string") return adapter;
    if (typeof obj.code === "string" && /^[0-9A-Z]{5}$/.test(obj.code)) return obj.code;
    e = obj.cause;
  }
  return undefined;
}

/** The message PostgreSQL gave with the error (a trigger's RAISE text). */
function databaseMessage(error: unknown): string {
  const obj = error as { message?: unknown; meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown } } } };
  const adapter = obj.meta?.driverAdapterError?.cause?.originalMessage;
  return typeof adapter === "string" ? adapter : typeof obj.message === "string" ? obj.message : "";
}

/** Raised by the migrations' triggers for a change the record's rules forbid (a signed record, a deleted user, ...). */
export const SEALED_RECORD_SQLSTATE = "KC001";

/**
 * What a person reads for a trigger's refusal, by the rule the trigger's
 * text names (the migrations' RAISE texts, which never change once
 * applied). The texts name rows by id and columns by name, for whoever
 * reads the database's log: a person reads the house-style message instead.
 * Listed are the rules a save of the app can meet when it crosses another
 * (the app's role cannot update or delete the other sealed tables at all:
 * prisma/grants.ts); any other refusal (a rule only a bug in lib/data could
 * break) reads RECORD_REFUSED_CHANGE.
 */
const SEALED_RULES: readonly (readonly [RegExp, string])[] = [
  [/\bassessment \S+ (is entered_in_error|was marked entered in error)/, ENTERED_IN_ERROR_KEPT],
  [/\bassessment \S+ is signed|\ba signed assessment cannot return to draft/, SIGNED_ASSESSMENT_KEPT],
  [/\breferral \S+ (is cancelled|was cancelled)/, CANCELLED_REFERRAL_KEPT],
  [/\breferral \S+ (is (signed|sent)|cannot move from)/, SIGNED_REFERRAL_KEPT],
  [/last active administrator/, LAST_ADMINISTRATOR],
  [/\ban episode opened in error stays withdrawn/, WITHDRAWN_EPISODE_KEPT],
];

/** The house-style message for a trigger's refusal (SEALED_RULES). */
export function sealedRecordMessage(databaseText: string): string {
  const lines = databaseText.split("\n");
  return SEALED_RULES.find(([rule]) => lines.some((line) => rule.test(line.trim())))?.[1] ?? RECORD_REFUSED_CHANGE;
}

const BUSY_SQLSTATES = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
  "57014", // query_canceled (statement or lock timeout)
  "53300", // too_many_connections
  "53400", // configuration_limit_exceeded
]);

function isBusy(error: unknown): boolean {
  const state = sqlState(error);
  if (state && BUSY_SQLSTATES.has(state)) return true;
  const obj = error as { code?: unknown; message?: unknown };
  // Prisma: a transaction that could not start within maxWait, or outlived its timeout.
  if (obj.code === "P2028") return true;
  // node-postgres pool: no connection free within connectionTimeoutMillis.
  return (
    typeof obj.message === "string" &&
    /timeout exceeded when trying to connect|Unable to start a transaction in the given time/i.test(obj.message)
  );
}

/**
 * PostgreSQL's refusals as the errors above, so they reach the user as 400,
 * 409 or 503 with a message instead of a 500: a trigger refusal (KC001) is a
 * conflict with the record's state (its message: sealedRecordMessage), a timeout or an overloaded pool is
 * "busy", a value no column can hold (SQLSTATE class 22: a NUL character,
 * a number out of range) is invalid input. Anything else is returned as it is.
 */
export function fromDatabaseError(error: unknown): unknown {
  if (
    error instanceof ValidationError ||
    error instanceof NotFoundError ||
    error instanceof ForbiddenError ||
    error instanceof UnauthenticatedError ||
    error instanceof ConflictError ||
    error instanceof DatabaseBusyError ||
    error instanceof DatabaseUnavailableError
  )
    return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError();
  if (isBusy(error)) return new DatabaseBusyError();
  const state = sqlState(error);
  if (state === SEALED_RECORD_SQLSTATE) return new ConflictError(sealedRecordMessage(databaseMessage(error)));
  if (state?.startsWith("22"))
    return new ValidationError([
      {
        path: "",
        message: "Remove the value that cannot be stored or searched for (a NUL character or a number out of range, for example)",
      },
    ]);
  return error;
}

/**
 * What the API and the server actions answer for an error: fromDatabaseError,
 * and a unique-constraint violation that no lib/data function turned into a
 * message of its own (two saves at the same moment) as a 409.
 */
export function toUserError(error: unknown): unknown {
  const mapped = fromDatabaseError(error);
  if (mapped === error && (sqlState(error) === "23505" || (error as { code?: unknown } | null)?.code === "P2002"))
    return new ConflictError("Reload the page and try again: this conflicts with a record saved at the same moment, and nothing was saved");
  return mapped;
}
