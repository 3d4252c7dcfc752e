/**
 * Stored discharge outcomes (Discharge.outcome): what lib/clinical/outcome.ts
 * computed at discharge. Version 1 is the only version.
 */
import * as z from "zod";
import type { DischargeOutcome } from "@/lib/clinical/outcome";
import { CHANGE_CLASSES } from "@/lib/domain/codes";
import { CHANGE_MEASURES } from "@/lib/domain/measures";
import { readStored } from "./read";

const visit = z.strictObject({ assessmentId: z.string(), assessedOn: z.string() }).nullable();

export const dischargeOutcomeSchema = z.strictObject({
  version: z.literal(1),
  baseline: visit,
  final: visit,
  measures: z.array(
    z.strictObject({
      measure: z.enum(CHANGE_MEASURES),
      baseline: z.number().nullable(),
      final: z.number().nullable(),
      difference: z.number().nullable(),
      importantChange: z.number(),
      change: z.enum(CHANGE_CLASSES).nullable(),
    }),
  ),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.output<typeof dischargeOutcomeSchema>, DischargeOutcome> = true;
void agrees;

export function readDischargeOutcome(json: unknown): DischargeOutcome {
  return readStored("discharge outcome", dischargeOutcomeSchema, json);
}
