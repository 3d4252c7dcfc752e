import "server-only";
import { proposeReturnToRun, type ReturnToRunProposal } from "@/lib/clinical/return-to-run";
import type { RunningAdviceMode } from "@/lib/domain/codes";
import {
  DEFAULT_LADDER,
  RETURN_TO_RUN_STEP_RUNNER_TEXT,
  runnerPainRule,
  stageName,
  stageText,
  type LadderStage,
  type ReturnToRunStep,
} from "@/lib/domain/return-to-run";
import { clinicClock } from "@/lib/data/clinic";
import { adviceInForce } from "@/lib/data/runner-links";
import { clinicSettingsIn } from "@/lib/data/settings";
import { toDateString, type Tx } from "@/lib/data/tx";
import { formatDate } from "@/lib/format";
import { readEntryCriteriaOrNull, readLadder } from "@/lib/stored/return-to-run";
import type { EntryCriteria } from "@/lib/validation/return-to-run";
import type { Prisma } from "@/prisma/generated/client";

/**
 * An episode's return-to-run plan as read for the episode page, the API, the
 * runner's phone and the letters (no import of lib/data/patients, which reads
 * it): the stage now (its last decision's), the advice in force, what the app
 * proposes from the diary since the last decision, and the history.
 */
export type ReturnToRunDecisionView = {
  id: string;
  step: ReturnToRunStep;
  fromStage: number;
  toStage: number;
  proposedStep: ReturnToRunStep | null;
  proposedReason: string | null;
  reason: string | null;
  adviceMode: RunningAdviceMode;
  maxPainDuringRun: number | null;
  entryCriteria: EntryCriteria | null;
  decidedOn: string;
  decidedBy: { id: string; name: string };
  createdAt: Date;
};

export type ReturnToRunView = {
  planId: string;
  ladder: LadderStage[];
  /** 0: not running yet; 1..ladder.length: the ladder's stages. */
  currentStage: number;
  stageName: string;
  /** The stage in words ("" before the first running stage). */
  stageText: string;
  completed: boolean;
  /** The day the last stage was confirmed complete. */
  completedOn: string | null;
  /** The running advice in force: its mode, limit and words. */
  mode: RunningAdviceMode;
  maxPainDuringRun: number | null;
  adviceText: string;
  /** The first day the proposal judges (the day of the last decision, or of the plan). */
  since: string;
  proposal: ReturnToRunProposal;
  /** Oldest first. */
  history: ReturnToRunDecisionView[];
  createdBy: { id: string; name: string };
  createdAt: Date;
};

const MODES: readonly RunningAdviceMode[] = ["stop", "screen_incomplete", "pain_free", "pain_monitored"];
const modeOf = (s: string): RunningAdviceMode => MODES.find((m) => m === s) ?? "screen_incomplete";

function decisionView(d: Prisma.ReturnToRunDecisionGetPayload<object>): ReturnToRunDecisionView {
  return {
    id: d.id,
    step: d.step,
    fromStage: d.fromStage,
    toStage: d.toStage,
    proposedStep: d.proposedStep,
    proposedReason: d.proposedReason,
    reason: d.reason,
    adviceMode: modeOf(d.adviceMode),
    maxPainDuringRun: d.maxPainDuringRun,
    entryCriteria: readEntryCriteriaOrNull(d.entryCriteria),
    decidedOn: toDateString(d.decidedOn),
    decidedBy: { id: d.decidedById, name: d.decidedByName },
    createdAt: d.createdAt,
  };
}

/** The clinic's ladder: its own, else the default. */
export async function clinicLadderIn(tx: Tx, clinicId: string): Promise<LadderStage[]> {
  const row = await tx.clinicSettings.findUnique({ where: { clinicId }, select: { returnToRunLadder: true } });
  return row?.returnToRunLadder ? readLadder(row.returnToRunLadder) : DEFAULT_LADDER.map((s) => ({ ...s }));
}

/** The plans of the episodes given (null: none), with today's proposal. */
export async function returnToRunIn(tx: Tx, clinicId: string, episodeIds: string[]): Promise<Map<string, ReturnToRunView | null>> {
  const out = new Map<string, ReturnToRunView | null>(episodeIds.map((id) => [id, null]));
  const plans = episodeIds.length ? await tx.returnToRunPlan.findMany({ where: { clinicId, episodeId: { in: episodeIds } } }) : [];
  if (plans.length === 0) return out;
  const { today } = await clinicClock(tx, clinicId);
  const settings = await clinicSettingsIn(tx, clinicId);
  for (const plan of plans) {
    const decisions = await tx.returnToRunDecision.findMany({
      where: { clinicId, planId: plan.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const history = decisions.map(decisionView);
    const last = decisions.at(-1);
    const advice = await adviceInForce(tx, clinicId, plan.episodeId);
    const maxPainDuringRun = advice.mode === "pain_monitored" ? (advice.maxPainDuringRun ?? settings.maxRunPain) : advice.maxPainDuringRun;
    const since = last ? toDateString(last.decidedOn) : toDateString(plan.createdAt);
    const entries = await tx.diaryEntry.findMany({
      where: {
        clinicId,
        episodeId: plan.episodeId,
        date: { gte: new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000) },
      },
      orderBy: { date: "asc" },
    });
    // A day logged on the day of the last decision counts only when logged after it.
    const days = entries.filter(
      (e) => !last || toDateString(e.date) !== since || e.createdAt > last.createdAt || e.updatedAt > last.createdAt,
    );
    const ladder = readLadder(plan.ladder);
    const stage = last?.toStage ?? 0;
    const completedRow = decisions.find((d) => d.step === "complete");
    const proposal = proposeReturnToRun({
      stage,
      ladder,
      completed: Boolean(completedRow),
      advice: { mode: advice.mode, maxPainDuringRun },
      since,
      days: days.map((e) => ({
        date: toDateString(e.date),
        kind: e.kind,
        painDuring: e.painDuring,
        painAfter: e.painAfter,
        painNextMorning: e.painNextMorning,
        swelling: e.swelling,
      })),
      today,
      dateText: formatDate,
    });
    out.set(plan.episodeId, {
      planId: plan.id,
      ladder,
      currentStage: stage,
      stageName: stageName(stage, ladder.length),
      stageText: stage === 0 ? "" : stageText(ladder[stage - 1]!),
      completed: Boolean(completedRow),
      completedOn: completedRow ? toDateString(completedRow.decidedOn) : null,
      mode: advice.mode,
      maxPainDuringRun,
      adviceText: advice.text,
      since,
      proposal,
      history,
      createdBy: { id: plan.createdById, name: plan.createdByName },
      createdAt: plan.createdAt,
    });
  }
  return out;
}

/** The plan as the runner sees it on their diary link: where they are, in plain words, and the latest change. */
export type RunnerPlan = {
  stageName: string;
  stageText: string;
  completed: boolean;
  painRule: string;
  latest: { date: string; text: string; reason: string | null } | null;
};

export function runnerPlanOf(plan: ReturnToRunView): RunnerPlan {
  const last = plan.history.at(-1);
  return {
    stageName: plan.stageName,
    stageText: plan.stageText,
    completed: plan.completed,
    painRule: runnerPainRule(plan.mode, plan.maxPainDuringRun),
    latest: last ? { date: last.decidedOn, text: RETURN_TO_RUN_STEP_RUNNER_TEXT[last.step], reason: last.reason } : null,
  };
}
