import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { emailDiaryLink } from "@/lib/data/diary";
import { parseWithIssues } from "@/lib/validation/assessment";
import { emailLinkSchema } from "@/lib/validation/runner";

/** POST /api/v1/episodes/{id}/diary-links/{linkId}/email {url} -> {sent, to | message}. */
export const POST = apiRoute<{ episodeId: string; linkId: string }>("portal.manage", async ({ req, actor, params }) => {
  const { url } = parseWithIssues(emailLinkSchema, await readJsonBody(req, 4 * 1024));
  return NextResponse.json(await emailDiaryLink(actor, params.episodeId, params.linkId, url));
});
