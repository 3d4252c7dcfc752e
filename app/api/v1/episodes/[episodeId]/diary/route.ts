import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { getEpisodeDiary } from "@/lib/data/diary";

/** GET /api/v1/episodes/{id}/diary -> {links, entries, alerts}: the runner's diary of the episode. */
export const GET = apiRoute<{ episodeId: string }>("assessment.read", async ({ actor, params }) => {
  return NextResponse.json(await getEpisodeDiary(actor, params.episodeId));
});
