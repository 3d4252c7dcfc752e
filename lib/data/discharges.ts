import "server-only";
import type { AssessmentKind } from "@/lib/domain/codes";
import type { Actor } from "@/lib/domain/access";
import { computeOutcome, type DischargeOutcome, type OutcomeVisit } from "@/lib/clinical/outcome";
import type { Scores } from "@/lib/clinical/types";
import { audit } from "@/lib/data/audit";
import { clinicClock, refuseFutureDates } from "@/lib/data/clinic";
import { dischargeView, latestDischargesIn, type DischargeView } from "@/lib/data/discharge-state";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import {
  episodeView,
  findEpisodeOrThrow,
  findPatientOrThrow,
  lockEpisode,
  patientView,
  type EpisodeView,
  type PatientView,
} from "@/lib/data/patients";
import { assertDischargeAllowed, dischargeBlockedBy, episodeRedFlagsIn } from "@/lib/data/red-flag-state";
import { clinicSettingsIn } from "@/lib/data/settings";
import { asJson, fromDateString, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError } from "@/lib/errors";
import { computeScores } from "@/lib/clinical/scoring";
import { shapeOf } from "@/lib/data/questionnaires";
import { todayIn } from "@/lib/format";
import { readEvaluationOrNull } from "@/lib/stored/evaluation";
import { readRunnerAnswers } from "@/lib/stored/runner";
import type { DischargeInput } from "@/lib/validation/discharge";
import { notInFuture } from "@/lib/validation/messages";

export { latestDischargesIn, type DischargeView } from "@/lib/data/discharge-state";

/**
 * The latest questionnaire the runner returned by link for the episode and
 * no assessment took in, with the scores of its answers (none asked: no scores).
 */
async function returnedQuestionnaire(tx: Tx, clinicId: string, episodeId: string, timeZone: string) {
  const r = await tx.questionnaireRequest.findFirst({
    where: { clinicId, episodeId, status: "completed", usedInAssessmentId: null, submittedAt: { not: null } },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
  });
  if (!r?.submittedAt) return null;
  const answers = readRunnerAnswers(r.answers, shapeOf(r));
  const painNow = answers.symptoms?.painNow;
  const scores = computeScores(answers.measures, typeof painNow === "number" ? painNow : undefined);
  return Object.keys(scores).length ? { id: r.id, on: todayIn(timeZone, r.submittedAt), scores } : null;
}

/**
 * The outcome of an episode now: its intake (or first signed assessment) as
 * the baseline, its last signed assessment after it as the final measures,
 * assessments entered in error left out, compared with the clinic's
 * important change in force. A questionnaire the runner returned by link
 * (for the final measures, sent from the discharge page) on or after the
 * last signed assessment's day, and not taken into an assessment, gives the
 * final measures instead.
 */
