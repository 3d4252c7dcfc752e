import { NextResponse } from "next/server";
import { apiRoute, queryObject } from "@/lib/api";
import { listReferrals } from "@/lib/data/referrals";
import { ValidationError } from "@/lib/errors";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { referralListQuerySchema } from "@/lib/validation/referrals";

/** GET /api/v1/referrals?status=&cursor=&limit= -> {items, nextCursor}, newest first. */
export const GET = apiRoute("referral.read", async ({ req, actor }) => {
  const parsed = referralListQuerySchema.strict().safeParse(queryObject(req));
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  return NextResponse.json(await listReferrals(actor, parsed.data));
});
