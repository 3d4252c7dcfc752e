import Link from "next/link";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth";
import { can, ROLE_LABELS } from "@/lib/domain/access";
import { SignOutButton } from "@/app/_components/layout/sign-out-button";
import { NavLink } from "@/app/_components/layout/nav-link";
import { NavigationProgress } from "@/app/_components/layout/navigation-progress";

/** Every page under (clinic) needs a signed-in, active user. */
export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser();
  return (
    <div className="min-h-screen">
      <Suspense fallback={null}>
        <NavigationProgress />
      </Suspense>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
            <Link href="/patients" className="font-semibold text-slate-900">
              Knee Clinic
              <span className="ml-2 text-xs font-normal text-slate-500">{actor.clinicName}</span>
            </Link>
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-1">
                <li>
                  <NavLink href="/patients">Caseload</NavLink>
                </li>
                <li>
                  <NavLink href="/referrals">Referrals</NavLink>
                </li>
                {can(actor, "outcomes.read") ? (
                  <li>
                    <NavLink href="/outcomes">Outcomes</NavLink>
                  </li>
                ) : null}
                {can(actor, "admin.users") ? (
                  <li>
                    <NavLink href="/admin">Admin</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              {actor.name} <span className="text-xs text-slate-500">· {ROLE_LABELS[actor.role]}</span>
            </span>
            <Link href="/account/two-factor" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              Two-factor sign-in
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-5">
        {children}
      </main>
    </div>
  );
}
