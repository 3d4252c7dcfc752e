import "server-only";
import {
  ConflictError,
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors";
import { toUserError } from "@/lib/database-errors";
import { recordConflictSchema, type RecordConflict } from "@/lib/validation/assessment";

export type { RecordConflict };

/**
 * What every server action returns (lib/actions/define.ts declares them) to its form: a message, and one error
 * per field keyed by the field's path, shown next to that field.
 */
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
  conflict?: RecordConflict;
  /** The record a refusal points at (the open episode a second one would duplicate): the form links to it. */
  link?: RefusalLink;
};

/** A link a ConflictError may carry in its detail (`{ link: { href, text } }`), shown with the refusal. */
export type RefusalLink = { href: string; text: string };

function refusalLinkOf(detail: unknown): RefusalLink | undefined {
  if (typeof detail !== "object" || detail === null || !("link" in detail)) return undefined;
  const link = (detail as { link: unknown }).link;
  if (typeof link !== "object" || link === null) return undefined;
  const { href, text } = link as { href?: unknown; text?: unknown };
  return typeof href === "string" && href.startsWith("/") && typeof text === "string" ? { href, text } : undefined;
}

/** The record as it now is, when the refusal carries it (a conflicting save of an assessment); checked, never cast. */
function recordConflictOf(detail: unknown): RecordConflict | undefined {
  const parsed = recordConflictSchema.safeParse(detail);
  return parsed.success ? parsed.data : undefined;
}

export function actionError<T>(thrown: unknown): ActionState<T> {
  const error = toUserError(thrown);
  if (error instanceof ValidationError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[issue.path || "form"] ??= issue.message;
    return { ok: false, message: "Please correct the fields marked below.", fieldErrors };
  }
  if (error instanceof UnauthenticatedError) return { ok: false, message: "Your session has ended. Sign in again; nothing was saved." };
  if (error instanceof ForbiddenError) return { ok: false, message: "Your role does not allow this action. Nothing was saved." };
  if (error instanceof NotFoundError) return { ok: false, message: "This record no longer exists in your clinic." };
  if (error instanceof ConflictError) {
    const link = refusalLinkOf(error.detail);
    return { ok: false, message: error.message, conflict: recordConflictOf(error.detail), ...(link ? { link } : {}) };
  }
  if (error instanceof DatabaseUnavailableError)
    return { ok: false, message: "The database is not reachable right now. Nothing was saved; please try again in a moment." };
  if (error instanceof DatabaseBusyError) return { ok: false, message: error.message };
  console.error("Unhandled action error", error);
  return { ok: false, message: "Something went wrong on the server. Nothing was saved." };
}
