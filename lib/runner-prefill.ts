/**
 * What the runner returned by link, pre-filled into the next intake or
 * follow-up (issue 13): the answers of the returned questionnaires not yet
 * used by a signed assessment (the latest answer of each question wins),
 * and for each question path where it came from ("reported by the runner on
 * 3 Dec 2026"), so the form can mark each item and show the runner's answer
 * beside a changed one. Pure.
 */
import { flattenAnswers, nestAnswers, type FlatAnswers } from "@/lib/runner-answers";
import type { RunnerAnswers } from "@/lib/validation/runner";
import { answersSchema, formAnswers, type Answers } from "@/lib/validation/assessment";

export type RunnerReport = { id: string; on: string; answers: RunnerAnswers };

/** Where a pre-filled answer came from: the day the runner sent it, and what they answered. */
export type RunnerSource = { on: string; value: FlatAnswers[string] | string };
export type RunnerSources = Record<string, RunnerSource>;

export type RunnerPrefill = { reportIds: string[]; days: string[]; answers: Answers; sources: RunnerSources };

/** The clinician's question that asks what the runner's swelling answer decides. */
const SWELLING_EARLY = "symptoms.swellingWithin2hOfInjury";
const SWELLING_TIMING = "context.swellingTiming";

/** The reports' answers merged onto `base` (the form's other starting answers), and where each came from. */
export function runnerPrefill(reports: readonly RunnerReport[], base: Answers): RunnerPrefill {
  const flat: FlatAnswers = {};
  const sources: RunnerSources = {};
  for (const r of reports) {
    for (const [path, value] of Object.entries(flattenAnswers(r.answers))) {
      flat[path] = value;
      sources[path] = { on: r.on, value };
    }
  }
  const nested = answersSchema.parse(nestAnswers(flat));
  const merged = formAnswers(
    answersSchema.parse({
      ...base,
      measures: { ...base.measures, ...nested.measures },
      symptoms: { ...base.symptoms, ...nested.symptoms },
      history: { ...base.history, ...nested.history },
    }),
  );
  // The runner's "swelled within 2 hours of an injury" is the clinician's swelling-timing question.
  const early = sources[SWELLING_EARLY];
  if (early?.value === true) sources[SWELLING_TIMING] = { on: early.on, value: "within_2h" };
  return { reportIds: reports.map((r) => r.id), days: [...new Set(reports.map((r) => r.on))], answers: merged, sources };
}

/** The value at a dotted path of stored answers ("measures.lefs.3"). */
export function valueAt(answers: unknown, path: string): unknown {
  let at: unknown = answers;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** An answer in a few words, for "the runner answered …". */
export function runnerValueText(value: unknown): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === "within_2h") return "within 2 hours of an injury";
  if (Array.isArray(value))
    return value.map((r: { activity?: string; score?: number }) => `${r.activity ?? "?"} ${r.score ?? "?"}/10`).join(", ") || "none";
  if (value === undefined || value === null) return "not answered";
  return String(value);
}

/** Whether the recorded answer differs from the runner's. */
export function differsFromRunner(recorded: unknown, source: RunnerSource): boolean {
  return JSON.stringify(recorded ?? null) !== JSON.stringify(source.value ?? null);
}

/**
 * The items of a signed assessment where the clinician recorded something
 * other than the runner's answer: the change kept beside the runner's answer.
 */
export function runnerDifferences(
  reports: readonly RunnerReport[],
  answers: unknown,
): { path: string; on: string; runner: unknown; recorded: unknown }[] {
  const { sources } = runnerPrefill(reports, {});
  return Object.entries(sources)
    .filter(([path]) => path !== SWELLING_EARLY || sources[SWELLING_TIMING] === undefined)
    .map(([path, s]) => ({ path, on: s.on, runner: s.value, recorded: valueAt(answers, path) }))
    .filter((d) => differsFromRunner(d.recorded, { on: d.on, value: d.runner }));
}
