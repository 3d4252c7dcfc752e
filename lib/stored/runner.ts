/**
 * Stored answers of a questionnaire request (QuestionnaireRequest.answers and
 * .draft): read with the schema the runner's page and the API validate with,
 * built from what the request asked (its instruments and PSFS activities).
 */
import { runnerAnswersSchema, type RequestShape, type RunnerAnswers } from "@/lib/validation/runner";
import { readStored } from "./read";

/** The submitted answers: every question of every instrument asked. */
export function readRunnerAnswers(json: unknown, request: RequestShape): RunnerAnswers {
  return readStored("runner answers", runnerAnswersSchema(request, "final"), json);
}

/** Answers saved so far (null: none yet); a draft LEFS may have gaps. */
export function readRunnerDraft(json: unknown, request: RequestShape): Record<string, unknown> | null {
  if (json === null || json === undefined) return null;
  return readStored("runner draft", runnerAnswersSchema(request, "draft"), json);
}
