import { requirePermission } from "@/lib/auth";
import { NavLink } from "@/app/_components/layout/nav-link";

/** Admin pages: only administrators of the clinic (viewers and clinicians get 403). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("admin.users");
  return (
    <div>
      <nav aria-label="Administration" className="mb-4 border-b border-slate-200 pb-2">
        <ul className="flex flex-wrap gap-1">
          <li>
            <NavLink href="/admin/users">Users</NavLink>
          </li>
          <li>
            <NavLink href="/admin/settings">Clinic settings</NavLink>
          </li>
          <li>
            <NavLink href="/admin/exercises">Exercises</NavLink>
          </li>
          <li>
            <NavLink href="/admin/audit">Audit log</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}
