import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { correctEpisode } from "@/lib/data/episode-corrections";
import { parseWithIssues } from "@/lib/validation/assessment";
import { episodeCorrectionSchema } from "@/lib/validation/patients";

/**
 * POST /api/v1/episodes/{id}/corrections {side, onsetDate?, mechanism?, reason} -> the corrected episode.
 * 400 naming the field (a discharged episode, nothing changed, no reason), 403 viewer, 404 other clinic.
 */
export const POST = apiRoute<{ episodeId: string }>("patient.write", async ({ req, actor, params }) => {
  const body = await readJsonBody(req, 4 * 1024);
  const input = parseWithIssues(episodeCorrectionSchema, {
    ...(typeof body === "object" && body ? body : {}),
    episodeId: params.episodeId,
  });
  return NextResponse.json(await correctEpisode(actor, input));
});
