import { requireApiActor } from "@/lib/auth";
import type { Actor, Permission } from "@/lib/domain/access";
import {
  ConflictError,
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  toUserError,
} from "@/lib/errors";

/**
 * What every server action returns to its form: a message, and one error
 * per field keyed by the field's path, shown next to that field.
 */
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
  conflict?: unknown;
};

/** parse -> authorise -> lib/data, with every failure turned into a form state. */
export async function runAction<T>(permission: Permission, fn: (actor: Actor) => Promise<ActionState<T>>): Promise<ActionState<T>> {
  try {
    const actor = await requireApiActor(permission);
    return await fn(actor);
  } catch (error) {
    return actionError(error);
  }
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
  if (error instanceof ConflictError) return { ok: false, message: error.message, conflict: error.detail };
  if (error instanceof DatabaseUnavailableError)
    return { ok: false, message: "The database is not reachable right now. Nothing was saved; please try again in a moment." };
  if (error instanceof DatabaseBusyError) return { ok: false, message: error.message };
  console.error("Unhandled action error", error);
  return { ok: false, message: "Something went wrong on the server. Nothing was saved." };
}
