import { NextResponse } from "next/server";
import { apiRoute, queryObject } from "@/lib/api";
import { clinicOutcomes } from "@/lib/data/outcomes";
import { ValidationError } from "@/lib/errors";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { outcomesApiQuerySchema } from "@/lib/validation/outcomes";

/**
 * GET /api/v1/analytics/outcomes?from=&to=&groupBy=&clinicianId=&consideration=
 * -> the clinic's outcome figures (docs/outcomes.md): aggregates only, cells
 * under 5 episodes suppressed. Admins and clinicians of the clinic; audited.
 */
export const GET = apiRoute("outcomes.read", async ({ req, actor }) => {
  const parsed = outcomesApiQuerySchema.safeParse(queryObject(req));
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  return NextResponse.json(await clinicOutcomes(actor, parsed.data));
});
