import "server-only";
import {
  isUrgentFlag,
  isWorsening,
  mostSevere,
  RANK_NOT_EVALUATED,
  urgencyRank,
  URGENT_FLAG_URGENCIES,
  worklistRank,
  type Urgency,
} from "@/lib/domain";
import { readEvaluationOrNull } from "@/lib/stored/evaluation";
import { fromDateString, type Tx } from "@/lib/data/tx";
import { NotFoundError } from "@/lib/errors";
import { episodeRedFlagsIn } from "@/lib/data/red-flag-state";
import { refreshEpisodeOutcome } from "@/lib/data/outcome-summary";

/**
 * Keeps the caseload columns of an episode in step with its assessments:
 * urgency (the latest signed evaluation's, raised, never lowered, by a newer
 * draft), incomplete screen, last seen, worsening since the previous visit
 * (pain, KOOS, LEFS or PSFS; never a lower Tegner level: WORSENING_MEASURES) and
 * the number of unsigned drafts, the open emergency or urgent red flags
 * (lib/domain/red-flag-items.ts) and the emergency or urgent referrals not yet
 * sent. Entered-in-error assessments do not count. Call it (with the episode
 * locked) after every change of an assessment, red-flag action or referral.
 * It refreshes the episode's outcome summary too (lib/data/outcome-summary.ts).
 */
export async function refreshEpisodeSummary(tx: Tx, clinicId: string, episodeId: string): Promise<void> {
  const rows = await tx.assessment.findMany({
    where: { clinicId, episodeId, status: { not: "entered_in_error" } },
    select: { status: true, assessedOn: true, evaluation: true, createdAt: true },
    orderBy: [{ assessedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const episode = await tx.episode.findFirst({
    where: { id: episodeId, clinicId },
    select: {
      nextReviewDate: true,
      questionnairesToReview: true,
      runnerRedFlags: true,
      diaryAlertsOpen: true,
      patient: { select: { familyName: true, givenName: true } },
    },
  });
  if (!episode) throw new NotFoundError("episode");
  const signed = rows.find((r) => r.status === "signed");
  const draft = rows.find((r) => r.status === "draft");
  const signedEval = signed ? readEvaluationOrNull(signed.evaluation) : null;
  const draftEval = draft && (!signed || draft.assessedOn >= signed.assessedOn) ? readEvaluationOrNull(draft.evaluation) : null;
  const urgencies = [signedEval?.urgency, draftEval?.urgency].filter((u): u is Urgency => !!u);
  const urgency = urgencies.length ? mostSevere(urgencies) : null;
  const screenSource = signedEval ?? draftEval;
  const rank = urgency ? urgencyRank(urgency) : RANK_NOT_EVALUATED;
  const { openRedFlags } = await episodeRedFlagsIn(tx, clinicId, episodeId);
  const unsent = await tx.referral.findMany({
    where: { clinicId, episodeId, status: { in: ["draft", "signed"] }, urgency: { in: [...URGENT_FLAG_URGENCIES] } },
    select: { urgency: true },
  });
  await tx.episode.updateMany({
    where: { id: episodeId, clinicId },
    data: {
      urgency,
      urgencyRank: rank,
      worklistRank: worklistRank({
        urgencyRank: rank,
        runnerRedFlags: episode.runnerRedFlags.length,
        diaryAlertsOpen: episode.diaryAlertsOpen,
        questionnairesToReview: episode.questionnairesToReview,
      }),
      screenIncomplete: screenSource ? screenSource.redFlagsNotAssessed.length > 0 : true,
      lastSeenOn: signed?.assessedOn ?? null,
      seenSort: signed?.assessedOn ?? fromDateString("0001-01-01"),
      reviewSort: episode.nextReviewDate ?? fromDateString("9999-12-31"),
      sortName: `${episode.patient.familyName} ${episode.patient.givenName}`.toLowerCase(),
      worsening: isWorsening(signedEval?.changes),
      draftCount: rows.filter((r) => r.status === "draft").length,
      openUrgentFlags: openRedFlags.filter(isUrgentFlag).map((f) => f.code),
      unsentUrgentReferrals: unsent.length,
      unsentReferralUrgency: unsent.length ? mostSevere(unsent.map((r) => r.urgency)) : null,
    },
  });
  await refreshEpisodeOutcome(tx, clinicId, episodeId);
}

/**
 * Keeps the caseload columns of what the runner reported in step with their
 * questionnaires and diary: returned questionnaires not yet reviewed, the
 * red-flag questions answered yes in them, diary alerts not yet reviewed, and
 * the urgency sort that puts them among the red flags. Call it (with the
 * episode locked) whenever a request is submitted or reviewed, or an alert
 * is raised or reviewed.
 */
export async function refreshRunnerSummary(tx: Tx, clinicId: string, episodeId: string): Promise<void> {
  const episode = await tx.episode.findFirst({ where: { id: episodeId, clinicId }, select: { urgencyRank: true } });
  if (!episode) throw new NotFoundError("episode");
  const returned = await tx.questionnaireRequest.findMany({
    where: { clinicId, episodeId, status: "completed", reviewedAt: null },
    select: { reportedRedFlags: true },
  });
  const diaryAlertsOpen = await tx.diaryAlert.count({ where: { clinicId, episodeId, reviewedAt: null } });
  const runnerRedFlags = [...new Set(returned.flatMap((r) => r.reportedRedFlags))];
  await tx.episode.updateMany({
    where: { id: episodeId, clinicId },
    data: {
      questionnairesToReview: returned.length,
      runnerRedFlags,
      diaryAlertsOpen,
      worklistRank: worklistRank({
        urgencyRank: episode.urgencyRank,
        runnerRedFlags: runnerRedFlags.length,
        diaryAlertsOpen,
        questionnairesToReview: returned.length,
      }),
    },
  });
}
