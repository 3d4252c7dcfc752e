/**
 * Stored discharge outcomes (Discharge.outcome): what lib/clinical/outcome.ts
 * computed at discharge. Version 1: the final measures are a signed
 * assessment's; version 2: or the questionnaire the runner returned by link
 * (`questionnaireRequestId`, `assessmentId` null).
 */
import * as z from "zod";
import type { DischargeOutcome } from "@/lib/clinical/outcome";
import { CHANGE_CLASSES } from "@/lib/domain/codes";
import { CHANGE_MEASURES } from "@/lib/domain/measures";
import { readStored } from "./read";

const visit = z
  .strictObject({ assessmentId: z.string().nullable(), questionnaireRequestId: z.string().optional(), assessedOn: z.string() })
  .nullable();

export const dischargeOutcomeSchema = z
  .strictObject({
    version: z.union([z.literal(1), z.literal(2)]),
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
  })
  // Version 1 knew only assessments; from version 2 a visit is an assessment or a returned questionnaire.
  .superRefine((o, ctx) => {
    for (const key of ["baseline", "final"] as const) {
      const v = o[key];
      if (!v) continue;
      if (o.version === 1 && (v.assessmentId === null || v.questionnaireRequestId !== undefined))
        ctx.addIssue({ code: "custom", path: [key], message: "a version 1 visit is a signed assessment" });
      if (v.assessmentId === null && v.questionnaireRequestId === undefined)
        ctx.addIssue({ code: "custom", path: [key], message: "a visit names its assessment or its questionnaire" });
    }
  });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.output<typeof dischargeOutcomeSchema>, DischargeOutcome> = true;
void agrees;

export function readDischargeOutcome(json: unknown): DischargeOutcome {
  return readStored("discharge outcome", dischargeOutcomeSchema, json);
}
