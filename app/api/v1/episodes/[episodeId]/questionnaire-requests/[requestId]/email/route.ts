import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { emailQuestionnaireLink } from "@/lib/data/questionnaires";
import { parseWithIssues } from "@/lib/validation/assessment";
import { emailLinkSchema } from "@/lib/validation/runner";

/** POST /api/v1/episodes/{id}/questionnaire-requests/{requestId}/email {url} -> {sent, to | message}: the link, to the runner's e-mail. */
export const POST = apiRoute<{ episodeId: string; requestId: string }>("portal.manage", async ({ req, actor, params }) => {
  const { url } = parseWithIssues(emailLinkSchema, await readJsonBody(req, 4 * 1024));
  return NextResponse.json(await emailQuestionnaireLink(actor, params.episodeId, params.requestId, url));
});
