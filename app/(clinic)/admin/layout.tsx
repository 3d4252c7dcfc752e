import { requirePermission } from "@/lib/auth";
import { NavLinks } from "@/app/_components/layout/nav-links";
import { ClientLinks } from "@/app/_components/ui/client-links";

const ADMIN_LINKS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/settings", label: "Clinic settings" },
  { href: "/admin/exercises", label: "Exercises" },
  { href: "/admin/audit", label: "Audit log" },
];

/** Admin pages: only administrators of the clinic (viewers and clinicians get 403). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("admin.users");
  return (
    <div>
      <nav aria-label="Administration" className="mb-4 border-b border-slate-200 pb-2">
        <ClientLinks>
          <NavLinks links={ADMIN_LINKS} />
        </ClientLinks>
      </nav>
      {children}
    </div>
  );
}
