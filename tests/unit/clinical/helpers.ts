/** Builders shared by the clinical unit tests. */
import { evaluate, type ClinicSettings, type Evaluation, type EvaluationInput, type RedFlagCode } from "@/lib/clinical";

/** A minimal valid input: assessed 2026-06-15, born 1990-06-15 (36 years old), nothing asked. */
export function baseInput(extra: Partial<EvaluationInput> = {}): EvaluationInput {
  return { assessedOn: "2026-06-15", patient: { birthDate: "1990-06-15" }, ...extra };
}

export type FlagState = "fired" | "absent" | "notAssessed";

/** Where a red flag landed. */
export function flagState(evaluation: Evaluation, code: RedFlagCode): FlagState {
  if (evaluation.redFlags.some((f) => f.code === code)) return "fired";
  if (evaluation.redFlagsAbsent.includes(code)) return "absent";
  if (evaluation.redFlagsNotAssessed.includes(code)) return "notAssessed";
  throw new Error(`${code} is in no list`);
}

export function evaluateWith(extra: Partial<EvaluationInput>, settings?: ClinicSettings): Evaluation {
  return evaluate(baseInput(extra), settings);
}
