/**
 * The outcome of an episode at discharge: each measure at the baseline (the
 * intake) and at the last signed assessment (or the questionnaire the runner
 * returned since, version 2), the difference, and whether it
 * moved by the clinic's important change (the same classification as the
 * engine's `changes`, lib/clinical/changes.ts). Pure: the data layer picks the
 * two assessments and the settings.
 */
import { MEASURES, type ChangeMeasure } from "../domain/measures";
import type { ChangeClass } from "../domain/codes";
import type { ImportantChange } from "../domain/settings";
import { classifyChange, scoreOf } from "./changes";
import type { Scores } from "./types";

export interface OutcomeVisit {
  /** The signed assessment measured; null when the final measures are the runner's returned questionnaire. */
  assessmentId: string | null;
  /** The questionnaire the runner returned by link whose answers are the final measures (version 2 on). */
  questionnaireRequestId?: string;
  /** The assessment's day, or the day the questionnaire was returned. */
  assessedOn: string;
}

export interface OutcomeMeasure {
  measure: ChangeMeasure;
  baseline: number | null;
  final: number | null;
  /** final - baseline, to one decimal (null unless both were measured). */
  difference: number | null;
  /** The clinic's important change for this measure when discharged. */
  importantChange: number;
  /** null unless both were measured. */
  change: ChangeClass | null;
}

export interface DischargeOutcome {
  /** 1: final measures from a signed assessment only; 2: or from the runner's returned questionnaire. */
  version: 1 | 2;
  /** The intake (or the first signed assessment); null when nothing was signed. */
  baseline: OutcomeVisit | null;
  /** The last signed assessment after the baseline, or a questionnaire returned since; null when there was neither. */
  final: OutcomeVisit | null;
  /** The measures scored at the baseline or at the end, in the registry's order. */
  measures: OutcomeMeasure[];
}

export function computeOutcome(
  baseline: (OutcomeVisit & { scores: Scores }) | null,
  final: (OutcomeVisit & { scores: Scores }) | null,
  importantChange: ImportantChange,
): DischargeOutcome {
  const measures: OutcomeMeasure[] = [];
  for (const def of MEASURES) {
    const before = baseline ? (scoreOf(baseline.scores, def.measure) ?? null) : null;
    const after = final ? (scoreOf(final.scores, def.measure) ?? null) : null;
    if (before === null && after === null) continue;
    const threshold = importantChange[def.importantChangeKey];
    const both = before !== null && after !== null;
    measures.push({
      measure: def.measure,
      baseline: before,
      final: after,
      difference: both ? (Math.round(after * 10) - Math.round(before * 10)) / 10 : null,
      importantChange: threshold,
      change: both ? classifyChange(before, after, threshold, def.betterIs === "lower") : null,
    });
  }
  const visit = ({ assessmentId, questionnaireRequestId, assessedOn }: OutcomeVisit): OutcomeVisit =>
    questionnaireRequestId ? { assessmentId, questionnaireRequestId, assessedOn } : { assessmentId, assessedOn };
  return {
    version: 2,
    baseline: baseline ? visit(baseline) : null,
    final: final ? visit(final) : null,
    measures,
  };
}
