/**
 * The training part of a stored evaluate() input (Assessment.evaluationInput,
 * written when the assessment is signed): the runs the assessment was judged
 * with and the day its run log was complete from. The referral's training
 * section is made from these, never from the run log as it is now. Only the
 * training part is read, so inputs of every rules version are readable.
 */
import * as z from "zod";
import { readStored } from "./read";

const storedTrainingSchema = z.object({
  training: z
    .object({
      runs: z.array(z.object({ date: z.string(), distanceKm: z.number() })).optional(),
      loggedSince: z.string().optional(),
    })
    .optional(),
});

export type StoredTraining = { runs: { date: string; distanceKm: number }[]; loggedSince: string | null };

/** The runs and run-log start of a stored input; null when the assessment has no stored input (older records). */
export function readStoredTraining(json: unknown): StoredTraining | null {
  if (json === null || json === undefined) return null;
  const input = readStored("evaluation input", storedTrainingSchema, json);
  return { runs: input.training?.runs ?? [], loggedSince: input.training?.loggedSince ?? null };
}
