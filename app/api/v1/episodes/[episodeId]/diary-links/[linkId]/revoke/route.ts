import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { revokeDiaryLink } from "@/lib/data/diary";

/** POST /api/v1/episodes/{id}/diary-links/{linkId}/revoke: the link stops working at once; what was logged stays. */
export const POST = apiRoute<{ episodeId: string; linkId: string }>("portal.manage", async ({ actor, params }) => {
  await revokeDiaryLink(actor, params.episodeId, params.linkId);
  return NextResponse.json({ revoked: true });
});
