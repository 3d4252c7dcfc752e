import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { dischargeEpisode } from "@/lib/data/discharges";
import { parseWithIssues } from "@/lib/validation/assessment";
import { dischargeSchema } from "@/lib/validation/discharge";

/**
 * POST /api/v1/episodes/{id}/discharge {reason, reasonText?, returnToRunningOn?, notes?}
 * -> 201 the discharge ({id, reason, reasonText, date, returnToRunningOn, notes, outcome, dischargedBy, createdAt}).
 * 400 naming the field (no reason, Other without its words, a future return to running), 403 viewer,
 * 404 other clinic, 409 already discharged or an emergency or urgent red flag open (the message names it).
 */
export const POST = apiRoute<{ episodeId: string }>("patient.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(dischargeSchema, await readJsonBody(req, 8 * 1024));
  return NextResponse.json(await dischargeEpisode(actor, params.episodeId, input), { status: 201 });
});
