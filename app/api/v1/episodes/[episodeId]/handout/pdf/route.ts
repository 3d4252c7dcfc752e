import { apiRoute } from "@/lib/api";
import { programmeHandout } from "@/lib/data/programmes";
import { documentResponse } from "@/lib/document-response";

/**
 * GET /api/v1/episodes/{id}/handout/pdf: the runner's one-page handout of
 * the current exercise programme, made once per programme version and served
 * from the stored bytes with their SHA-256 as ETag (If-None-Match gives 304).
 * 404 no programme (or another clinic's episode), 409 the programme is
 * stopped. Every download is audited.
 */
export const GET = apiRoute<{ episodeId: string }>("patient.read", async ({ req, actor, params }) => {
  const doc = await programmeHandout(actor, params.episodeId);
  return documentResponse(req, doc, { filename: `exercise-programme-v${doc.version}.pdf`, attachment: true });
});
