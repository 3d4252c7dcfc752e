import { apiRoute } from "@/lib/api";
import { exportReferralDocument } from "@/lib/data/referrals";
import { documentResponse } from "@/lib/document-response";

/**
 * GET /api/v1/referrals/{id}/pdf: the signed summary as a PDF, served from
 * the bytes stored when it was signed (or, once cancelled, its Cancelled
 * version), with their SHA-256 as ETag; If-None-Match gives 304. Audited.
 */
export const GET = apiRoute<{ referralId: string }>("referral.read", async ({ req, actor, params }) => {
  const { document, snapshot, state } = await exportReferralDocument(actor, params.referralId, "referral_pdf");
  const cancelled = state.cancelled ? "-CANCELLED" : "";
  const filename = `referral-${snapshot.patient.mrn}-${snapshot.signedAt.slice(0, 10)}${cancelled}.pdf`;
  return documentResponse(req, document, { filename, attachment: true });
});
