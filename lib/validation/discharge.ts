import { z } from "zod";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";
import { latestToday } from "@/lib/format";
import { notInFuture } from "@/lib/validation/messages";
import { blankToUndefined, isoDate, optionalText, uuid } from "@/lib/validation/common";

/**
 * Discharging an episode (issue 14 item 4): the discharge form, its server
 * action and POST /api/v1/episodes/{id}/discharge share these fields. A reason
 * is required; `other` needs its words. The dates are checked against the
 * clinic's today again by lib/data/discharges.ts.
 */
const fields = {
  reason: z.preprocess(blankToUndefined, z.enum(DISCHARGE_REASONS, { error: "Choose why the episode ends" })),
  reasonText: optionalText(500, "reason (other)"),
  returnToRunningOn: z.preprocess(blankToUndefined, isoDate.optional()),
  notes: optionalText(2000, "notes"),
};

function refine(v: { reason: string; reasonText?: string | undefined; returnToRunningOn?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.reason === "other" && !v.reasonText)
    ctx.addIssue({ code: "custom", path: ["reasonText"], message: "Write why the episode ends when the reason is Other" });
  if (v.returnToRunningOn && v.returnToRunningOn > latestToday())
    ctx.addIssue({ code: "custom", path: ["returnToRunningOn"], message: notInFuture("return to running date") });
}

/** The API body. */
export const dischargeSchema = z.strictObject(fields).superRefine(refine);
/** The schema's output, with the optional fields optional (the seed and tests build it directly). */
export type DischargeInput = Pick<z.output<typeof dischargeSchema>, "reason"> &
  Partial<Pick<z.output<typeof dischargeSchema>, "reasonText" | "returnToRunningOn" | "notes">>;

/** The discharge form: the episode and the discharge. */
export const dischargeFormSchema = z.object({ episodeId: uuid, ...fields }).superRefine(refine);
