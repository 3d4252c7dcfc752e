import { apiRoute, queryObject } from "@/lib/api";
import { clinicOutcomes } from "@/lib/data/outcomes";
import { ValidationError } from "@/lib/errors";
import { outcomesCsv } from "@/lib/export/outcomes-csv";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { outcomesApiQuerySchema } from "@/lib/validation/outcomes";

/**
 * GET /api/v1/analytics/outcomes/csv?<the same filters> -> the outcome
 * figures as CSV (the Outcomes page's download): aggregates only, no patient
 * names or ids, "<5" for suppressed cells. Audited like the JSON.
 */
export const GET = apiRoute("outcomes.read", async ({ req, actor }) => {
  const parsed = outcomesApiQuerySchema.safeParse(queryObject(req));
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  const report = await clinicOutcomes(actor, parsed.data, "export");
  return new Response(outcomesCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="outcomes-${report.from}-to-${report.to}-${report.groupBy}.csv"`,
    },
  });
});
