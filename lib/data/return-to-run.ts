import "server-only";
import type { Actor } from "@/lib/domain/access";
import { DEFAULT_LADDER, ENTRY_CRITERIA, type LadderStage } from "@/lib/domain/return-to-run";
import { checkDecision } from "@/lib/clinical/return-to-run";
import { audit } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { findEpisodeOrThrow, lockEpisode } from "@/lib/data/patients";
import { clinicLadderIn, returnToRunIn, type ReturnToRunView } from "@/lib/data/return-to-run-state";
import { asJson, fromDateString, isUniqueViolation, read, transaction } from "@/lib/data/tx";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { ReturnToRunDecisionInput } from "@/lib/validation/return-to-run";

export { returnToRunIn, type ReturnToRunView, type ReturnToRunDecisionView } from "@/lib/data/return-to-run-state";

/**
 * The return-to-run plan of an episode (issue 14 item 2): made from the
 * clinic's ladder, then moved by the clinician's decisions, each recorded
 * beside what the app proposed from the diary (append-only in PostgreSQL).
 * Writes lock the episode; a decision names how many decisions it was made
 * on, so a proposal confirmed after someone else's decision is refused.
 */

/** The plan of an episode, or null (audited view). */
export async function getReturnToRun(actor: Actor, episodeId: string): Promise<ReturnToRunView | null> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const plan = (await returnToRunIn(tx, actor.clinicId, [episode.id])).get(episode.id) ?? null;
    await audit(tx, actor, { action: "return_to_run.view", entityType: "Episode", entityId: episode.id, patientId: episode.patientId });
    return plan;
  });
}

/** Makes an open episode's plan from the clinic's ladder (409 when it has one, or is not open). */
export async function createReturnToRunPlan(actor: Actor, episodeId: string): Promise<ReturnToRunView> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    if (episode.status !== "open") throw new ConflictError("Reopen this episode before making a return-to-run plan: it is not open");
    if (await tx.returnToRunPlan.findFirst({ where: { clinicId: actor.clinicId, episodeId: episode.id }, select: { id: true } }))
      throw new ConflictError("Reload the page: this episode already has a return-to-run plan");
    const ladder = await clinicLadderIn(tx, actor.clinicId);
    const plan = await tx.returnToRunPlan
      .create({
        data: {
          clinicId: actor.clinicId,
          episodeId: episode.id,
          ladder: asJson(ladder),
          createdById: actor.userId,
          createdByName: actor.name,
        },
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? new ConflictError("Reload the page: this episode already has a return-to-run plan") : e;
      });
    await audit(tx, actor, {
      action: "return_to_run.create",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { planId: plan.id, stages: ladder.length },
    });
    return (await returnToRunIn(tx, actor.clinicId, [episode.id])).get(episode.id)!;
  });
}

/**
 * Records a clinician's decision: refused (409) on a closed episode, without
 * a plan, on a complete plan, over a decision made since `basedOnDecisions`,
 * or a running stage while the advice allows none; (400, naming the field)
 * a step not possible from the stage, entry criteria not all met to start,
 * or no reason for a decision that is not the proposal or skips a stage.
 */
