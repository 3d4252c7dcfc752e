import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { reviewQuestionnaire } from "@/lib/data/questionnaires";

/** POST /api/v1/episodes/{id}/questionnaire-requests/{requestId}/review: a returned questionnaire has been read; it leaves the caseload. */
export const POST = apiRoute<{ episodeId: string; requestId: string }>("portal.manage", async ({ actor, params }) => {
  await reviewQuestionnaire(actor, params.episodeId, params.requestId);
  return NextResponse.json({ reviewed: true });
});
