/**
 * Stored answers (Assessment.answers): the form's answers, validated by the
 * same schema the form and the server actions use. The schema only ever
 * grows by optional fields, so answers saved by any earlier version parse.
 */
import * as z from "zod";
import { answersSchema, treatmentSchema, type Answers, type TreatmentGiven } from "@/lib/validation/assessment";
import { evaluationInputSchema } from "@/lib/validation/evaluate-input";
import { PAIN_COMPANIONS, type PainCompanion } from "@/lib/domain/measures";
import { readStored } from "./read";

export function readAnswers(json: unknown): Answers {
  return readStored("answers", answersSchema, json);
}

const treatmentOnly = z.object({ treatment: treatmentSchema.optional() });

/** The treatment given at a visit (answers.treatment), without reading the rest of the answers; [] when none was recorded. */
export function readTreatmentGiven(json: unknown): TreatmentGiven[] {
  return readStored("answers.treatment", treatmentOnly, json).treatment?.given ?? [];
}

const symptomFields = evaluationInputSchema.shape.symptoms.unwrap().shape;
const painOnly = z
  .object({ painWorstWeek: symptomFields.painWorstWeek, painDuringRun: symptomFields.painDuringRun } satisfies Record<
    PainCompanion,
    z.ZodType
  >)
  .nullable();

/**
 * The pain answers charted beside pain now (worst pain of the last week, pain
 * during running), read from the answers' symptoms (answers -> 'symptoms';
 * null when the answers have none) by the same field schemas as the answers,
 * without reading the rest of the answers; absent when not asked.
 */
export function readPainCompanions(symptoms: unknown): Partial<Record<PainCompanion, number>> {
  const read = readStored("answers.symptoms", painOnly, symptoms);
  const out: Partial<Record<PainCompanion, number>> = {};
  for (const c of PAIN_COMPANIONS) {
    const value = read?.[c.key];
    if (value !== undefined) out[c.key] = value;
  }
  return out;
}