export async function decideReturnToRun(actor: Actor, episodeId: string, input: ReturnToRunDecisionInput): Promise<ReturnToRunView> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    if (episode.status !== "open")
      throw new ConflictError("Reopen this episode first: it is not open, so its return-to-run plan can no longer change");
    const plan = (await returnToRunIn(tx, actor.clinicId, [episode.id])).get(episode.id);
    if (!plan) throw new ConflictError("Make a return-to-run plan first: this episode has none yet");
    if (input.basedOnDecisions !== plan.history.length)
      throw new ConflictError(
        `Reload the plan and decide again: it changed since you opened it (${plan.history.length} decisions now, you saw ${input.basedOnDecisions})`,
      );
    if (input.step === "start" && !input.entryCriteria)
      throw new ValidationError([{ path: "entryCriteria", message: "Record the entry criteria to start the first running stage" }]);
    const unmet = input.entryCriteria ? ENTRY_CRITERIA.filter((c) => !input.entryCriteria!.met[c]) : [];
    const check = checkDecision(
      { stage: plan.currentStage, stages: plan.ladder.length, completed: plan.completed, mode: plan.mode },
      plan.proposal,
      { step: input.step, toStage: input.toStage, reason: input.reason, criteriaMet: unmet.length === 0 },
    );
    if (!check.ok) {
      if (check.conflict) throw new ConflictError(check.message);
      const path = check.path === "entryCriteria" && unmet[0] ? `entryCriteria.met.${unmet[0]}` : check.path;
      throw new ValidationError([{ path, message: check.message }]);
    }
    const { today } = await clinicClock(tx, actor.clinicId);
    const row = await tx.returnToRunDecision.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        planId: plan.planId,
        step: input.step,
        fromStage: plan.currentStage,
        toStage: check.toStage,
        proposedStep: plan.proposal.step,
        proposedReason: plan.proposal.reason,
        reason: input.reason?.trim() || null,
        adviceMode: plan.mode,
        maxPainDuringRun: plan.maxPainDuringRun,
        entryCriteria: input.step === "start" && input.entryCriteria ? asJson(input.entryCriteria) : undefined,
        decidedOn: fromDateString(today),
        decidedById: actor.userId,
        decidedByName: actor.name,
      },
    });
    await audit(tx, actor, {
      action: "return_to_run.decide",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { decisionId: row.id, step: row.step, fromStage: row.fromStage, toStage: row.toStage, proposedStep: plan.proposal.step },
    });
    return (await returnToRunIn(tx, actor.clinicId, [episode.id])).get(episode.id)!;
  });
}

/** The clinic's ladder on the settings page: its stages, whether they are the default's, and how many plans were made from a ladder. */
export type ClinicLadderView = { ladder: LadderStage[]; isDefault: boolean; plans: number };

const sameLadder = (a: readonly LadderStage[], b: readonly LadderStage[]) =>
  a.length === b.length &&
  a.every(
    (s, i) =>
      s.walkMinutes === b[i]!.walkMinutes &&
      s.runMinutes === b[i]!.runMinutes &&
      s.repeats === b[i]!.repeats &&
      s.sessionsPerWeek === b[i]!.sessionsPerWeek,
  );

export async function getClinicLadder(actor: Actor): Promise<ClinicLadderView> {
  return read(async (c) => {
    const [ladder, plans] = await Promise.all([
      clinicLadderIn(c, actor.clinicId),
      c.returnToRunPlan.count({ where: { clinicId: actor.clinicId } }),
    ]);
    return { ladder, isDefault: sameLadder(ladder, DEFAULT_LADDER), plans };
  });
}

/**
 * Replaces the clinic's ladder (admin). It applies to plans made from now
 * on: a plan keeps the copy it was made with. One audit event holds the
 * ladder before and after.
 */
export async function updateClinicLadder(actor: Actor, ladder: LadderStage[]): Promise<ClinicLadderView> {
  return transaction(async (tx) => {
    const before = await clinicLadderIn(tx, actor.clinicId);
    const stored = ladder.map((s) => ({
      walkMinutes: s.walkMinutes,
      runMinutes: s.runMinutes,
      repeats: s.repeats,
      sessionsPerWeek: s.sessionsPerWeek,
    }));
    await tx.clinicSettings.upsert({
      where: { clinicId: actor.clinicId },
      create: { clinicId: actor.clinicId, returnToRunLadder: asJson(stored), updatedById: actor.userId },
      update: { returnToRunLadder: asJson(stored), updatedById: actor.userId },
    });
    await audit(tx, actor, {
      action: "return_to_run.ladder",
      entityType: "ClinicSettings",
      entityId: actor.clinicId,
      detail: asJson({ before, after: stored }),
    });
    const plans = await tx.returnToRunPlan.count({ where: { clinicId: actor.clinicId } });
    return { ladder: stored, isDefault: sameLadder(stored, DEFAULT_LADDER), plans };
  });
}
