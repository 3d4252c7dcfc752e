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
  "57P01",
  "57P03",
  "P1001",
  "P1002",
  "P1017",
]);

/** True for errors that mean "the database cannot be reached", wherever they were wrapped. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const obj = e as { code?: unknown; message?: unknown; cause?: unknown; errno?: unknown };
    if (typeof obj.code === "string" && UNREACHABLE_CODES.has(obj.code)) return true;
    if (
      typeof obj.message === "string" &&
      /ECONNREFUSED|Can't reach database|Connection terminated|connect ECONN|DatabaseNotReachable/i.test(obj.message)
    )
      return true;
    e = obj.cause;
  }
  return false;
}
