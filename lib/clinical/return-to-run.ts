/**
 * What the app proposes on a return-to-run plan from the runner's diary
 * (issue 14 item 2), and whether a clinician's decision may be recorded.
 * Pure: no I/O, no clock (today is given).
 *
 * The mode is the running advice in force (the latest signed assessment not
 * entered in error): `stop` and `screen_incomplete` allow no running stage;
 * `pain_free` means any pain, during, after or the next morning, steps back;
 * `pain_monitored` allows pain up to its limit during and after the run,
 * settled by the next morning (not higher than the morning before, when that
 * is known, as the diary's own alert judges it). Swelling always steps back.
 * A stage is done after its week of sessions (`sessionsPerWeek` runs) logged
 * since the last decision within these rules, each with its next-morning pain.
 */
import { addDays, dayNumber } from "./dates";
import type { AdviceInForce } from "@/lib/domain/runner";
import { painLimitOf } from "@/lib/domain/runner";
import { noRunningStage, stageText, type LadderStage, type ReturnToRunStep } from "@/lib/domain/return-to-run";

export type PlanDiaryDay = {
  date: string;
  kind: "run" | "rest";
  painDuring: number | null;
  painAfter: number | null;
  painNextMorning: number | null;
  swelling: boolean;
};

export type ReturnToRunProposal = {
  /** null: nothing to propose (no running allowed and not running). */
  step: ReturnToRunStep | null;
  toStage: number;
  reason: string;
};

export type ProposalInput = {
  stage: number;
  ladder: readonly LadderStage[];
  completed: boolean;
  advice: AdviceInForce;
  /** The first day of the current window (the day of the last decision). */
  since: string;
  /** Diary days of the window (date >= since, after the last decision), and the day before it when logged. */
  days: readonly PlanDiaryDay[];
  today: string;
  dateText: (date: string) => string;
};

const pain = (n: number) => `${n}/10`;

/** Why a run breaks the pain rules of the advice (null: it does not). */
function breach(day: PlanDiaryDay, morningBefore: number | null, advice: AdviceInForce, on: string): string | null {
  if (day.swelling) return `Swelling reported after the run on ${on}.`;
  const limit = painLimitOf(advice) ?? 0;
  const free = advice.mode === "pain_free";
  const rule = free ? "the advice is pain-free running only" : `above the limit of ${pain(limit)}`;
  if (day.painDuring !== null && day.painDuring > limit) return `Pain ${pain(day.painDuring)} during the run on ${on}: ${rule}.`;
  if (day.painAfter !== null && day.painAfter > limit) return `Pain ${pain(day.painAfter)} after the run on ${on}: ${rule}.`;
  if (day.painNextMorning !== null && free && day.painNextMorning > 0)
    return `Pain ${pain(day.painNextMorning)} the morning after the run on ${on}: ${rule}.`;
  if (day.painNextMorning !== null && morningBefore !== null && day.painNextMorning > morningBefore)
    return `Pain ${pain(day.painNextMorning)} the morning after the run on ${on}, up from ${pain(morningBefore)} the morning before: not settled.`;
  return null;
}

/** The proposal for the plan now, with its reason in words. */
export function proposeReturnToRun(input: ProposalInput): ReturnToRunProposal {
  const { stage, ladder, advice, days, since, dateText } = input;
  const n = ladder.length;
  if (input.completed) return { step: null, toStage: stage, reason: "The plan is complete: the runner is back to running." };
  const noRunning = noRunningStage(advice.mode, stage);
  if (noRunning) return { step: stage === 0 ? null : "step_back", toStage: 0, reason: `${noRunning}.` };
  if (stage === 0)
    return {
      step: "start",
      toStage: 1,
      reason: `The running advice allows running: once the entry criteria are met, start stage 1 (${stageText(ladder[0]!)}).`,
    };
  const byDate = new Map(days.map((d) => [d.date, d]));
  const window = days.filter((d) => d.date >= since).sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const runs = window.filter((d) => d.kind === "run");
  for (const run of runs) {
    const why = breach(run, byDate.get(addDays(run.date, -1))?.painNextMorning ?? null, advice, dateText(run.date));
    if (why)
      return {
        step: "step_back",
        toStage: stage - 1,
        reason: `${why} Step back to ${stage === 1 ? "not running" : `stage ${stage - 1}`}.`,
      };
  }
  const current = ladder[stage - 1]!;
  const needed = current.sessionsPerWeek;
  const from = dateText(since);
  if (window.length === 0)
    return {
      step: "hold",
      toStage: stage,
      reason: `No diary entries since this stage began on ${from}: hold until the runner logs sessions.`,
    };
  const waiting = runs.filter((r) => r.painNextMorning === null);
  const judged = runs.length - waiting.length;
  const missing = Math.max(0, dayNumber(input.today) - dayNumber(since) + 1 - window.length);
  const gaps = missing > 0 ? ` ${missing} day${missing === 1 ? "" : "s"} not logged.` : "";
  if (judged < needed) {
    const pending = waiting.length ? ` Next-morning pain not yet recorded after ${waiting.map((w) => dateText(w.date)).join(", ")}.` : "";
    return {
      step: "hold",
      toStage: stage,
      reason: `${judged} of ${needed} sessions of this stage logged within the pain rules since ${from}.${pending}${gaps} Hold this stage.`,
    };
  }
  const done = `${judged} of ${needed} sessions of this stage logged within the pain rules since ${from}.`;
  if (stage >= n) return { step: "complete", toStage: stage, reason: `${done} That was the last stage: the runner is back to running.` };
  return { step: "advance", toStage: stage + 1, reason: `${done} Advance to stage ${stage + 1} (${stageText(ladder[stage]!)}).` };
}

