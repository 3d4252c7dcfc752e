/**
 * Errors that cross layers. lib/data throws them; API routes and server
 * actions turn them into 400 / 403 / 404 / 409 / 503 answers with a message
 * a clinician can act on. Anything else is a 500 with no detail shown.
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

export class DatabaseUnavailableError extends Error {
  constructor() {
    super("The database is not reachable. Please try again in a moment.");
    this.name = "DatabaseUnavailableError";
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
