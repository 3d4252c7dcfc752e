/**
 * The vocabulary the rules are written in. A `Facts` object wraps one input
 * and answers questions such as "was locking answered yes?" as three-valued
 * findings (see logic.ts), each naming the input path it came from, e.g.
 * `f.yes("symptoms.locking")` or `f.tender("mcl")`.
 *
 * An omitted answer always gives *unknown*, never false.
 */

import type { TendernessSite } from "../domain/codes";
import type { Settings } from "../domain/settings";
import { dayNumber } from "./dates";
import { known, UNKNOWN, type Finding } from "./logic";
import type { EpisodeInput, EvaluationInput, ExamInput, HistoryInput, PatientInput, SymptomsInput, TrainingInput } from "./input";

/** The answer groups of the input that hold single answers. */
interface Groups {
  patient: PatientInput;
  episode: EpisodeInput;
  symptoms: SymptomsInput;
  history: HistoryInput;
  exam: ExamInput;
  training: TrainingInput;
}

type KeysOfType<T, V> = { [K in keyof T]-?: NonNullable<T[K]> extends V ? K : never }[keyof T];
type PathOf<V> = { [G in keyof Groups]: `${G}.${KeysOfType<Groups[G], V> & string}` }[keyof Groups];

/** e.g. "symptoms.locking" */
export type BooleanPath = PathOf<boolean>;
/** e.g. "symptoms.daysPersistingDespiteReducedTraining" */
export type NumberPath = PathOf<number>;
/** e.g. "episode.mechanism", "exam.effusion" */
export type ChoicePath = Exclude<PathOf<string>, DatePath>;
/** The dates of the input a rule may test. */
export type DatePath = "patient.birthDate" | "episode.onsetDate" | "training.loggedSince";
/** Any answer path. */
export type AnswerPath = BooleanPath | NumberPath | ChoicePath | DatePath | "exam.tenderness";
/** The allowed answers at a choice path. */
export type ChoiceAt<P extends ChoicePath> = P extends `${infer G extends keyof Groups}.${infer K}`
  ? K extends keyof Groups[G]
    ? NonNullable<Groups[G][K]>
    : never
  : never;

/** Derived values that rules may test, named as they appear in the output. */
export type LoadMetric = "acute7dKm" | "chronicWeeklyKm" | "acwr" | "twoWeekChangePct";

/** The load values rules may test (the output's `load`). */
export interface LoadValues {
  acute7dKm: number | null;
  chronicWeeklyKm: number | null;
  acwr: number | null;
  twoWeekChangePct: number | null;
  spikes: readonly unknown[];
}

export interface Facts {
  readonly ageYears: number;
  readonly settings: Settings;
  /** The answer at `path` is yes. */
  yes(path: BooleanPath): Finding;
  /** The answer at `path` is no. */
  no(path: BooleanPath): Finding;
  /** The answer at `path` is one of `choices`. */
  is<P extends ChoicePath>(path: P, ...choices: ChoiceAt<P>[]): Finding;
  /** `exam.tenderness` lists `site` (unknown when tenderness was not examined). */
  tender(site: TendernessSite): Finding;
  /** The number at `path` is >= `threshold`. */
  atLeast(path: NumberPath, threshold: number): Finding;
  /** The number at `path` is > `threshold`. */
  above(path: NumberPath, threshold: number): Finding;
  /** The number at `path` is < `threshold`. */
  below(path: NumberPath, threshold: number): Finding;
  /** The number at `path` is <= `threshold`. */
  atMost(path: NumberPath, threshold: number): Finding;
  /** The date at `path` is at most `days` days before the assessment day (unknown when not given). */
  withinDays(path: DatePath, days: number): Finding;
  /** An answer was given at `path` (false when omitted: never unknown). */
  answered(path: AnswerPath): boolean;
  /** The number at `path` equals `value`. */
  equals(path: NumberPath, value: number): Finding;
  /** Age in full years (always known: the birth date is required). */
  ageAtLeast(years: number): Finding;
  ageAbove(years: number): Finding;
  ageBetween(fromYears: number, toYears: number): Finding;
  /** A load metric (as output, rounded) is > `threshold`; unknown without runs or when not computable. */
  loadAbove(metric: LoadMetric, threshold: number): Finding;
  /** `load.spikes` is not empty; unknown without runs. */
  spikes(): Finding;
}

/** "symptoms.locking" -> ["symptoms", "locking"], split once per path. */
const SPLIT_PATHS = new Map<string, readonly [string, string]>();
function splitPath(path: string): readonly [string, string] {
  let parts = SPLIT_PATHS.get(path);
  if (parts === undefined) {
    const dot = path.indexOf(".");
    parts = [path.slice(0, dot), path.slice(dot + 1)];
    SPLIT_PATHS.set(path, parts);
  }
  return parts;
}

class InputFacts implements Facts {
  constructor(
    private readonly input: EvaluationInput,
    readonly ageYears: number,
    readonly settings: Settings,
    private readonly load: LoadValues | undefined,
  ) {}

