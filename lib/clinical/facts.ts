/**
 * The vocabulary the rules are written in. A `Facts` object wraps one input
 * and answers questions such as "was locking answered yes?" as three-valued
 * findings (see logic.ts), each naming the input path it came from, e.g.
 * `f.yes("symptoms.locking")` or `f.tender("mcl")`.
 *
 * An omitted answer always gives *unknown*, never false.
 */

import { known, UNKNOWN, type Finding } from "./logic";
import type {
  EpisodeInput,
  EvaluationInput,
  ExamInput,
  HistoryInput,
  Load,
  PatientInput,
  Settings,
  SymptomsInput,
  TendernessSite,
  TrainingInput,
} from "./types";

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
export type ChoicePath = Exclude<PathOf<string>, "patient.birthDate" | "episode.onsetDate">;
/** The allowed answers at a choice path. */
export type ChoiceAt<P extends ChoicePath> = P extends `${infer G extends keyof Groups}.${infer K}`
  ? K extends keyof Groups[G]
    ? NonNullable<Groups[G][K]>
    : never
  : never;

/** Derived values that rules may test, named as they appear in the output. */
export type LoadMetric = "acute7dKm" | "chronicWeeklyKm" | "acwr" | "twoWeekChangePct";

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
    private readonly load: Load | undefined,
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

export function makeFacts(input: EvaluationInput, ageYears: number, settings: Settings, load: Load | undefined): Facts {
  return new InputFacts(input, ageYears, settings, load);
}
