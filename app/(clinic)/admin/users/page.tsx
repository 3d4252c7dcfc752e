import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain/access";
import { listUsers } from "@/lib/data/users";
import { formatDateTime } from "@/lib/format";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { CreateUserForm, EditUserForm } from "./user-forms";

export const metadata: Metadata = { title: "Users" };

const COLUMNS = ["Name", "Email", "Role", "Status", "Two-factor", "Last sign-in"];

export default async function UsersPage() {
  const actor = await requirePermission("admin.users");
  const users = await listUsers(actor);
  const now = new Date();
  return (
    <div className="space-y-4">
      <PageHeader title="Users" subtitle={`Staff accounts of ${actor.clinicName}. Accounts are deactivated, never deleted.`} />
      <Card title="Accounts">
        <div className="relative overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">Staff accounts</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className={thClass}>
                    {c}
                  </th>
                ))}
                <th scope="col" className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className={tdClass}>
                    {u.name}
                    {u.title ? <span className="block text-xs text-slate-500">{u.title}</span> : null}
                  </td>
                  <td className={tdClass}>{u.email}</td>
                  <td className={tdClass}>{ROLE_LABELS[u.role]}</td>
                  <td className={tdClass}>
                    {!u.active
                      ? "Deactivated"
                      : u.lockedUntil && u.lockedUntil > now
                        ? `Locked until ${formatDateTime(u.lockedUntil, actor.timezone)}`
                        : "Active"}
                  </td>
                  <td className={tdClass}>{u.totpEnabledAt ? "On" : "Off"}</td>
                  <td className={tdClass}>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, actor.timezone) : "Never"}</td>
                  <td className={tdClass}>
                    <EditUserForm
                      user={{
                        id: u.id,
                        name: u.name,
                        role: u.role,
                        title: u.title ?? "",
                        phone: u.phone ?? "",
                        active: u.active,
                        email: u.email,
                        twoFactor: !!u.totpEnabledAt,
                      }}
                      isSelf={u.id === actor.userId}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Add a user">
        <CreateUserForm />
      </Card>
    </div>
  );
}
