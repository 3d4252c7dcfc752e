import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, readJsonBody } from "@/lib/api";
import { reviewDiaryAlerts } from "@/lib/data/diary";
import { parseWithIssues } from "@/lib/validation/assessment";
import { uuid } from "@/lib/validation/common";

const bodySchema = z.strictObject({ alertId: uuid.optional() });

/** POST /api/v1/episodes/{id}/diary/review {alertId?} -> {reviewed: n}: the open diary alerts (or one) have been looked at. */
export const POST = apiRoute<{ episodeId: string }>("portal.manage", async ({ req, actor, params }) => {
  const input = parseWithIssues(bodySchema, await readJsonBody(req, 1024, { optional: true }));
  return NextResponse.json({ reviewed: await reviewDiaryAlerts(actor, params.episodeId, input.alertId) });
});
