/**
 * evaluate(input, settings?) -> evaluation (EVALUATE.md, rules version 2).
 *
 * Pure: no I/O, no clock, no randomness; the input is not modified. The same
 * input and settings always give the same evaluation. `input` must already be
 * valid (see lib/validation/evaluate-input.ts, `parseEvaluationInput`).
 *
 * `settings` are the clinic's thresholds; the input's own `settings`
 * override them key by key (settings.ts).
 */

import { mostSevere } from "../domain/urgency";
import { computeChanges } from "./changes";
import { evaluateConsiderations } from "./considerations";
import { ageInFullYears, dayNumber } from "./dates";
import { makeFacts } from "./facts";
import { computeLoad } from "./load";
import { evaluateRedFlags } from "./red-flags";
import { evaluateRiskFactors } from "./risk-factors";
import { runningAdvice } from "./running-advice";
import { computeScores } from "./scoring";
import { resolveSettings } from "./settings";
import { RULES_VERSION, type ClinicSettings, type Evaluation, type EvaluationInput } from "./types";

export function evaluate(input: EvaluationInput, settings?: ClinicSettings): Evaluation {
  const thresholds = resolveSettings(settings, input.settings);
  const ageYears = ageInFullYears(input.patient.birthDate, input.assessedOn);

  const training = input.training;
  const load =
    training?.runs === undefined
      ? undefined
      : computeLoad(training.runs, dayNumber(input.assessedOn), thresholds.spikePct, training.loggedSince);

  const facts = makeFacts(input, ageYears, thresholds, load);
  const { redFlags, redFlagsAbsent, redFlagsNotAssessed } = evaluateRedFlags(facts);
  const urgency = mostSevere(redFlags.map((flag) => flag.urgency));
  const scores = computeScores(input.measures, input.symptoms?.painNow);

  // Key order is part of the contract (EVALUATE.md sections 2 and 7).
  const evaluation: Evaluation = {
    rulesVersion: RULES_VERSION,
    ageYears,
    urgency,
    redFlags,
    redFlagsAbsent,
    redFlagsNotAssessed,
    riskFactors: evaluateRiskFactors(facts),
    runningAdvice: runningAdvice(urgency, redFlags, redFlagsNotAssessed, thresholds.maxRunPain),
    considerations: evaluateConsiderations(facts),
    scores,
  };
  if (load !== undefined) evaluation.load = load;

  const priors = input.priorAssessments;
  if (priors !== undefined && priors.length > 0) {
    const baseline = priors[0];
    const previous = priors[priors.length - 1];
    if (baseline !== undefined && previous !== undefined) {
      evaluation.changes = computeChanges(
        scores,
        computeScores(baseline.measures),
        computeScores(previous.measures),
        thresholds.importantChange,
      );
    }
  }
  return evaluation;
}
