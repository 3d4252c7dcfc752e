import { Suspense } from "react";
import { requireUser } from "@/lib/auth";
import { can, ROLE_LABELS } from "@/lib/domain/access";
import { SignOutButton } from "@/app/_components/layout/sign-out-button";
import { NavLinks } from "@/app/_components/layout/nav-links";
import { NavigationProgress } from "@/app/_components/layout/navigation-progress";
import { ClientLinks } from "@/app/_components/ui/client-links";
import { PlainLink } from "@/app/_components/ui/plain-link";

/**
 * Every page under (clinic) needs a signed-in, active user. The header's
 * links are plain links followed by one ClientLinks listener, the main
 * navigation one client component: the layout is rendered with every page.
 */
export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser();
  const links = [
    { href: "/patients", label: "Caseload" },
    { href: "/referrals", label: "Referrals" },
    ...(can(actor, "outcomes.read") ? [{ href: "/outcomes", label: "Outcomes" }] : []),
    ...(can(actor, "admin.users") ? [{ href: "/admin", label: "Admin" }] : []),
  ];
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
        <ClientLinks className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
            <PlainLink href="/patients" className="font-semibold text-slate-900">
              Knee Clinic
              <span className="ml-2 text-xs font-normal text-slate-500">{actor.clinicName}</span>
            </PlainLink>
            <nav aria-label="Main">
              <NavLinks links={links} />
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              {actor.name} <span className="text-xs text-slate-500">· {ROLE_LABELS[actor.role]}</span>
            </span>
            <PlainLink href="/account/two-factor" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              Two-factor sign-in
            </PlainLink>
            <SignOutButton />
          </div>
        </ClientLinks>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-5">
        {children}
      </main>
    </div>
  );
}
