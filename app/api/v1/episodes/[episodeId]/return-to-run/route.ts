import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { createReturnToRunPlan, getReturnToRun } from "@/lib/data/return-to-run";

/** GET /api/v1/episodes/{id}/return-to-run -> {returnToRun: the plan (stage, mode, proposal, history) | null} (audited view). */
export const GET = apiRoute<{ episodeId: string }>("patient.read", async ({ actor, params }) => {
  return NextResponse.json({ returnToRun: await getReturnToRun(actor, params.episodeId) });
});

/** POST /api/v1/episodes/{id}/return-to-run (no body) -> 201 the plan made from the clinic's ladder. 403 viewer, 404 other clinic, 409 not open or a plan already. */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ actor, params }) => {
  return NextResponse.json(await createReturnToRunPlan(actor, params.episodeId), { status: 201 });
});
