import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { withdrawQuestionnaireRequest } from "@/lib/data/questionnaires";

/** POST /api/v1/episodes/{id}/questionnaire-requests/{requestId}/withdraw -> the request, withdrawn: its link stops working. */
export const POST = apiRoute<{ episodeId: string; requestId: string }>("portal.manage", async ({ actor, params }) => {
  return NextResponse.json(await withdrawQuestionnaireRequest(actor, params.episodeId, params.requestId));
});
