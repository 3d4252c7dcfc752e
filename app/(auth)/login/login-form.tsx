"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, TextInput } from "@/app/_components/ui/field";

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .pipe(z.email({ error: "Enter a valid email address, like name@clinic.org" })),
  password: z.string().min(1, "Enter your password"),
});

type Errors = Partial<Record<"email" | "password" | "form", string>>;

// One message for every failure, so the form never reveals whether an email exists.
const FAILED = "Sign-in failed. Check your email and password. After 5 failed attempts the account is locked for 15 minutes.";

export function LoginForm({ callbackUrl, reason }: { callbackUrl: string; reason?: "expired" | "error" }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = schema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as "email" | "password"] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      if (!result || result.error || !result.ok) {
        setErrors({
          form:
            result?.status === 503 || result?.status === 500
              ? "The server could not check your sign-in right now. Please try again in a moment."
              : FAILED,
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
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={errors.form ? "form-error" : undefined}>
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
        <TextInput id="email" type="email" autoComplete="username" autoFocus required error={errors.email} />
      </Field>
      <Field id="password" label="Password" error={errors.password}>
        <TextInput id="password" type="password" autoComplete="current-password" required error={errors.password} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
