/**
 * The return-to-run plan (issue 14 item 2): a staged walk-run ladder, the
 * entry criteria recorded before the first running stage, and the steps a
 * clinician takes on it. Defined once; the proposal from the diary is
 * lib/clinical/return-to-run.ts. Stage 0 is "not running yet"; stages 1..n
 * are the ladder's, in order.
 */
import type { RunningAdviceMode } from "./codes";
import { RUNNING_ADVICE_LABELS } from "./labels";

/** One rung: sessions of walk and run intervals, repeated. A continuous run is 0 minutes of walking, 1 repeat. */
export type LadderStage = { walkMinutes: number; runMinutes: number; repeats: number; sessionsPerWeek: number };

/** What a stage's fields may hold (the clinic's ladder and the plan's copy are checked with these). */
export const LADDER_LIMITS = Object.freeze({
  walkMinutes: [0, 30],
  runMinutes: [1, 120],
  repeats: [1, 20],
  sessionsPerWeek: [1, 7],
  stages: [1, 15],
} as const);

/** The default ladder: run time rises as walk time falls, three sessions a week, to 30 minutes of continuous running. */
export const DEFAULT_LADDER: readonly LadderStage[] = Object.freeze([
  { walkMinutes: 4, runMinutes: 1, repeats: 6, sessionsPerWeek: 3 },
  { walkMinutes: 3, runMinutes: 2, repeats: 6, sessionsPerWeek: 3 },
  { walkMinutes: 2, runMinutes: 3, repeats: 6, sessionsPerWeek: 3 },
  { walkMinutes: 1, runMinutes: 4, repeats: 6, sessionsPerWeek: 3 },
  { walkMinutes: 1, runMinutes: 9, repeats: 3, sessionsPerWeek: 3 },
  { walkMinutes: 0, runMinutes: 20, repeats: 1, sessionsPerWeek: 3 },
  { walkMinutes: 0, runMinutes: 30, repeats: 1, sessionsPerWeek: 3 },
]);

/** Recorded before the first running stage starts; each must be met. */
export const ENTRY_CRITERIA = ["walk_30_pain_free", "hops_pain_free", "single_leg_squat_controlled"] as const;
export type EntryCriterion = (typeof ENTRY_CRITERIA)[number];

export const ENTRY_CRITERIA_LABELS: Readonly<Record<EntryCriterion, string>> = Object.freeze({
  walk_30_pain_free: "Walks 30 minutes briskly without pain",
  hops_pain_free: "10 single-leg hops on the painful side without pain",
  single_leg_squat_controlled: "Controlled single-leg squat (knee stays over the foot)",
});

/** What a clinician does on the plan. */
export const RETURN_TO_RUN_STEPS = ["start", "advance", "hold", "step_back", "complete"] as const;
export type ReturnToRunStep = (typeof RETURN_TO_RUN_STEPS)[number];

export const RETURN_TO_RUN_STEP_LABELS: Readonly<Record<ReturnToRunStep, string>> = Object.freeze({
  start: "Start running (stage 1)",
  advance: "Advance a stage",
  hold: "Hold this stage",
  step_back: "Step back a stage",
  complete: "Last stage complete: back to running",
});

/** The words the runner sees for each step on their phone. */
export const RETURN_TO_RUN_STEP_RUNNER_TEXT: Readonly<Record<ReturnToRunStep, string>> = Object.freeze({
  start: "You can start running again, gently.",
  advance: "Well done: you move up a stage.",
  hold: "Stay at this stage for now.",
  step_back: "Go back a stage for now: your knee needs a little less.",
  complete: "You have finished the plan: you are back to running.",
});

/** Whether the running advice lets any running stage be started or continued. */
export function runningAllowed(mode: RunningAdviceMode): boolean {
  return mode === "pain_free" || mode === "pain_monitored";
}

/**
 * What to do when the running advice in force allows no running stage, and
 * why, named by the advice's own label (null when it allows one): the
 * proposal's reason, and the refusal of a step to a running stage, in the
 * house style of lib/validation/messages.ts. "Keep the runner at not
 * running: the running advice in force (Stop running) allows no running stage".
 */
export function noRunningStage(mode: RunningAdviceMode, stage: number): string | null {
  if (runningAllowed(mode)) return null;
  const what = stage === 0 ? "Keep the runner at not running" : "Move the runner back to not running";
  return `${what}: the running advice in force (${RUNNING_ADVICE_LABELS[mode]}) allows no running stage`;
}

/** Total minutes of one session of a stage. */
export function stageMinutes(s: LadderStage): number {
  return (s.walkMinutes + s.runMinutes) * s.repeats;
}

/** A stage in words: "Walk 4 min, run 1 min, 6 times (30 min), 3 sessions a week"; a continuous run: "Run 20 min continuously, 3 sessions a week". */
export function stageText(s: LadderStage): string {
  const week = `${s.sessionsPerWeek} session${s.sessionsPerWeek === 1 ? "" : "s"} a week`;
  if (s.walkMinutes === 0 && s.repeats === 1) return `Run ${s.runMinutes} min continuously, ${week}`;
  if (s.walkMinutes === 0) return `Run ${s.runMinutes} min, ${s.repeats} times (${stageMinutes(s)} min), ${week}`;
  return `Walk ${s.walkMinutes} min, run ${s.runMinutes} min, ${s.repeats} times (${stageMinutes(s)} min), ${week}`;
}

/** The stage's name: "Stage 3 of 7", or "Not running yet" for stage 0. */
export function stageName(stage: number, of: number): string {
  return stage === 0 ? "Not running yet" : `Stage ${stage} of ${of}`;
}

/** Whole weeks from `today` to a race day (YYYY-MM-DD both): 0 in its last week, negative once it has passed. */
export function weeksToGo(raceDate: string, today: string): number {
  const days = (Date.parse(`${raceDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return Math.floor(days / 7);
}

/** "Berlin Half, 21.1 km, on 5 Apr 2027: 17 weeks to go" (dateText writes the date). */
export function goalRaceText(
  race: { name: string | null; date: string | null; distanceKm: number | null },
  today: string,
  dateText: (d: string) => string,
): string {
  if (!race.name && !race.date) return "No goal race recorded";
  const parts = [race.name ?? "Goal race", race.distanceKm ? `${Number(race.distanceKm.toFixed(3))} km` : null].filter(Boolean).join(", ");
  if (!race.date) return parts;
  const w = weeksToGo(race.date, today);
  const when = w < 0 ? "passed" : w === 0 ? "this week" : `${w} week${w === 1 ? "" : "s"} to go`;
  return `${parts}, on ${dateText(race.date)}: ${when}`;
}

/** The pain rule of the running advice, as the runner reads it on their phone. */
export function runnerPainRule(mode: RunningAdviceMode, maxPainDuringRun: number | null): string {
  switch (mode) {
    case "stop":
      return "Please do not run for now. Your clinic will tell you when you can start again.";
    case "screen_incomplete":
      return "Please do not run until your clinic has checked your knee.";
    case "pain_free":
      return "Run only if it does not hurt at all: during the run, after it, and the next morning.";
    case "pain_monitored":
      return `Some pain during the run is OK, up to ${maxPainDuringRun ?? 0} out of 10, as long as it has settled by the next morning.`;
  }
}
