import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { getPatientRecord } from "@/lib/data/patients";

/** GET /api/v1/patients/{id}: demographics, episodes and assessment history (audited view). */
export const GET = apiRoute<{ patientId: string }>("patient.read", async ({ actor, params }) => {
  return NextResponse.json(await getPatientRecord(actor, params.patientId));
});
