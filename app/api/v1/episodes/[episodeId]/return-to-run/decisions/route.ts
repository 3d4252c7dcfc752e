import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { decideReturnToRun } from "@/lib/data/return-to-run";
import { parseWithIssues } from "@/lib/validation/assessment";
import { returnToRunDecisionSchema } from "@/lib/validation/return-to-run";

/**
 * POST /api/v1/episodes/{id}/return-to-run/decisions {step, toStage?, reason?, entryCriteria?, basedOnDecisions}
 * -> 201 the plan after the decision. 400 naming the field (`reason` when overriding the proposal or skipping a
 * stage, `entryCriteria.met.hops_pain_free` when a criterion is not met, `step`, `toStage`), 403 viewer, 404 other
 * clinic, 409 no plan, plan complete, running not allowed by the advice, or changed since basedOnDecisions.
 */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(returnToRunDecisionSchema, await readJsonBody(req, 16 * 1024));
  return NextResponse.json(await decideReturnToRun(actor, params.episodeId, input), { status: 201 });
});
