import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { appOrigin, getActor } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a place in this app, else the caseload (lib/safe-redirect.ts).
  const callbackUrl = safeCallbackPath(params.callbackUrl, appOrigin());
  if (await getActor().catch(() => null)) redirect(callbackUrl);
  const env = getEnv();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-slate-900">Knee Clinic</p>
          <p className="text-sm text-slate-600">Medial knee pain in runners</p>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <LoginForm
            callbackUrl={callbackUrl}
            reason={params.reason === "expired" ? "expired" : params.error ? "error" : undefined}
            lockout={{ threshold: env.LOCKOUT_THRESHOLD, minutes: env.LOCKOUT_MINUTES }}
            addressWindowMinutes={env.SIGNIN_IP_LIMIT.minutes}
          />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">
          For authorised clinic staff only. Every access to a patient record is logged.
        </p>
      </div>
    </main>
  );
}
