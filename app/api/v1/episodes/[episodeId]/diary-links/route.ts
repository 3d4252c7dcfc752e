import { NextResponse } from "next/server";
import { apiRoute, linkOrigin, readJsonBody } from "@/lib/api";
import { createDiaryLink } from "@/lib/data/diary";
import { parseWithIssues } from "@/lib/validation/assessment";
import { createDiaryLinkSchema } from "@/lib/validation/runner";

/**
 * POST /api/v1/episodes/{id}/diary-links {validUntil, sendEmail?} -> 201 {id, url, validUntil, status: "active"}:
 * the runner's check-in link (the URL is given only here); it revokes the episode's previous link.
 */
export const POST = apiRoute<{ episodeId: string }>("portal.manage", async ({ req, actor, params }) => {
  const input = parseWithIssues(createDiaryLinkSchema, await readJsonBody(req, 4 * 1024));
  return NextResponse.json(await createDiaryLink(actor, params.episodeId, input, linkOrigin(req)), { status: 201 });
});
