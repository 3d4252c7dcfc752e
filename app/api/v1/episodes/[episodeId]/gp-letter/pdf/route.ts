import { apiRoute, queryObject } from "@/lib/api";
import { letterPdf } from "@/lib/data/letters";
import { documentResponse } from "@/lib/document-response";
import { parseWithIssues } from "@/lib/validation/assessment";
import { letterVersionQuery } from "@/lib/validation/letters";

/**
 * GET /api/v1/episodes/{id}/gp-letter/pdf[?version=n]: the signed letter's PDF (its latest version, or version n),
 * served from the bytes stored when it was signed, with their SHA-256 as ETag (If-None-Match gives 304). Audited.
 * 404 when none is signed.
 */
export const GET = apiRoute<{ episodeId: string }>("patient.read", async ({ req, actor, params }) => {
  const { version } = parseWithIssues(letterVersionQuery, queryObject(req));
  const { document, view, mrn } = await letterPdf(actor, params.episodeId, "gp_letter", version);
  return documentResponse(req, document, { filename: `gp-letter-${mrn}-v${view.version}.pdf`, attachment: true });
});
