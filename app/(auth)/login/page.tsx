import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(value: string | undefined): string {
  // Only same-site paths: never redirect to another origin after sign-in.
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/login") ? value : "/patients";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getActor().catch(() => null)) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-slate-900">Knee Clinic</p>
          <p className="text-sm text-slate-600">Medial knee pain in runners</p>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <LoginForm callbackUrl={callbackUrl} reason={params.reason === "expired" ? "expired" : params.error ? "error" : undefined} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">
          For authorised clinic staff only. Every access to a patient record is logged.
        </p>
      </div>
    </main>
  );
}
