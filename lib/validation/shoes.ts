import { z } from "zod";
import { latestToday } from "@/lib/format";
import { isoDate, requiredText, uuid, type Loose } from "@/lib/validation/common";

/** The shoe log: one schema for the form, the action and any API. */
export const SHOE_TYPES = ["neutral", "stability", "cushioned", "minimalist", "racing", "trail", "track_spikes", "other"] as const;
export type ShoeType = (typeof SHOE_TYPES)[number];

export const SHOE_TYPE_LABELS: Record<ShoeType, string> = {
  neutral: "Neutral",
  stability: "Stability",
  cushioned: "Maximal cushioning",
  minimalist: "Minimalist",
  racing: "Racing (carbon plate)",
  trail: "Trail",
  track_spikes: "Track spikes",
  other: "Other",
};

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const shoeFormSchema = z
  .object({
    patientId: uuid,
    shoeId: z.preprocess(blank, uuid.optional()),
    name: requiredText(120, "name or model"),
    type: z.preprocess(blank, z.enum(SHOE_TYPES, { error: "type must be one of the listed types" }).optional()),
    dropMm: z.preprocess(
      blank,
      z.coerce
        .number({ error: "heel-to-toe drop must be a number of millimetres" })
        .min(0, "heel-to-toe drop must be 0 mm or more")
        .max(20, "heel-to-toe drop must be at most 20 mm")
        .optional(),
    ),
    introducedOn: isoDate,
    retiredOn: z.preprocess(blank, isoDate.optional()),
  })
  .superRefine((s, ctx) => {
    if (s.introducedOn > latestToday())
      ctx.addIssue({ code: "custom", path: ["introducedOn"], message: "the date introduced cannot be in the future" });
    if (s.retiredOn && s.retiredOn < s.introducedOn)
      ctx.addIssue({ code: "custom", path: ["retiredOn"], message: "the date retired cannot be before the date introduced" });
    if (s.retiredOn && s.retiredOn > latestToday())
      ctx.addIssue({ code: "custom", path: ["retiredOn"], message: "the date retired cannot be in the future" });
  });

export type ShoeInput = Loose<z.output<typeof shoeFormSchema>>;

export const shoeDeleteSchema = z.object({ patientId: uuid, shoeId: uuid });

/** Re-assign one run to a pair, or to none (empty shoeId). */
export const runShoeSchema = z.object({
  patientId: uuid,
  runId: uuid,
  shoeId: z.preprocess(blank, uuid.optional()),
});
