import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { getTimeline } from "@/lib/data/timeline";

/** GET /api/v1/patients/{id}/timeline: assessments with evaluations, runs and thresholds (audited view). */
export const GET = apiRoute<{ patientId: string }>("patient.read", async ({ actor, params }) => {
  return NextResponse.json(await getTimeline(actor, params.patientId));
});
