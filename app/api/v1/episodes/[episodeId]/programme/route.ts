import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { getProgramme, saveProgramme } from "@/lib/data/programmes";
import { parseWithIssues } from "@/lib/validation/assessment";
import { programmeSchema } from "@/lib/validation/programme";

/** GET /api/v1/episodes/{id}/programme -> {current, versions} (newest first; audited view). */
export const GET = apiRoute<{ episodeId: string }>("patient.read", async ({ actor, params }) => {
  return NextResponse.json(await getProgramme(actor, params.episodeId));
});

/**
 * POST /api/v1/episodes/{id}/programme {items: [{exercise, sets, reps | holdSeconds, loadKg?, daysPerWeek, notes?}], notes?, basedOnVersion}
 * -> 201 the new version. 400 naming the field (a dosage out of range: `items.0.sets`), 403 viewer, 404 other clinic,
 * 409 discharged or changed by someone else since basedOnVersion.
 */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(programmeSchema, await readJsonBody(req, 32 * 1024));
  return NextResponse.json(await saveProgramme(actor, params.episodeId, input), { status: 201 });
});
