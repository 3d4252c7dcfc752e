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
      <a href="#main" className="app-skip-link">
        Skip to content
      </a>
      {/* Its classes in globals.css (`.app-header`): the header is rendered with every page. */}
      <header className="app-header">
        <ClientLinks className="app-header-bar">
          <div className="app-header-start">
            <PlainLink href="/patients" className="app-name">
              Knee Clinic
              <span>{actor.clinicName}</span>
            </PlainLink>
            <nav aria-label="Main">
              <NavLinks links={links} />
            </nav>
          </div>
          <div className="app-header-end">
            <span className="app-user">
              {actor.name} <span>· {ROLE_LABELS[actor.role]}</span>
            </span>
            <PlainLink href="/account/two-factor" className="app-header-link">
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
