import { z } from "zod";
import { latestToday } from "@/lib/format";
import { enterNumber, notBefore, notInFuture } from "@/lib/validation/messages";
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

const DROP = enterNumber("heel-to-toe drop", 0, 20, "mm");

export const shoeFormSchema = z
  .object({
    patientId: uuid,
    shoeId: z.preprocess(blank, uuid.optional()),
    name: requiredText(120, "name or model"),
    type: z.preprocess(blank, z.enum(SHOE_TYPES, { error: "Choose a type from the list" }).optional()),
    dropMm: z.preprocess(blank, z.coerce.number({ error: DROP }).min(0, DROP).max(20, DROP).optional()),
    introducedOn: isoDate,
    retiredOn: z.preprocess(blank, isoDate.optional()),
  })
  .superRefine((s, ctx) => {
    if (s.introducedOn > latestToday()) ctx.addIssue({ code: "custom", path: ["introducedOn"], message: notInFuture("date introduced") });
    if (s.retiredOn && s.retiredOn < s.introducedOn)
      ctx.addIssue({ code: "custom", path: ["retiredOn"], message: notBefore("date retired", "date introduced", s.introducedOn) });
    if (s.retiredOn && s.retiredOn > latestToday())
      ctx.addIssue({ code: "custom", path: ["retiredOn"], message: notInFuture("date retired") });
  });

export type ShoeInput = Loose<z.output<typeof shoeFormSchema>>;

export const shoeDeleteSchema = z.object({ patientId: uuid, shoeId: uuid });

/** Re-assign one run to a pair, or to none (empty shoeId). */
export const runShoeSchema = z.object({
  patientId: uuid,
  runId: uuid,
  shoeId: z.preprocess(blank, uuid.optional()),
});
