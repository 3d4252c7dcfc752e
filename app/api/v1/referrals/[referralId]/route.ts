import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { getReferral } from "@/lib/data/referrals";

/** GET /api/v1/referrals/{id}: the referral with its frozen snapshot once signed (audited view). */
export const GET = apiRoute<{ referralId: string }>("referral.read", async ({ actor, params }) => {
  return NextResponse.json(await getReferral(actor, params.referralId));
});
