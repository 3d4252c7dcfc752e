import { apiRoute } from "@/lib/api";
import { exportReferral } from "@/lib/data/referrals";
import { renderReferralPdf } from "@/lib/export/pdf";

/** GET /api/v1/referrals/{id}/pdf: the signed summary as a PDF made on the server (audited export). */
export const GET = apiRoute<{ referralId: string }>("referral.read", async ({ actor, params }) => {
  const { snapshot, state } = await exportReferral(actor, params.referralId, "pdf");
  const pdf = await renderReferralPdf(snapshot, state);
  const cancelled = state.cancelled ? "-CANCELLED" : "";
  const name = `referral-${snapshot.patient.mrn.replace(/[^A-Za-z0-9._-]/g, "_")}-${snapshot.signedAt.slice(0, 10)}${cancelled}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
});