  private answer(path: string): unknown {
    const [group, key] = splitPath(path);
    const answers: unknown = Reflect.get(this.input, group);
    return answers === undefined || answers === null ? undefined : Reflect.get(answers, key);
  }

  private number(path: NumberPath, test: (n: number) => boolean): Finding {
    const value = this.answer(path) as number | undefined;
    return value === undefined ? UNKNOWN : known(test(value), path);
  }

  yes(path: BooleanPath): Finding {
    const value = this.answer(path) as boolean | undefined;
    return value === undefined ? UNKNOWN : known(value === true, path);
  }

  no(path: BooleanPath): Finding {
    const value = this.answer(path) as boolean | undefined;
    return value === undefined ? UNKNOWN : known(value === false, path);
  }

  is<P extends ChoicePath>(path: P, ...choices: ChoiceAt<P>[]): Finding {
    const value = this.answer(path) as string | undefined;
    return value === undefined ? UNKNOWN : known((choices as string[]).includes(value), path);
  }

  tender(site: TendernessSite): Finding {
    const tenderness = this.input.exam?.tenderness;
    return tenderness === undefined ? UNKNOWN : known(tenderness.includes(site), "exam.tenderness");
  }

  atLeast(path: NumberPath, threshold: number): Finding {
    return this.number(path, (n) => n >= threshold);
  }

  above(path: NumberPath, threshold: number): Finding {
    return this.number(path, (n) => n > threshold);
  }

  below(path: NumberPath, threshold: number): Finding {
    return this.number(path, (n) => n < threshold);
  }

  atMost(path: NumberPath, threshold: number): Finding {
    return this.number(path, (n) => n <= threshold);
  }

  withinDays(path: DatePath, days: number): Finding {
    const value = this.answer(path);
    return typeof value === "string" ? known(dayNumber(this.input.assessedOn) - dayNumber(value) <= days, path) : UNKNOWN;
  }

  answered(path: AnswerPath): boolean {
    return this.answer(path) !== undefined;
  }

  equals(path: NumberPath, value: number): Finding {
    return this.number(path, (n) => n === value);
  }

  ageAtLeast(years: number): Finding {
    return known(this.ageYears >= years, "ageYears");
  }

  ageAbove(years: number): Finding {
    return known(this.ageYears > years, "ageYears");
  }

  ageBetween(fromYears: number, toYears: number): Finding {
    return known(this.ageYears >= fromYears && this.ageYears <= toYears, "ageYears");
  }

  loadAbove(metric: LoadMetric, threshold: number): Finding {
    const value = this.load?.[metric];
    return value === undefined || value === null ? UNKNOWN : known(value > threshold, `load.${metric}`);
  }

  spikes(): Finding {
    return this.load === undefined ? UNKNOWN : known(this.load.spikes.length > 0, "load.spikes");
  }
}

export function makeFacts(input: EvaluationInput, ageYears: number, settings: Settings, load: LoadValues | undefined): Facts {
  return new InputFacts(input, ageYears, settings, load);
}

/**
 * Facts for which every question is "not asked", recording each path a rule
 * asks about: the inputs a rule reads (lib/clinical/red-flags: `inputsOf`).
 * Rules are written in three-valued logic whose parts are all evaluated, so
 * one pass sees every input.
 */
class RecordingFacts implements Facts {
  readonly ageYears = 0;
  readonly paths = new Set<string>();
  constructor(readonly settings: Settings) {}
  private asked(path: string): Finding {
    this.paths.add(path);
    return UNKNOWN;
  }
  yes(path: BooleanPath): Finding {
    return this.asked(path);
  }
  no(path: BooleanPath): Finding {
    return this.asked(path);
  }
  is<P extends ChoicePath>(path: P): Finding {
    return this.asked(path);
  }
  tender(): Finding {
    return this.asked("exam.tenderness");
  }
  atLeast(path: NumberPath): Finding {
    return this.asked(path);
  }
  above(path: NumberPath): Finding {
    return this.asked(path);
  }
  below(path: NumberPath): Finding {
    return this.asked(path);
  }
  equals(path: NumberPath): Finding {
    return this.asked(path);
  }
  atMost(path: NumberPath): Finding {
    return this.asked(path);
  }
  withinDays(path: DatePath): Finding {
    return this.asked(path);
  }
  answered(path: AnswerPath): boolean {
    this.paths.add(path);
    return false;
  }
  ageAtLeast(): Finding {
    return this.asked("ageYears");
  }
  ageAbove(): Finding {
    return this.asked("ageYears");
  }
  ageBetween(): Finding {
    return this.asked("ageYears");
  }
  loadAbove(metric: LoadMetric): Finding {
    return this.asked(`load.${metric}`);
  }
  spikes(): Finding {
    return this.asked("load.spikes");
  }
}

/** Runs `read` on facts where nothing was asked; returns every path it asked about, in order. */
export function pathsRead(settings: Settings, read: (f: Facts) => void): string[] {
  const facts = new RecordingFacts(settings);
  read(facts);
  return [...facts.paths];
}