export async function outcomeIn(tx: Tx, clinicId: string, episodeId: string, timeZone: string): Promise<DischargeOutcome> {
  const signed = await tx.assessment.findMany({
    where: { clinicId, episodeId, status: "signed" },
    orderBy: [{ assessedOn: "asc" }, { signedAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, assessedOn: true, evaluation: true },
  });
  const visit = (a: (typeof signed)[number]): OutcomeVisit & { scores: Scores } => ({
    assessmentId: a.id,
    assessedOn: toDateString(a.assessedOn),
    scores: readEvaluationOrNull(a.evaluation)?.scores ?? {},
  });
  const first = signed.find((a) => a.kind === "intake") ?? signed[0];
  const last = signed.at(-1);
  const settings = await clinicSettingsIn(tx, clinicId);
  const returned = first ? await returnedQuestionnaire(tx, clinicId, episodeId, timeZone) : null;
  const lastVisit = last && last !== first ? visit(last) : null;
  const final =
    returned && returned.on >= (lastVisit ?? visit(first!)).assessedOn
      ? { assessmentId: null, questionnaireRequestId: returned.id, assessedOn: returned.on, scores: returned.scores }
      : lastVisit;
  return computeOutcome(first ? visit(first) : null, final, settings.importantChange);
}

export type DischargePreview = {
  patient: PatientView;
  episode: EpisodeView;
  /** What the outcome would be if discharged now. */
  outcome: DischargeOutcome;
  /** Why it cannot be discharged now ("" when it can). */
  blockedBy: string;
  /** The clinic's today. */
  today: string;
  /** Its latest discharge, when it is discharged. */
  discharge: DischargeView | null;
  /** Assessments of the episode still in draft: not signed, so not in the outcome (the confirmation names them). */
  drafts: { kind: AssessmentKind; assessedOn: string }[];
};

/** The discharge page: the episode, the outcome it would have, and what stops it (audited view). */
export async function dischargePreview(actor: Actor, episodeId: string): Promise<DischargePreview> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const patient = await findPatientOrThrow(tx, actor, episode.patientId);
    const outcome = await outcomeIn(tx, actor.clinicId, episode.id, actor.timezone);
    const blockedBy = dischargeBlockedBy((await episodeRedFlagsIn(tx, actor.clinicId, episode.id)).openRedFlags);
    const { today } = await clinicClock(tx, actor.clinicId);
    await audit(tx, actor, { action: "discharge.preview", entityType: "Episode", entityId: episode.id, patientId: episode.patientId });
    const discharge =
      episode.status === "discharged" ? ((await latestDischargesIn(tx, actor.clinicId, [episode.id])).get(episode.id) ?? null) : null;
    const drafts = await tx.assessment.findMany({
      where: { clinicId: actor.clinicId, episodeId: episode.id, status: "draft" },
      select: { kind: true, assessedOn: true },
      orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    return {
      patient: patientView(patient),
      episode: episodeView(episode),
      outcome,
      blockedBy,
      today,
      discharge,
      drafts: drafts.map((d) => ({ kind: d.kind, assessedOn: toDateString(d.assessedOn) })),
    };
  });
}

/**
 * Discharges an open episode: refused (409) when it is already discharged or
 * while an emergency or urgent red flag is open, and (400, naming the field)
 * with a return to running after the clinic's today. Stores the reason and the
 * outcome against the baseline (append-only), closes the episode, audited in
 * the same transaction with the episode locked.
 */
export async function dischargeEpisode(actor: Actor, episodeId: string, input: DischargeInput): Promise<DischargeView> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    if (episode.status === "discharged")
      throw new ConflictError("Reopen this episode before discharging it again: it is already discharged");
    if (episode.status === "opened_in_error")
      throw new ConflictError("Leave this episode as it is: it was withdrawn as opened in error, so it is not discharged");
    const clock = await refuseFutureDates(tx, actor.clinicId, [
      { path: "returnToRunningOn", date: input.returnToRunningOn, message: notInFuture("return to running date") },
    ]);
    await assertDischargeAllowed(tx, actor.clinicId, episode.id);
    const outcome = await outcomeIn(tx, actor.clinicId, episode.id, actor.timezone);
    const row = await tx.discharge.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        reason: input.reason,
        reasonText: input.reasonText ?? null,
        dischargedOn: fromDateString(clock.today),
        returnToRunningOn: input.returnToRunningOn ? fromDateString(input.returnToRunningOn) : null,
        notes: input.notes ?? null,
        outcome: asJson(outcome),
        dischargedById: actor.userId,
        dischargedByName: actor.name,
      },
    });
    await tx.episode.update({
      where: { id: episode.id, clinicId: actor.clinicId },
      data: { status: "discharged", dischargedAt: new Date(), nextReviewDate: null },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, episode.id);
    await audit(tx, actor, {
      action: "episode.discharge",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: {
        dischargeId: row.id,
        reason: input.reason,
        ...(input.returnToRunningOn ? { returnToRunningOn: input.returnToRunningOn } : {}),
        before: { status: episode.status, nextReviewDate: toDateString(episode.nextReviewDate) },
      },
    });
    return dischargeView(row);
  });
}
