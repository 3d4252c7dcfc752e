import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth";
import { listAuditEvents, type AuditEventRow } from "@/lib/data/audit";
import { listUsers } from "@/lib/data/users";
import { AUDIT_KIND_LABELS, auditActionLabel, auditActionsOf, type AuditKind } from "@/lib/domain/labels";
import { formatDateTime, zoneName } from "@/lib/format";
import { toFieldIssues } from "@/lib/validation/common";
import { auditQuerySchema } from "@/lib/validation/audit";
import { Alert } from "@/app/_components/ui/alert";
import { buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const FILTERS = ["user", "mrn", "patient", "record", "action", "from", "to"] as const;

/** The audit log's address with these query values (empty ones left out). */
function hrefWith(base: string, values: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
  return q.size ? `${base}?${q}` : base;
}

/** "What happened": the sentence, with a link to the record's events when the record is named. */
function What({ e, filters }: { e: AuditEventRow; filters: Record<string, string | undefined> }) {
  return (
    <>
      {e.text.kind === "refused" ? (
        <span className="mr-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300">
          Refused
        </span>
      ) : null}
      <span>{e.text.what}</span>
      {e.text.refusal ? <span className="block text-slate-700">Why: {e.text.refusal}</span> : null}
      {e.entityId && e.recordName && filters.record !== e.entityId ? (
        <Link
          className="block text-xs text-sky-800 underline"
          href={hrefWith("/admin/audit", { ...filters, record: e.entityId, cursor: undefined })}
        >
          All events of {e.recordName}
        </Link>
      ) : null}
    </>
  );
}

function Changes({ e }: { e: AuditEventRow }) {
  if (e.text.changes.length === 0 && e.text.facts.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {e.text.changes.map((c) => (
        <li key={`c-${c.field}`}>
          <span className="font-medium">{c.field}:</span> {c.before} <span aria-hidden="true">→</span>
          <span className="sr-only">changed to</span> {c.after}
        </li>
      ))}
      {e.text.facts.map((f) => (
        <li key={`f-${f}`} className="text-slate-600">
          {f}
        </li>
      ))}
    </ul>
  );
}

function EventsTable({
  items,
  timezone,
  filters,
}: {
  items: AuditEventRow[];
  timezone: string;
  filters: Record<string, string | undefined>;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              When
            </th>
            <th scope="col" className={thClass}>
              Who
            </th>
            <th scope="col" className={thClass}>
              What happened
            </th>
            <th scope="col" className={thClass}>
              Patient
            </th>
            <th scope="col" className={thClass}>
              Changes and details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((e) => (
            <tr key={e.id} data-testid="audit-event">
              <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(e.at, timezone)}</td>
              <td className={tdClass}>{e.actorName}</td>
              <td className={tdClass}>
                <What e={e} filters={filters} />
              </td>
              <td className={tdClass}>
                {e.patientId ? (
                  <Link
                    className="text-sky-800 underline"
                    href={hrefWith("/admin/audit", { ...filters, patient: e.patientId, mrn: undefined })}
                    title="Show this patient's events"
                  >
                    {e.patientName ?? "Unknown patient"}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className={`${tdClass} text-xs`}>
                <Changes e={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// eslint-disable-next-line max-lines-per-function -- the audit log page: its filters, its table and paging, top to bottom
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditQuerySchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of toFieldIssues(parsed.error)) errors[i.path] ??= i.message;
  const q = parsed.success ? parsed.data : {};
  const users = await listUsers(actor);
  const page = parsed.success
    ? await listAuditEvents(actor, {
        userId: q.user,
        patientMrn: q.mrn,
        patientId: q.patient,
        recordId: q.record,
        action: q.action,
        from: q.from,
        to: q.to,
        cursor: q.cursor,
        limit: PAGE_SIZE,
      })
    : { items: [], nextCursor: null };
  const filters = Object.fromEntries(FILTERS.map((k) => [k, raw[k]]));
  const now = new Date();
  const first = page.items[0];
  const last = page.items[page.items.length - 1];

  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit log"
        subtitle={`Every sign-in, view and change of a record in your clinic, and every refused change, newest first. Times are the clinic's (${actor.timezone.replaceAll("_", " ")}, now ${zoneName(now, actor.timezone)}).`}
        actions={
          parsed.success ? (
            <a className={buttonClass("secondary")} href={hrefWith("/api/v1/audit/export", filters)} download>
              Download CSV of these events
            </a>
          ) : null
        }
      />
      <Card>
        <form method="get" className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter audit events">
          <Field id="user" label="Person" error={errors.user}>
            <Select id="user" name="user" defaultValue={raw.user ?? ""} error={errors.user}>
              <option value="">Everyone</option>
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
          <Field id="action" label="Kind of action" error={errors.action}>
            <Select id="action" name="action" defaultValue={raw.action ?? ""} error={errors.action}>
              <option value="">All actions</option>
              {(Object.keys(AUDIT_KIND_LABELS) as AuditKind[]).map((kind) => (
                <optgroup key={kind} label={AUDIT_KIND_LABELS[kind]}>
                  <option value={kind}>All: {AUDIT_KIND_LABELS[kind].toLowerCase()}</option>
                  {auditActionsOf(kind)
                    .filter((a) => auditActionsOf(kind).length > 1 && a !== "write.refused")
                    .map((a) => (
                      <option key={a} value={a}>
                        {auditActionLabel(a)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <Field id="from" label="From (date)" error={errors.from}>
            <TextInput id="from" name="from" type="date" defaultValue={raw.from ?? ""} error={errors.from} />
          </Field>
          <Field id="to" label="To (date)" error={errors.to}>
            <TextInput id="to" name="to" type="date" defaultValue={raw.to ?? ""} error={errors.to} />
          </Field>
          {raw.patient ? <input type="hidden" name="patient" value={raw.patient} /> : null}
          {raw.record ? <input type="hidden" name="record" value={raw.record} /> : null}
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Filter
            </button>
            <Link href="/admin/audit" className={buttonClass("secondary")}>
              Clear
            </Link>
          </div>
        </form>
        {raw.patient || raw.record ? (
          <p className="mt-3 text-sm text-slate-700">
            {raw.patient ? <>Only the events of one patient{first?.patientName ? ` (${first.patientName})` : ""}. </> : null}
            {raw.record ? <>Only the events of one record{first?.recordName ? ` (${first.recordName})` : ""}. </> : null}
            <Link className="text-sky-800 underline" href={hrefWith("/admin/audit", { ...filters, patient: undefined, record: undefined })}>
              Show all patients and records
            </Link>
          </p>
        ) : null}
      </Card>
      {!parsed.success ? (
        <Alert tone="error" title="Check the filters">
          {errors.cursor ?? errors.patient ?? errors.record ?? "Fix the fields marked above to see events."}
        </Alert>
      ) : null}
      <Card title="Events">
        {page.items.length === 0 ? (
          <p className="text-slate-600">No events match these filters.</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600" aria-live="polite">
              {raw.cursor ? "An older page: " : "The newest: "}
              {page.items.length} {page.items.length === 1 ? "event" : "events"}, from {formatDateTime(first!.at, actor.timezone)} back to{" "}
              {formatDateTime(last!.at, actor.timezone)}.
            </p>
            <EventsTable items={page.items} timezone={actor.timezone} filters={filters} />
          </>
        )}
        <div className="mt-3 flex gap-2">
          {raw.cursor ? (
            <Link href={hrefWith("/admin/audit", filters)} className={buttonClass("secondary")}>
              Newest events
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link href={hrefWith("/admin/audit", { ...filters, cursor: page.nextCursor })} className={buttonClass("secondary")}>
              Older events
            </Link>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
