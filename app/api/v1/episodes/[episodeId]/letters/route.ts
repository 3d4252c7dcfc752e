import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { signLetter } from "@/lib/data/letters";
import { parseWithIssues } from "@/lib/validation/assessment";
import { letterSchema } from "@/lib/validation/letters";

/**
 * POST /api/v1/episodes/{id}/letters {kind: "discharge_summary" | "gp_letter", amendmentReason?} -> 201 the signed
 * version ({id, kind, version, amendmentReason, signedBy, signedAt}); its PDF is made and stored now. 400 naming the
 * field (`amendmentReason` for a new version, `gpName` for a GP letter without the GP on the record), 403 viewer,
 * 404 other clinic, 409 not discharged.
 */
export const POST = apiRoute<{ episodeId: string }>("assessment.write", async ({ req, actor, params }) => {
  const input = parseWithIssues(letterSchema, await readJsonBody(req, 8 * 1024));
  return NextResponse.json(await signLetter(actor, params.episodeId, input), { status: 201 });
});
