import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { findEpisodeOrThrow } from "@/lib/data/patients";
import { markQuestionnairesUsed, shapeOf, unusedRunnerReports } from "@/lib/data/questionnaires";
import { transaction, type Tx } from "@/lib/data/tx";
import { todayIn } from "@/lib/format";
import type { RunnerReport } from "@/lib/runner-prefill";
import { readRunnerAnswers } from "@/lib/stored/runner";

/**
 * What the runner returned by link, on its way into the record (issue 13):
 * the returned questionnaires that pre-fill the next intake or follow-up,
 * the ones a signed assessment used (its "reported by the runner" answers,
 * kept beside what the clinician recorded), and the link made at signing.
 */

/** The returned questionnaires not yet used by a signed assessment, oldest first (audited: the runner's answers are read). */
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

/** The returned questionnaires a signed assessment was pre-filled from, oldest first. */
export async function runnerReportsOfAssessment(tx: Tx, actor: Actor, assessmentId: string): Promise<RunnerReport[]> {
  const rows = await tx.questionnaireRequest.findMany({
    where: { clinicId: actor.clinicId, usedInAssessmentId: assessmentId, status: "completed" },
    orderBy: { submittedAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    on: todayIn(actor.timezone, r.submittedAt ?? r.createdAt),
    answers: readRunnerAnswers(r.answers, shapeOf(r)),
  }));
}

/**
 * Signing an assessment: the returned questionnaires that were there when its
 * form was first opened (returned before the draft was made) pre-filled it,
 * so they are now used by it, and reviewed by the signer. Runs in the signing
 * transaction (episode locked).
 */
export async function linkRunnerReportsAtSigning(
  tx: Tx,
  actor: Actor,
  assessment: { id: string; episodeId: string; createdAt: Date },
): Promise<void> {
  const rows = await tx.questionnaireRequest.findMany({
    where: {
      clinicId: actor.clinicId,
      episodeId: assessment.episodeId,
      status: "completed",
      usedInAssessmentId: null,
      submittedAt: { lte: assessment.createdAt },
    },
    select: { id: true },
  });
  await markQuestionnairesUsed(
    tx,
    actor,
    assessment.episodeId,
    assessment.id,
    rows.map((r) => r.id),
  );
}

/** The returned questionnaires a signed assessment was pre-filled from (audited as a read of the runner's answers). */
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
