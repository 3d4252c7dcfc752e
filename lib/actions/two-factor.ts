"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import {
  confirmTwoFactorEnrolment,
  resetTwoFactor,
  setTwoFactorPolicy,
  startTwoFactorEnrolment,
  type Enrolment,
} from "@/lib/data/two-factor";
import { confirmTwoFactorSchema, resetTwoFactorSchema, twoFactorPolicySchema } from "@/lib/validation/two-factor";

/**
 * Setting up one's own second factor needs no permission, only a session
 * ("own-account"): it is also what a user whose clinic requires two-factor
 * sign-in must do before anything else (lib/auth.ts sends them there).
 */
export const startTwoFactorAction = defineFormAction<z.ZodObject, Enrolment>({
  access: "own-account",
  attempt: "user.two_factor",
  input: z.object({}),
  async run(actor) {
    return { data: await startTwoFactorEnrolment(actor) };
  },
});

export const confirmTwoFactorAction = defineFormAction({
  access: "own-account",
  attempt: "user.two_factor",
  input: confirmTwoFactorSchema,
  async run(actor, input) {
    const result = await confirmTwoFactorEnrolment(actor, input.code);
    return { message: "Two-factor sign-in is on. Save your recovery codes now: they are shown only once.", data: result };
  },
});

export const setTwoFactorPolicyAction = defineFormAction({
  access: "admin.settings",
  attempt: "settings.two_factor_policy",
  input: twoFactorPolicySchema,
  async run(actor, input) {
    await setTwoFactorPolicy(actor, input.twoFactorRequired);
    revalidatePath("/admin/settings");
    return {
      message:
        input.twoFactorRequired === "off"
          ? "Saved: two-factor sign-in is optional."
          : "Saved: staff who must use two-factor sign-in set it up at their next page view.",
    };
  },
});

export const resetTwoFactorAction = defineFormAction({
  access: "admin.users",
  attempt: "user.reset_two_factor",
  input: resetTwoFactorSchema,
  async run(actor, input) {
    const { name } = await resetTwoFactor(actor, input.userId);
    revalidatePath("/admin/users");
    return { message: `Two-factor sign-in of ${name} was reset; their sessions have ended.` };
  },
});
