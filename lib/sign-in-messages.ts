/**
 * What the sign-in form says, from the configured numbers (LOCKOUT_THRESHOLD,
 * LOCKOUT_MINUTES, SIGNIN_IP_LIMIT), never from copies of their defaults.
 * Pure: the server builds the texts, the form (a client component) shows them.
 */
export type LockoutPolicy = { threshold: number; minutes: number };

/** Error codes next-auth hands to the form in `signIn()`'s result. */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

import { plural } from "@/lib/format";

/**
 * The one message for every failed sign-in, whatever the cause. It names the
 * code only once the form asks for one (which the client knows anyway).
 */
export function signInFailedMessage({ threshold, minutes }: LockoutPolicy, withCode = false): string {
  const check = withCode ? "your email, password and code" : "your email and password";
  return `Sign-in failed. Check ${check}. After ${plural(threshold, "failed attempt")} the account is locked for ${plural(minutes, "minute")}.`;
}

/** SIGNIN_IP_LIMIT reached: `withinMinutes` is when the address's window ends at the latest. */
export function tooManyAttemptsMessage(withinMinutes: number): string {
  const minutes = Math.max(1, Math.ceil(withinMinutes));
  return `Too many failed sign-ins from your network. Try again within ${plural(minutes, "minute")}.`;
}
