/**
 * Builds the evaluate() input of an assessment from what the clinic has on
 * record: the answers of the form, the patient, the episode, the runner's
 * runs, the earlier signed assessments of the episode and the clinic's
 * thresholds. Pure: the same record always gives the same input, in the
 * browser (live feedback while typing) and on the server (signing).
 */
import { RUN_WINDOW_DAYS } from "../domain/windows";
import { addDays } from "./dates";
import { computeScores } from "./scoring";
import type {
  ClinicSettings,
  EvaluationInput,
  ExamInput,
  HistoryInput,
  IsoDate,
  Mechanism,
  MeasuresInput,
  PriorAssessmentInput,
  RunSurface,
  Scores,
  Sex,
  Side,
  SymptomsInput,
  TrainingInput,
} from "./types";

/** The clinical sections of Assessment.answers (the rest is context the engine does not score). */
export interface ClinicalAnswers {
  symptoms?: SymptomsInput;
  history?: HistoryInput;
  exam?: ExamInput;
  training?: Omit<TrainingInput, "runs">;
  measures?: MeasuresInput;
}

export interface RecordRun {
  date: IsoDate;
  distanceKm: number;
  surface?: RunSurface | null;
}

export interface PriorRecord {
  assessedOn: IsoDate;
  answers: ClinicalAnswers;
}

export interface AssessmentRecord {
  assessedOn: IsoDate;
  patient: { birthDate: IsoDate; sex?: Sex | null };
  episode: { mechanism?: Mechanism | null; side?: Side | null; onsetDate?: IsoDate | null };
  answers: ClinicalAnswers;
  runs: readonly RecordRun[];
  /**
   * The runner's run log is complete from this day (Patient.runsLoggedSince);
   * null when not recorded (the engine then starts the log at its first run).
   */
  loggedSince?: IsoDate | null;
  /** Earlier signed, not entered-in-error assessments of the episode. */
  priors: readonly PriorRecord[];
  settings?: ClinicSettings;
}

/** The measures of an answer set, with pain NRS now taken from the symptoms when not given twice. */
export function measuresOf(answers: ClinicalAnswers): MeasuresInput {
  const m: MeasuresInput = { ...(answers.measures ?? {}) };
  if (m.painNow === undefined && answers.symptoms?.painNow !== undefined) m.painNow = answers.symptoms.painNow;
  return m;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined;
}

/** The runs an evaluation on `assessedOn` reads: those of the run window, D-59 .. D. */
export function runsInWindow<R extends { date: IsoDate }>(runs: readonly R[], assessedOn: IsoDate): R[] {
  const from = addDays(assessedOn, -RUN_WINDOW_DAYS);
  return runs.filter((r) => r.date >= from && r.date <= assessedOn);
}

export function buildEvaluationInput(record: AssessmentRecord): EvaluationInput {
  const { assessedOn, answers } = record;
  const runs = runsInWindow(record.runs, assessedOn)
    .map((r) => (r.surface ? { date: r.date, distanceKm: r.distanceKm, surface: r.surface } : { date: r.date, distanceKm: r.distanceKm }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.distanceKm - b.distanceKm));

  const input: EvaluationInput = { assessedOn, patient: { birthDate: record.patient.birthDate } };
  if (record.patient.sex) input.patient.sex = record.patient.sex;

  const episode: NonNullable<EvaluationInput["episode"]> = {};
  if (record.episode.mechanism) episode.mechanism = record.episode.mechanism;
  if (record.episode.side) episode.side = record.episode.side;
  if (record.episode.onsetDate) episode.onsetDate = record.episode.onsetDate;
  if (nonEmpty(episode)) input.episode = episode;

  if (nonEmpty(answers.symptoms)) input.symptoms = { ...answers.symptoms };
  if (nonEmpty(answers.history)) input.history = { ...answers.history };
  if (nonEmpty(answers.exam)) input.exam = { ...answers.exam };
  // The log is complete from loggedSince: an empty log is then a log of no runs (0 km). Without it, no runs on
  // record means load "not known" (omitted), not "0 km". A log that starts after the assessment says nothing about it.
  const loggedSince = record.loggedSince ?? undefined;
  const training: TrainingInput =
    loggedSince !== undefined && loggedSince <= assessedOn
      ? { ...(answers.training ?? {}), runs, loggedSince }
      : loggedSince === undefined && runs.length > 0
        ? { ...(answers.training ?? {}), runs }
        : { ...(answers.training ?? {}) };
  if (nonEmpty(training)) input.training = training;
  const measures = measuresOf(answers);
  if (nonEmpty(measures)) input.measures = measures;

  const priors: PriorAssessmentInput[] = [...record.priors]
    .filter((p) => p.assessedOn <= assessedOn)
    .sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : 0))
    .map((p) => ({ assessedOn: p.assessedOn, measures: measuresOf(p.answers) }));
  if (priors.length > 0) input.priorAssessments = priors;
  if (record.settings && Object.keys(record.settings).length > 0) input.settings = record.settings;
  return input;
}

/**
 * The baseline's scores as evaluate() compares with them: the measures of the
 * earliest prior assessment on or before `assessedOn`, scored. Null when
 * there is none (the baseline itself). A stored evaluation does not carry
 * them; the change tables show "baseline → now" with these.
 */
export function baselineScoresOf(priors: readonly Pick<PriorRecord, "assessedOn" | "answers">[], assessedOn: string): Scores | null {
  const first = priors
    .filter((p) => p.assessedOn <= assessedOn)
    .reduce<Pick<PriorRecord, "assessedOn" | "answers"> | null>((a, p) => (!a || p.assessedOn < a.assessedOn ? p : a), null);
  return first ? computeScores(measuresOf(first.answers)) : null;
}
