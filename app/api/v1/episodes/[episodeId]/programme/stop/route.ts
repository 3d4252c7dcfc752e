import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { stopProgramme } from "@/lib/data/programmes";
import { parseWithIssues } from "@/lib/validation/assessment";
import { stopProgrammeSchema } from "@/lib/validation/programme";

/**
 * POST /api/v1/episodes/{id}/programme/stop {reason, basedOnVersion} -> 201 the stop (a last version, `stopped: true`).
 * 400 naming the field, 403 viewer, 404 other clinic, 409 no programme, already stopped, discharged, or changed since basedOnVersion.
 */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(stopProgrammeSchema, await readJsonBody(req, 8 * 1024));
  return NextResponse.json(await stopProgramme(actor, params.episodeId, input), { status: 201 });
});
