"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, TextInput } from "@/app/_components/ui/field";
import {
  SECOND_FACTOR_REQUIRED,
  TOO_MANY_ATTEMPTS,
  signInFailedMessage,
  tooManyAttemptsMessage,
  type LockoutPolicy,
} from "@/lib/sign-in-messages";

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .pipe(z.email({ error: "Enter a valid email address, like name@clinic.org" })),
  password: z.string().min(1, "Enter your password"),
});
const totpSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));
const recoverySchema = z.string().trim().min(1, "Enter one of your recovery codes, like 4f7k-9w2m-x0qa");

type FieldName = "email" | "password" | "totp" | "recoveryCode";
type Errors = Partial<Record<FieldName | "form", string>>;
type Step = "password" | "totp" | "recoveryCode";

export type LoginFormProps = {
  callbackUrl: string;
  reason?: "expired" | "error";
  /** LOCKOUT_THRESHOLD and LOCKOUT_MINUTES, for the one message of every failed sign-in. */
  lockout: LockoutPolicy;
  /** SIGNIN_IP_LIMIT's window, for the message when an address is over its limit. */
  addressWindowMinutes: number;
};

// eslint-disable-next-line max-lines-per-function -- the sign-in steps (password, then code or recovery code) kept together
export function LoginForm({ callbackUrl, reason, lockout, addressWindowMinutes }: LoginFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<Step>("password");
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step !== "password") codeRef.current?.focus();
  }, [step]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Errors = {};
    const parsed = schema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) for (const issue of parsed.error.issues) next[issue.path[0] as FieldName] ??= issue.message;
    let secondFactor: { totp: string } | { recoveryCode: string } | Record<string, never> = {};
    if (step === "totp") {
      const code = totpSchema.safeParse(form.get("totp") ?? "");
      if (code.success) secondFactor = { totp: code.data };
      else next.totp = code.error.issues[0]!.message;
    } else if (step === "recoveryCode") {
      const code = recoverySchema.safeParse(form.get("recoveryCode") ?? "");
      if (code.success) secondFactor = { recoveryCode: code.data };
      else next.recoveryCode = code.error.issues[0]!.message;
    }
    if (!parsed.success || Object.keys(next).length) {
      setErrors(next);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, ...secondFactor, redirect: false });
      if (result?.error === SECOND_FACTOR_REQUIRED) {
        setStep((s) => (s === "password" ? "totp" : s));
        return;
      }
      if (!result || result.error || !result.ok) {
        setErrors({
          form:
            result?.status === 429 || result?.error === TOO_MANY_ATTEMPTS
              ? tooManyAttemptsMessage(addressWindowMinutes)
              : result?.status === 503 || result?.status === 500
                ? "The server could not check your sign-in right now. Please try again in a moment."
                : signInFailedMessage(lockout, step !== "password"),
        });
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setErrors({ form: "The server could not be reached. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    // method="post": submitted before the page's script has loaded (or without it), the form must not put the password in the address, the history and the server's logs; signing in itself needs the script (next-auth's client).
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={errors.form ? "form-error" : undefined}>
      {reason === "expired" && !errors.form ? (
        <Alert tone="info" title="Your session ended">
          You were signed out after a period of inactivity. Sign in again to continue.
        </Alert>
      ) : null}
      {errors.form ? (
        <div id="form-error">
          <Alert tone="error" title="Not signed in">
            {errors.form}
          </Alert>
        </div>
      ) : null}
      <Field id="email" label="Email" error={errors.email}>
        <TextInput id="email" name="email" type="email" autoComplete="username" autoFocus required error={errors.email} />
      </Field>
      <Field id="password" label="Password" error={errors.password}>
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      </Field>
      {step !== "password" ? (
        <fieldset className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <legend className="sr-only">Second factor</legend>
          {step === "totp" ? (
            <Field id="totp" label="Authentication code" error={errors.totp} hint="The 6-digit code your authenticator app shows now.">
              <TextInput
                ref={codeRef}
                id="totp"
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={9}
                required
                error={errors.totp}
                hint
              />
            </Field>
          ) : (
            <Field
              id="recoveryCode"
              label="Recovery code"
              error={errors.recoveryCode}
              hint="One of the ten codes you saved when you set up two-factor sign-in. Each works once."
            >
              <TextInput ref={codeRef} id="recoveryCode" name="recoveryCode" autoComplete="off" required error={errors.recoveryCode} hint />
            </Field>
          )}
          <button
            type="button"
            className="text-xs font-medium text-sky-800 underline underline-offset-2"
            onClick={() => {
              setErrors({});
              setStep(step === "totp" ? "recoveryCode" : "totp");
            }}
          >
            {step === "totp" ? "Use a recovery code instead" : "Use the authenticator app instead"}
          </button>
        </fieldset>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : step === "password" ? "Sign in" : "Verify and sign in"}
      </Button>
    </form>
  );
}
