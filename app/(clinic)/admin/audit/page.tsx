import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth";
import { listAuditEvents } from "@/lib/data/audit";
import { listUsers } from "@/lib/data/users";
import { formatDateTime } from "@/lib/format";
import { toFieldIssues } from "@/lib/validation/common";
import { auditQuerySchema } from "@/lib/validation/audit";
import { Alert } from "@/app/_components/ui/alert";
import { buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditQuerySchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of toFieldIssues(parsed.error)) errors[i.path] ??= i.message;
  const q = parsed.success ? parsed.data : {};
  const users = await listUsers(actor);
  const page = parsed.success
    ? await listAuditEvents(actor, { userId: q.user, patientMrn: q.mrn, from: q.from, to: q.to, cursor: q.cursor, limit: 50 })
    : { items: [], nextCursor: null };
  const nextParams = new URLSearchParams(
    Object.entries({ ...raw, cursor: page.nextCursor ?? "" }).filter((e): e is [string, string] => !!e[1]),
  );

  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit log"
        subtitle={`Every sign-in, view and change of a record in your clinic, newest first. Times and dates are the clinic's (${actor.timezone.replaceAll("_", " ")}).`}
      />
      <Card>
        <form method="get" className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter audit events">
          <Field id="user" label="User" error={errors.user}>
            <Select id="user" name="user" defaultValue={raw.user ?? ""} error={errors.user}>
              <option value="">All users</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="mrn" label="Patient MRN" error={errors.mrn}>
            <TextInput id="mrn" name="mrn" defaultValue={raw.mrn ?? ""} error={errors.mrn} />
          </Field>
          <Field id="from" label="From (date)" error={errors.from}>
            <TextInput id="from" name="from" type="date" defaultValue={raw.from ?? ""} error={errors.from} />
          </Field>
          <Field id="to" label="To (date)" error={errors.to}>
            <TextInput id="to" name="to" type="date" defaultValue={raw.to ?? ""} error={errors.to} />
          </Field>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Filter
            </button>
            <Link href="/admin/audit" className={buttonClass("secondary")}>
              Clear
            </Link>
          </div>
        </form>
      </Card>
      {!parsed.success ? (
        <Alert tone="error" title="Check the filters">
          {errors.cursor ?? "Fix the fields marked above to see events."}
        </Alert>
      ) : null}
      <Card title="Events">
        {page.items.length === 0 ? (
          <p className="text-slate-600">No events match these filters.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={tableClass}>
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    Time (UTC)
                  </th>
                  <th scope="col" className={thClass}>
                    User
                  </th>
                  <th scope="col" className={thClass}>
                    Action
                  </th>
                  <th scope="col" className={thClass}>
                    Record
                  </th>
                  <th scope="col" className={thClass}>
                    Patient
                  </th>
                  <th scope="col" className={thClass}>
                    Detail
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((e) => (
                  <tr key={e.id}>
                    <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(e.at, actor.timezone)}</td>
                    <td className={tdClass}>{e.userName ?? "—"}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{e.action}</td>
                    <td className={tdClass}>
                      {e.entityType}
                      {e.entityId ? <span className="block font-mono text-xs text-slate-500">{e.entityId.slice(0, 8)}</span> : null}
                    </td>
                    <td className={tdClass}>
                      {e.patientId ? (
                        <Link className="text-sky-800 underline" href={`/patients/${e.patientId}`}>
                          {e.patientName ?? e.patientId.slice(0, 8)}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td
                      className={`${tdClass} max-w-xs truncate font-mono text-xs`}
                      title={e.detail ? JSON.stringify(e.detail) : undefined}
                    >
                      {e.detail ? JSON.stringify(e.detail) : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextCursor ? (
          <div className="mt-3">
            <Link href={`/admin/audit?${nextParams.toString()}`} className={buttonClass("secondary")}>
              Older events
            </Link>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
