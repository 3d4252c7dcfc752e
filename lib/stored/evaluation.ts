/**
 * Stored evaluations (Assessment.evaluation). An evaluation keeps the rules
 * version that made it; the reader checks `rulesVersion` and the shape of
 * that version, and returns a typed value discriminated by it.
 *
 * - "1": rules version 1 (no running advice; load values never null).
 * - "2": rules version 2 (running advice; a load value whose window starts
 *   before the log is complete is null; five more red flags).
 */
import * as z from "zod";
import { RED_FLAG_CODES_V1, type EvaluationV1, type StoredEvaluation } from "@/lib/clinical/evaluation-v1";
import { RED_FLAG_CODES, type Evaluation, type RedFlagCode } from "@/lib/clinical/types";
import { CHANGE_CLASSES, CONSIDERATION_CODES, RISK_FACTOR_CODES, RUNNING_ADVICE_MODES, SPIKE_BANDS } from "@/lib/domain/codes";
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

/** What both versions hold, with the red-flag codes of the version. */
function common<C extends z.ZodType<string>>(code: C) {
  return {
    ageYears: z.number(),
    urgency,
    redFlags: z.array(z.strictObject({ code, urgency, because: paths })),
    redFlagsAbsent: z.array(code),
    redFlagsNotAssessed: z.array(code),
    riskFactors: z.array(riskFactorSchema),
    considerations: z.array(considerationSchema),
    scores: scoresSchema,
    changes: changesSchema.optional(),
  };
}

/** Version 1 never gave a null acute or chronic load; version 2 does before the log is complete. */
function loadSchema<V extends z.ZodType<number | null>>(value: V) {
  return z.strictObject({
    acute7dKm: value,
    chronicWeeklyKm: value,
    acwr: z.number().nullable(),
    twoWeekChangePct: z.number().nullable(),
    spikes: z.array(spikeSchema),
  });
}

export const evaluationV1Schema = z.strictObject({
  rulesVersion: z.literal("1"),
  ...common(z.enum(RED_FLAG_CODES_V1)),
  load: loadSchema(z.number()).optional(),
});

export const evaluationV2Schema = z.strictObject({
  rulesVersion: z.literal("2"),
  ...common(z.enum(RED_FLAG_CODES as [RedFlagCode, ...RedFlagCode[]])),
  runningAdvice: z.strictObject({
    mode: z.enum(RUNNING_ADVICE_MODES),
    maxPainDuringRun: z.number().nullable(),
    screenComplete: z.boolean(),
    because: paths,
  }),
  load: loadSchema(z.number().nullable()).optional(),
});

export type { StoredEvaluation };

const storedEvaluationSchema = z.discriminatedUnion("rulesVersion", [evaluationV1Schema, evaluationV2Schema]);

// Compile-time proof that the schemas describe the engine's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const v1Agrees: Same<z.output<typeof evaluationV1Schema>, EvaluationV1> = true;
const v2Agrees: Same<z.output<typeof evaluationV2Schema>, Evaluation> = true;
void v1Agrees;
void v2Agrees;

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