export type DecisionInput = { step: ReturnToRunStep; toStage?: number; reason?: string; criteriaMet?: boolean };
export type DecisionCheck = { ok: true; toStage: number } | { ok: false; path: string; message: string; conflict?: boolean };

const fail = (path: string, message: string, conflict = false): DecisionCheck => ({ ok: false, path, message, conflict });

/** The stage a step goes to by default, from `stage`. */
function defaultTarget(step: ReturnToRunStep, stage: number): number {
  if (step === "start") return 1;
  if (step === "advance") return stage + 1;
  if (step === "step_back") return Math.max(0, stage - 1);
  return stage;
}

/**
 * Whether a clinician's decision may be recorded on the plan as it stands:
 * each step from where it can be taken, no running stage while the advice
 * allows none, the entry criteria met to start, and a reason when the
 * decision is not the proposal or moves more than one stage.
 */
export function checkDecision(
  plan: { stage: number; stages: number; completed: boolean; mode: AdviceInForce["mode"] },
  proposal: ReturnToRunProposal,
  input: DecisionInput,
): DecisionCheck {
  const { stage, stages } = plan;
  if (plan.completed) return fail("step", "Make a new plan: this plan is complete", true);
  const to = input.toStage ?? defaultTarget(input.step, stage);
  const running = input.step !== "step_back" && input.step !== "hold";
  const noRunning = noRunningStage(plan.mode, stage);
  if (running && noRunning) return fail("step", noRunning, true);
  switch (input.step) {
    case "start":
      if (stage !== 0) return fail("step", `Advance, hold or step back: the plan is already at stage ${stage}`);
      if (!input.criteriaMet) return fail("entryCriteria", "Record every entry criterion as met before the first running stage");
      if (to < 1 || to > stages) return fail("toStage", `Choose a stage from 1 to ${stages}`);
      break;
    case "advance":
      if (stage === 0) return fail("step", "Start the plan first: it has not started");
      if (stage >= stages) return fail("step", "Record the plan complete instead: this is the last stage");
      if (to <= stage || to > stages) return fail("toStage", `Choose a stage from ${stage + 1} to ${stages}`);
      break;
    case "hold":
      if (to !== stage) return fail("toStage", `Keep stage ${stage} to hold`);
      break;
    case "step_back":
      if (stage === 0) return fail("step", "Start the plan first: the runner is not running yet, so there is no stage to step back from");
      if (to < 0 || to >= stage) return fail("toStage", `Choose a stage from 0 to ${stage - 1}`);
      break;
    case "complete":
      if (stage === 0) return fail("step", "Start the plan first: it has not started");
      if (to !== stage) return fail("toStage", `Keep stage ${stage} to complete the plan`);
      break;
  }
  const reason = input.reason?.trim() ?? "";
  const skip = input.step === "complete" ? stages - stage : Math.abs(to - defaultTarget(input.step, stage));
  if (skip > 0 && !reason) return fail("reason", "Give a reason to skip a stage (or to complete the plan before its last stage)");
  if (proposal.step !== null && proposal.step !== input.step && !reason)
    return fail("reason", `Give your reason for choosing differently from the proposal (${proposal.step.replace("_", " ")})`);
  return { ok: true, toStage: to };
}
