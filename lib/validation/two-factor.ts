import { z } from "zod";
import { chooseOne } from "@/lib/validation/messages";
import { uuid } from "@/lib/validation/common";

/** The clinic setting: who must sign in with a second factor. */
export const TWO_FACTOR_POLICIES = ["off", "admins", "everyone"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

export const TWO_FACTOR_POLICY_LABELS: Record<TwoFactorPolicy, string> = {
  off: "Not required (staff may still set it up)",
  admins: "Required for administrators",
  everyone: "Required for everyone",
};

export const twoFactorPolicySchema = z.object({
  twoFactorRequired: z.enum(TWO_FACTOR_POLICIES, { error: chooseOne("two-factor policy", TWO_FACTOR_POLICIES) }),
});

/** The code that confirms an authenticator during setup. */
export const confirmTwoFactorSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app" })
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app (digits only)")),
});

export const resetTwoFactorSchema = z.object({ userId: uuid });
