import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { episodeRedFlags, recordRedFlagAction } from "@/lib/data/red-flags";
import { parseWithIssues } from "@/lib/validation/assessment";
import { redFlagActionSchema } from "@/lib/validation/red-flags";

/**
 * POST /api/v1/episodes/{id}/red-flag-actions {code, assessmentId?, action, reason?, note?}
 * -> 201 the action recorded ({id, code, assessmentId, action, reason, note, actedBy: {id, name}, actedAt}).
 * 400 naming the field (no open flag of that code, reason missing with not_applicable), 403 viewer, 404 other clinic.
 */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(redFlagActionSchema, await readJsonBody(req, 8 * 1024));
  return NextResponse.json(await recordRedFlagAction(actor, params.episodeId, input), { status: 201 });
});

/** GET /api/v1/episodes/{id}/red-flag-actions -> {openRedFlags, redFlagActions} of the episode (audited view). */
export const GET = apiRoute<{ episodeId: string }>("patient.read", async ({ actor, params }) => {
  return NextResponse.json(await episodeRedFlags(actor, params.episodeId));
});
