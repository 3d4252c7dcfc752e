import type { Metadata } from "next";
import Link from "next/link";
import { mustEnrolTwoFactor, requireSignedIn } from "@/lib/auth";
import { twoFactorStatus } from "@/lib/data/two-factor";
import { formatDateTime } from "@/lib/format";
import { SignOutButton } from "@/app/_components/layout/sign-out-button";
import { Alert } from "@/app/_components/ui/alert";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { TwoFactorSetup } from "./two-factor-setup";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/**
 * A user's own second factor: set it up (QR code, a code to confirm, ten
 * recovery codes shown once) or see that it is on. Outside the clinic layout
 * on purpose: a user whose clinic requires two-factor sign-in is sent here
 * right after signing in and can reach nothing else until it is set up.
 */
export default async function TwoFactorPage() {
  const user = await requireSignedIn();
  const status = await twoFactorStatus(user.actor);
  const forced = mustEnrolTwoFactor(user);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <p className="font-semibold text-slate-900">
            Knee Clinic <span className="ml-2 text-xs font-normal text-slate-500">{user.actor.clinicName}</span>
          </p>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700">{user.actor.name}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-4 px-4 py-5">
        <PageHeader
          title="Two-factor sign-in"
          subtitle="A code from an authenticator app on your phone, asked after your password at every sign-in."
          actions={
            forced ? null : (
              <Link href="/patients" className="text-sm font-medium text-sky-800 underline-offset-2 hover:underline">
                Back to the caseload
              </Link>
            )
          }
        />
        {forced ? (
          <Alert tone="warning" title="Required by your clinic">
            {user.actor.clinicName} requires two-factor sign-in for your account. Set it up now to continue; it takes about a minute.
          </Alert>
        ) : null}
        <Card>
          {status.enrolled ? (
            <div className="space-y-2">
              <p>
                <span className="font-semibold">On</span> since {formatDateTime(status.enrolledAt, user.actor.timezone)}.{" "}
                {status.recoveryCodesLeft} of 10 recovery codes left.
              </p>
              <p className="text-slate-700">
                New phone or lost it? Ask an administrator of your clinic to reset your two-factor sign-in, then set it up again.
              </p>
            </div>
          ) : (
            <TwoFactorSetup />
          )}
        </Card>
      </main>
    </div>
  );
}
