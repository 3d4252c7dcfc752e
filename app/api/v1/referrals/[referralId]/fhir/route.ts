import { apiRoute } from "@/lib/api";
import { exportReferralDocument } from "@/lib/data/referrals";
import { documentResponse } from "@/lib/document-response";

/**
 * GET /api/v1/referrals/{id}/fhir: HL7 FHIR R4 document Bundle of the signed
 * summary, served from the bytes stored when it was signed (or its Cancelled
 * version), with their SHA-256 as ETag; If-None-Match gives 304. Audited.
 */
export const GET = apiRoute<{ referralId: string }>("referral.read", async ({ req, actor, params }) => {
  const { document } = await exportReferralDocument(actor, params.referralId, "referral_fhir");
  return documentResponse(req, document, { filename: `referral-${params.referralId}.fhir.json`, attachment: false });
});
