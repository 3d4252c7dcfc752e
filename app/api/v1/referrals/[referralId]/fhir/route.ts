import { apiRoute } from "@/lib/api";
import { exportReferral } from "@/lib/data/referrals";
import { buildReferralBundle } from "@/lib/export/fhir";

/** GET /api/v1/referrals/{id}/fhir: HL7 FHIR R4 document Bundle of the signed summary (audited export). */
export const GET = apiRoute<{ referralId: string }>("referral.read", async ({ actor, params }) => {
  const { snapshot, state } = await exportReferral(actor, params.referralId, "fhir");
  return new Response(JSON.stringify(buildReferralBundle(snapshot, state), null, 2), {
    headers: { "Content-Type": "application/fhir+json; charset=utf-8", "Cache-Control": "no-store" },
  });
});
