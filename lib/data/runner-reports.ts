import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { findEpisodeOrThrow } from "@/lib/data/patients";
import { refreshRunnerSummary } from "@/lib/data/episode-summary";
import { shapeOf, unusedRunnerReports } from "@/lib/data/questionnaires";
import { ConflictError } from "@/lib/errors";
import { transaction, type Tx } from "@/lib/data/tx";
import { todayIn } from "@/lib/format";
import type { RunnerReport } from "@/lib/runner-prefill";
import { readRunnerAnswers } from "@/lib/stored/runner";

/**
 * What the runner returned by link, on its way into the record (issue 13):
 * the returned questionnaires that pre-fill the next intake or follow-up,
 * the link recorded when a draft takes them (QuestionnaireRequest.usedInAssessmentId),
 * and the ones an assessment used (its "reported by the runner" answers,
 * kept beside what the clinician recorded, reviewed when it is signed).
 */

/** The returned questionnaires not yet taken into an assessment, oldest first (audited: the runner's answers are read). */
export async function runnerReportsForForm(actor: Actor, episodeId: string): Promise<RunnerReport[]> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const reports = await unusedRunnerReports(tx, actor, episodeId);
    if (reports.length)
      await audit(tx, actor, {
        action: "questionnaire.prefill",
        entityType: "Episode",
        entityId: episodeId,
        patientId: episode.patientId,
        detail: { requestIds: reports.map((r) => r.id) },
      });
    return reports;
  });
}

/** The days the runner returned questionnaires not yet taken into an assessment (no answers read: only when). */
export async function untakenRunnerReportDays(actor: Actor, episodeId: string): Promise<string[]> {
  const rows = await transaction((tx) =>
    tx.questionnaireRequest.findMany({
      where: { clinicId: actor.clinicId, episodeId, status: "completed", usedInAssessmentId: null },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: { submittedAt: true, createdAt: true },
    }),
  );
  return [...new Set(rows.map((r) => todayIn(actor.timezone, r.submittedAt ?? r.createdAt)))];
}

/** The returned questionnaires an assessment (draft or signed) was pre-filled from, oldest first. */
export async function runnerReportsOfAssessment(tx: Tx, actor: Actor, assessmentId: string): Promise<RunnerReport[]> {
  const rows = await tx.questionnaireRequest.findMany({
    where: { clinicId: actor.clinicId, usedInAssessmentId: assessmentId, status: "completed" },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    on: todayIn(actor.timezone, r.submittedAt ?? r.createdAt),
    answers: readRunnerAnswers(r.answers, shapeOf(r)),
  }));
}

/**
 * A draft saved with answers pre-filled from returned questionnaires records
 * that it took them (issue 13): what was imported into which assessment, not
 * what was there when the draft was made, so a questionnaire returned later is
 * neither hidden nor taken twice. Refused, and nothing saved, when one of them
 * was meanwhile taken into another assessment. Runs in the saving transaction
 * (episode locked); returns the ids it linked.
 */
export async function importRunnerReports(tx: Tx, actor: Actor, episodeId: string, assessmentId: string, requestIds: readonly string[]) {
  const ids = [...new Set(requestIds)];
  if (!ids.length) return [];
  const linked = await tx.questionnaireRequest.updateMany({
    where: {
      clinicId: actor.clinicId,
      episodeId,
      id: { in: ids },
      status: "completed",
      OR: [{ usedInAssessmentId: null }, { usedInAssessmentId: assessmentId }],
    },
    data: { usedInAssessmentId: assessmentId },
  });
  if (linked.count !== ids.length)
    throw new ConflictError(
      "Open the form again to start from what is left: the runner's answers this form started from were taken into another assessment meanwhile, or are not on this episode, and nothing was saved",
    );
  return ids;
}

/** A discarded draft gives back the returned questionnaires it took, for the next assessment. Runs in the discarding transaction. */
export async function releaseRunnerReports(tx: Tx, actor: Actor, assessmentId: string): Promise<void> {
  await tx.questionnaireRequest.updateMany({
    where: { clinicId: actor.clinicId, usedInAssessmentId: assessmentId },
    data: { usedInAssessmentId: null },
  });
}

/**
 * Signing an assessment: the returned questionnaires imported into it are
 * reviewed by the signer (unless already reviewed). Runs in the signing
 * transaction (episode locked).
 */
export async function reviewRunnerReportsAtSigning(tx: Tx, actor: Actor, assessment: { id: string; episodeId: string }): Promise<void> {
  const reviewed = await tx.questionnaireRequest.updateMany({
    where: { clinicId: actor.clinicId, episodeId: assessment.episodeId, usedInAssessmentId: assessment.id, reviewedAt: null },
    data: { reviewedAt: new Date(), reviewedById: actor.userId },
  });
  if (reviewed.count) await refreshRunnerSummary(tx, actor.clinicId, assessment.episodeId);
}

/** The returned questionnaires an assessment (draft or signed) was pre-filled from (audited as a read of the runner's answers). */
export async function runnerReportsUsedBy(actor: Actor, patientId: string, assessmentId: string): Promise<RunnerReport[]> {
  return transaction(async (tx) => {
    const reports = await runnerReportsOfAssessment(tx, actor, assessmentId);
    if (reports.length)
      await audit(tx, actor, {
        action: "questionnaire.read_used",
        entityType: "Assessment",
        entityId: assessmentId,
        patientId,
        detail: { requestIds: reports.map((r) => r.id) },
      });
    return reports;
  });
}
