import { apiRoute, queryObject } from "@/lib/api";
import { exportAuditEvents } from "@/lib/data/audit";
import { ValidationError } from "@/lib/errors";
import { auditCsv } from "@/lib/export/audit-csv";
import { todayIn } from "@/lib/format";
import { auditQuerySchema } from "@/lib/validation/audit";
import { toInputIssues } from "@/lib/validation/evaluate-input";

/**
 * GET /api/v1/audit/export?user=&mrn=&patient=&record=&action=&from=&to= ->
 * the filtered audit log as CSV (text/csv, an attachment), newest first, at
 * most 10,000 events (`X-Truncated: true` when there were more). The export
 * is itself audited ("audit.export"). Administrators only.
 */
export const GET = apiRoute("audit.read", async ({ req, actor }) => {
  const { cursor: _cursor, ...query } = queryObject(req);
  const parsed = auditQuerySchema.strict().safeParse(query);
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  const q = parsed.data;
  const { items, truncated } = await exportAuditEvents(actor, {
    userId: q.user,
    patientMrn: q.mrn,
    patientId: q.patient,
    recordId: q.record,
    action: q.action,
    from: q.from,
    to: q.to,
  });
  return new Response(`\uFEFF${auditCsv(items, actor.timezone)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${todayIn(actor.timezone)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Truncated": String(truncated),
    },
  });
});
