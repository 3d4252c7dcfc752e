import "server-only";
import {
  ConflictError,
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  isDatabaseUnavailable,
  sqlState,
} from "@/lib/errors";
import {
  CANCELLED_REFERRAL_KEPT,
  ENTERED_IN_ERROR_KEPT,
  LAST_ADMINISTRATOR,
  RECORD_REFUSED_CHANGE,
  SIGNED_ASSESSMENT_KEPT,
  SIGNED_REFERRAL_KEPT,
  WITHDRAWN_EPISODE_KEPT,
} from "@/lib/validation/messages";

/*
 * PostgreSQL's own refusals as the errors of lib/errors, by SQLSTATE, with
 * a message in the house style of lib/validation/messages.ts: lib/data's
 * transaction wrapper, the API's errorResponse and the server actions'
 * actionError translate with these. (Apart from lib/errors, which the pure
 * layers import, so that lib/errors needs no messages of lib/validation.)
 */

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
