import { NextResponse } from "next/server";
import { apiRoute, linkOrigin, readJsonBody } from "@/lib/api";
import { createQuestionnaireRequest, listQuestionnaireRequests } from "@/lib/data/questionnaires";
import { parseWithIssues } from "@/lib/validation/assessment";
import { createRequestSchema } from "@/lib/validation/runner";

type Params = { episodeId: string };

/** GET /api/v1/episodes/{id}/questionnaire-requests -> {items}: every request of the episode, with the answers of those returned. */
export const GET = apiRoute<Params>("assessment.read", async ({ actor, params }) => {
  return NextResponse.json({ items: await listQuestionnaireRequests(actor, params.episodeId) });
});

/**
 * POST /api/v1/episodes/{id}/questionnaire-requests {instruments, expiresInDays?, sendEmail?}
 * -> 201 {id, url, expiresAt, status: "open"}: the link's URL is given only here.
 */
export const POST = apiRoute<Params>("portal.manage", async ({ req, actor, params }) => {
  const input = parseWithIssues(createRequestSchema, await readJsonBody(req, 16 * 1024));
  const created = await createQuestionnaireRequest(actor, params.episodeId, input, linkOrigin(req));
  return NextResponse.json(created, { status: 201 });
});
