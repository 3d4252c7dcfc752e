/**
 * Stored answers (Assessment.answers): the form's answers, validated by the
 * same schema the form and the server actions use. The schema only ever
 * grows by optional fields, so answers saved by any earlier version parse.
 */
import * as z from "zod";
import { answersSchema, treatmentSchema, type Answers, type TreatmentGiven } from "@/lib/validation/assessment";
import { readStored } from "./read";

export function readAnswers(json: unknown): Answers {
  return readStored("answers", answersSchema, json);
}

const treatmentOnly = z.object({ treatment: treatmentSchema.optional() });

/** The treatment given at a visit (answers.treatment), without reading the rest of the answers; [] when none was recorded. */
export function readTreatmentGiven(json: unknown): TreatmentGiven[] {
  return readStored("answers.treatment", treatmentOnly, json).treatment?.given ?? [];
}
