/** Stored return-to-run JSON: a plan's ladder (ReturnToRunPlan.ladder), the clinic's (ClinicSettings.returnToRunLadder) and the entry criteria of a start (ReturnToRunDecision.entryCriteria). */
import type { LadderStage } from "@/lib/domain/return-to-run";
import { entryCriteriaSchema, ladderSchema, type EntryCriteria } from "@/lib/validation/return-to-run";
import { readStored } from "./read";

export function readLadder(json: unknown): LadderStage[] {
  return readStored("return-to-run ladder", ladderSchema, json);
}

export function readEntryCriteriaOrNull(json: unknown): EntryCriteria | null {
  return json === null || json === undefined ? null : readStored("return-to-run entry criteria", entryCriteriaSchema, json);
}
