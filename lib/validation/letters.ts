import { z } from "zod";
import { blankToUndefined, uuid } from "@/lib/validation/common";

/** Signing a letter (POST /api/v1/episodes/{id}/letters, and the patient page's form). */
export const letterSchema = z.strictObject({
  kind: z.enum(["discharge_summary", "gp_letter"], { error: "kind must be discharge_summary or gp_letter" }),
  amendmentReason: z.preprocess(
    blankToUndefined,
    z.string().trim().max(1000, "amendmentReason must be at most 1000 characters").optional(),
  ),
});

export const letterFormSchema = z.object({ episodeId: uuid, ...letterSchema.shape });

/** ?version=n of a letter's PDF. */
export const letterVersionQuery = z.object({
  version: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "version must be a whole number" }).pipe(z.int().min(1, "version must be 1 or more")).optional(),
  ),
});
