import { z } from "zod";
import { RED_FLAG_CODES, type RedFlagCode } from "@/lib/clinical/red-flags";
import { RED_FLAG_ACTIONS, RED_FLAG_ACTIONS_NEEDING_REASON } from "@/lib/domain/codes";
import { chooseOne } from "@/lib/validation/messages";
import { optionalText, uuid } from "@/lib/validation/common";

/**
 * What was done about an open red flag: the form, the server action and
 * POST /api/v1/episodes/{id}/red-flag-actions share this schema. The reason
 * is required with "not applicable".
 */
export const redFlagActionSchema = z
  .strictObject({
    code: z.enum(RED_FLAG_CODES as [RedFlagCode, ...RedFlagCode[]], { error: "Choose one of the episode's open red flags" }),
    /** The assessment that raised the open item (optional: an episode has one open item per code). */
    assessmentId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()),
    action: z.enum(RED_FLAG_ACTIONS, {
      error: chooseOne("action", RED_FLAG_ACTIONS),
    }),
    reason: optionalText(1000, "reason"),
    note: optionalText(2000, "note"),
  })
  .superRefine((v, ctx) => {
    if (RED_FLAG_ACTIONS_NEEDING_REASON.includes(v.action) && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter the reason when the red flag is not applicable" });
  });

/** The schema's output, with the optional fields optional (the seed and tests build it directly). */
export type RedFlagActionInput = Partial<Pick<z.output<typeof redFlagActionSchema>, "assessmentId" | "reason" | "note">> &
  Pick<z.output<typeof redFlagActionSchema>, "code" | "action">;
