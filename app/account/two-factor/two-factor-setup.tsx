"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button, ButtonLink } from "@/app/_components/ui/button";
import { Field, TextInput } from "@/app/_components/ui/field";
import { confirmTwoFactorAction, startTwoFactorAction } from "@/lib/actions/two-factor";

/** Setup in three steps: start (a fresh secret), scan and confirm with a code, save the recovery codes. */
export function TwoFactorSetup() {
  const { state: started, onSubmit: onStart, pending: starting, formRef: startRef } = useFormAction(startTwoFactorAction);
  const { state: confirmed, onSubmit: onConfirm, pending: confirming, formRef: confirmRef } = useFormAction(confirmTwoFactorAction);
  const enrolment = started.ok ? started.data : undefined;
  const recoveryCodes = confirmed.ok ? confirmed.data?.recoveryCodes : undefined;

  if (recoveryCodes) {
    return (
      <div className="space-y-3">
        <FormStatus state={confirmed} />
        <h2 className="text-base font-semibold">Your recovery codes</h2>
        <p className="text-slate-700">
          Each code signs you in once instead of the app, if you lose your phone. Keep them somewhere safe (a password manager or a printed
          copy). They are shown only now.
        </p>
        <ul
          aria-label="Recovery codes"
          className="grid max-w-md grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm ring-1 ring-slate-200"
        >
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <ButtonLink href="/patients" variant="primary">
          I have saved them: continue
        </ButtonLink>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <form ref={startRef} onSubmit={onStart} className="space-y-3">
        <FormStatus state={started} />
        <p className="text-slate-700">
          You need an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or 1Password).
        </p>
        <Button type="submit" disabled={starting} aria-busy={starting}>
          {starting ? "Preparing…" : "Set up two-factor sign-in"}
        </Button>
      </form>
    );
  }

  const e = confirmed.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-slate-800">
        <li>In your authenticator app, add an account and scan this QR code.</li>
        <li>Enter the 6-digit code the app then shows for Knee Clinic.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
        <img
          src={enrolment.qrCode}
          alt="QR code to add Knee Clinic to your authenticator app"
          width={192}
          height={192}
          className="rounded-md ring-1 ring-slate-200"
        />
        <div className="space-y-1 text-sm">
          <p className="font-medium">Cannot scan it?</p>
          <p className="text-slate-700">Type this setup key into the app (time-based, 6 digits):</p>
          <p>
            <code id="totp-secret" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono">
              {enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}
            </code>
          </p>
        </div>
      </div>
      <form ref={confirmRef} onSubmit={onConfirm} noValidate className="max-w-xs space-y-3">
        <FormStatus state={confirmed} />
        <Field id="totp-confirm" label="Code from the app" error={e.code} required>
          <TextInput id="totp-confirm" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={9} error={e.code} />
        </Field>
        <Button type="submit" disabled={confirming} aria-busy={confirming}>
          {confirming ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
      </form>
    </div>
  );
}
