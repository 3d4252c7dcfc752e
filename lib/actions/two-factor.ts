"use server";

import { revalidatePath } from "next/cache";
import { getSessionUser } from "@/lib/auth";
import type { Actor } from "@/lib/domain/access";
import { actionError, runAction, type ActionState } from "@/lib/actions/state";
import {
  confirmTwoFactorEnrolment,
  resetTwoFactor,
  setTwoFactorPolicy,
  startTwoFactorEnrolment,
  type Enrolment,
} from "@/lib/data/two-factor";
import { UnauthenticatedError } from "@/lib/errors";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import { confirmTwoFactorSchema, resetTwoFactorSchema, twoFactorPolicySchema } from "@/lib/validation/two-factor";

/**
 * Setting up one's own second factor needs no permission, only a session:
 * it is also what a user whose clinic requires two-factor sign-in must do
 * before anything else (lib/auth.ts sends them there).
 */
async function forOwnAccount<T>(fn: (actor: Actor) => Promise<ActionState<T>>): Promise<ActionState<T>> {
  try {
    const user = await getSessionUser();
    if (!user) throw new UnauthenticatedError();
    return await fn(user.actor);
  } catch (error) {
    return actionError(error);
  }
}

export async function startTwoFactorAction(_prev: ActionState<Enrolment>, _form: FormData): Promise<ActionState<Enrolment>> {
  return forOwnAccount(async (actor) => ({ ok: true, data: await startTwoFactorEnrolment(actor) }));
}

export async function confirmTwoFactorAction(
  _prev: ActionState<{ recoveryCodes: string[] }>,
  form: FormData,
): Promise<ActionState<{ recoveryCodes: string[] }>> {
  return forOwnAccount(async (actor) => {
    const input = parseOrThrow(confirmTwoFactorSchema, formDataToObject(form));
    const result = await confirmTwoFactorEnrolment(actor, input.code);
    return { ok: true, message: "Two-factor sign-in is on. Save your recovery codes now: they are shown only once.", data: result };
  });
}

export async function setTwoFactorPolicyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.settings", async (actor) => {
    const input = parseOrThrow(twoFactorPolicySchema, formDataToObject(form));
    await setTwoFactorPolicy(actor, input.twoFactorRequired);
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message:
        input.twoFactorRequired === "off"
          ? "Saved: two-factor sign-in is optional."
          : "Saved: staff who must use two-factor sign-in set it up at their next page view.",
    };
  });
}

export async function resetTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.users", async (actor) => {
    const input = parseOrThrow(resetTwoFactorSchema, formDataToObject(form));
    const { name } = await resetTwoFactor(actor, input.userId);
    revalidatePath("/admin/users");
    return { ok: true, message: `Two-factor sign-in of ${name} was reset; their sessions have ended.` };
  });
}
