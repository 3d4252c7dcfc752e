import "server-only";
import type { z } from "zod";
import { getSessionUser, requireApiActor } from "@/lib/auth";
import { auditRefusal } from "@/lib/data/audit";
import type { Actor, Permission } from "@/lib/domain/access";
import type { AuditAttempt } from "@/lib/domain/labels";
import { UnauthenticatedError, ValidationError } from "@/lib/errors";
import { actionError, type ActionState } from "@/lib/actions/state";
import { formDataToObject } from "@/lib/validation/common";
import { toInputIssues } from "@/lib/validation/evaluate-input";

/**
 * Every server action is declared once here: who may call it, what it takes,
 * what it does. The helper resolves the actor (a session, then the
 * permission), parses the input with the one parser, runs the body, and turns
 * every failure into the one error shape (`ActionState`: a message, and
 * `fieldErrors` keyed by the field's dotted path; a refused save of a changed
 * record also returns `conflict`).
 *
 * A body returns what the form shows on success; `ok` defaults to true.
 * A body that must refuse throws an error of lib/errors (lib/data does).
 *
 * A refused write (no permission, invalid input, a state that does not allow
 * it, an unknown record) is recorded in the audit log as `write.refused`, in
 * its own transaction (lib/data/audit.ts `auditRefusal`): `attempt` says what
 * was tried.
 *
 * Why not next-safe-action: its results have their own shape
 * ({ data, serverError, validationErrors }), and every form here reads
 * `ActionState` through useActionState; this helper is the few lines the
 * forms need and keeps their shape.
 */

/** A permission of lib/domain/access, or "own-account": any signed-in user acting on their own account. */
export type ActionAccess = Permission | "own-account";

export type ActionSpec<S extends z.ZodType, T> = {
  access: ActionAccess;
  /** What the action does, in the words of a refusal ("sign an assessment"). */
  attempt: AuditAttempt;
  input: S;
  run: (actor: Actor, input: z.output<S>) => Promise<ActionOutcome<T>>;
};

/** What a body returns: a message for the form, and data for the caller. */
export type ActionOutcome<T> = { ok?: boolean; message?: string; data?: T };

/** The one parser of action input: errors name the field by its dotted path ("answers.pain.0"). */
export function parseActionInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(toInputIssues(result.error.issues));
  return result.data;
}

async function actorFor(access: ActionAccess): Promise<Actor> {
  if (access !== "own-account") return requireApiActor(access);
  const user = await getSessionUser();
  if (!user) throw new UnauthenticatedError();
  return user.actor;
}

/** The patient a payload names (`patientId`), for the refusal's audit row. */
function patientOf(payload: unknown): string | null {
  if (!payload || typeof payload !== "object" || !("patientId" in payload)) return null;
  return typeof payload.patientId === "string" ? payload.patientId : null;
}

async function execute<S extends z.ZodType, T>(spec: ActionSpec<S, T>, raw: () => unknown): Promise<ActionState<T>> {
  let payload: unknown = null;
  try {
    payload = raw();
    const actor = await actorFor(spec.access);
    const input = parseActionInput(spec.input, payload);
    const outcome = await spec.run(actor, input);
    return { ...outcome, ok: outcome.ok ?? true };
  } catch (error) {
    // Who was refused: the signed-in user (a refusal of permission comes before the actor is returned).
    const user = await getSessionUser().catch(() => null);
    if (user) await auditRefusal(user.actor, { attempt: spec.attempt, error, patientId: patientOf(payload) });
    return actionError<T>(error);
  }
}

/** An action called with a JSON-like payload (the assessment form). */
export function defineAction<S extends z.ZodType, T = unknown>(spec: ActionSpec<S, T>): (payload: unknown) => Promise<ActionState<T>> {
  return (payload) => execute(spec, () => payload);
}

/** An action a <form> posts through useActionState: (previous state, FormData). */
export function defineFormAction<S extends z.ZodType, T = unknown>(
  spec: ActionSpec<S, T>,
): (previous: ActionState<T>, form: FormData) => Promise<ActionState<T>> {
  return (_previous, form) => execute(spec, () => formDataToObject(form));
}
