/**
 * Stored evaluations (Assessment.evaluation). An evaluation keeps the rules
 * version that made it; the reader checks `rulesVersion` and the shape of
 * that version, and returns a typed value discriminated by it.
 *
 * - "1": rules version 1 (no running advice; load values never null).
 */
import * as z from "zod";
import { RED_FLAG_CODES_V1, type EvaluationV1 } from "@/lib/clinical/evaluation-v1";
import { CHANGE_CLASSES, CONSIDERATION_CODES, RISK_FACTOR_CODES, SPIKE_BANDS } from "@/lib/domain/codes";
import { CHANGE_MEASURES } from "@/lib/domain/measures";
import { URGENCY_ORDER } from "@/lib/domain/urgency";
import { readStored } from "./read";

const paths = z.array(z.string());
const urgency = z.enum(URGENCY_ORDER);
const score = z.number().nullable();

export const riskFactorSchema = z.strictObject({ code: z.enum(RISK_FACTOR_CODES), because: paths });
export const considerationSchema = z.strictObject({ code: z.enum(CONSIDERATION_CODES), supporting: paths });
export const scoresSchema = z.strictObject({
  painNow: z.number().optional(),
  koos: z.strictObject({ pain: score, symptoms: score, adl: score, sport: score, qol: score }).optional(),
  lefs: z.number().optional(),
  psfs: z.number().optional(),
  tegner: z.number().optional(),
});
export const spikeSchema = z.strictObject({
  date: z.string(),
  distanceKm: z.number(),
  longestPrior30dKm: z.number(),
  band: z.enum(SPIKE_BANDS),
});
const change = z.strictObject({ vsBaseline: z.enum(CHANGE_CLASSES).optional(), vsPrevious: z.enum(CHANGE_CLASSES).optional() });
export const changesSchema = z.partialRecord(z.enum(CHANGE_MEASURES), change);

const codeV1 = z.enum(RED_FLAG_CODES_V1);
export const evaluationV1Schema = z.strictObject({
  rulesVersion: z.literal("1"),
  ageYears: z.number(),
  urgency,
  redFlags: z.array(z.strictObject({ code: codeV1, urgency, because: paths })),
  redFlagsAbsent: z.array(codeV1),
  redFlagsNotAssessed: z.array(codeV1),
  riskFactors: z.array(riskFactorSchema),
  considerations: z.array(considerationSchema),
  scores: scoresSchema,
  load: z
    .strictObject({
      acute7dKm: z.number(),
      chronicWeeklyKm: z.number(),
      acwr: z.number().nullable(),
      twoWeekChangePct: z.number().nullable(),
      spikes: z.array(spikeSchema),
    })
    .optional(),
  changes: changesSchema.optional(),
});

/** An evaluation as stored, of any rules version. */
export type StoredEvaluation = EvaluationV1;

const storedEvaluationSchema = evaluationV1Schema;

// Compile-time proof that the schemas describe the engine's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const v1Agrees: Same<z.output<typeof evaluationV1Schema>, EvaluationV1> = true;
void v1Agrees;

/** A stored evaluation, checked against the shape of its rules version. */
export function readEvaluation(json: unknown): StoredEvaluation {
  return readStored("evaluation", storedEvaluationSchema, json);
}

/** `null` (not evaluated) stays null. */
export function readEvaluationOrNull(json: unknown): StoredEvaluation | null {
  return json === null || json === undefined ? null : readEvaluation(json);
}

/** "rules version 1": how a record names the rules that made its evaluation. */
export function rulesVersionLabel(evaluation: Pick<StoredEvaluation, "rulesVersion">): string {
  return `rules version ${evaluation.rulesVersion}`;
}
