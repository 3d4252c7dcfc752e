import "server-only";
import type { Actor } from "@/lib/domain/access";
import { MECHANISM_LABELS, SIDE_LABELS } from "@/lib/domain/labels";
import { audit } from "@/lib/data/audit";
import { evaluateWithContext, loadEvaluationContext } from "@/lib/data/assessments";
import { refuseFutureDates } from "@/lib/data/clinic";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { episodeView, lockEpisode, openEpisodeConflict, openEpisodeOfKnee, type EpisodeView } from "@/lib/data/patients";
import { asJson, fromDateString, toDateString, transaction } from "@/lib/data/tx";
import { ValidationError } from "@/lib/errors";
import { readAnswers } from "@/lib/stored/answers";
import { deriveAnswers } from "@/lib/validation/assessment";
import type { EpisodeCorrectionInput } from "@/lib/validation/patients";
import { notBefore, notInFuture } from "@/lib/validation/messages";

const FIELD_WORDS = { side: "side", onsetDate: "onset date", mechanism: "mechanism" } as const;
type Fact = keyof typeof FIELD_WORDS;

/**
 * Corrects the side, onset date or mechanism of an open episode, with a
 * reason (audited: before, after, reason). Signed assessments keep the facts
 * they were evaluated with (their stored evaluation and input never change);
 * unsigned drafts are evaluated again with the corrected facts, as their next
 * save would. A discharged episode is refused, naming the fields: reopen it
 * first. Which patient an episode belongs to never changes (PostgreSQL).
 */
export async function correctEpisode(actor: Actor, input: EpisodeCorrectionInput): Promise<EpisodeView> {
  return transaction(async (tx) => {
    const before = await lockEpisode(tx, actor, input.episodeId);
    const after = { side: input.side, onsetDate: input.onsetDate ?? null, mechanism: input.mechanism ?? null };
    const was = { side: before.side, onsetDate: toDateString(before.onsetDate), mechanism: before.mechanism };
    const changed = (Object.keys(FIELD_WORDS) as Fact[]).filter((k) => after[k] !== was[k]);
    if (!changed.length)
      throw new ValidationError([{ path: "side", message: "Change the side, onset date or mechanism: all three are as recorded" }]);
    if (before.status === "discharged")
      throw new ValidationError(
        changed.map((k) => ({
          path: k,
          message: `Reopen the episode first: it is discharged, so its ${FIELD_WORDS[k]} can no longer be corrected`,
        })),
      );
    if (before.status === "opened_in_error")
      throw new ValidationError([{ path: "side", message: "Leave this episode as it is: it was withdrawn as opened in error" }]);
    // One open episode per knee: a corrected side may not overlap another open episode (PostgreSQL refuses it too).
    if (after.side !== was.side) {
      const open = await openEpisodeOfKnee(tx, actor, before.patientId, after.side, before.id);
      if (open) throw openEpisodeConflict(open);
    }
    await refuseFutureDates(tx, actor.clinicId, [{ path: "onsetDate", date: after.onsetDate, message: notInFuture("onset date") }]);
    const patient = await tx.patient.findFirst({ where: { id: before.patientId, clinicId: actor.clinicId }, select: { birthDate: true } });
    if (after.onsetDate && patient && after.onsetDate < toDateString(patient.birthDate))
      throw new ValidationError([
        { path: "onsetDate", message: notBefore("onset date", "date of birth", toDateString(patient.birthDate)) },
      ]);
    const e = await tx.episode.update({
      where: { id: before.id, clinicId: actor.clinicId },
      data: { side: after.side, onsetDate: after.onsetDate ? fromDateString(after.onsetDate) : null, mechanism: after.mechanism },
    });
    // Drafts are evaluated with the facts on record when they are saved and signed: bring their provisional evaluation up to date.
    const drafts = await tx.assessment.findMany({
      where: { clinicId: actor.clinicId, episodeId: e.id, status: "draft" },
      select: { id: true, assessedOn: true, answers: true },
    });
    for (const d of drafts) {
      const assessedOn = toDateString(d.assessedOn);
      const ctx = await loadEvaluationContext(tx, actor.clinicId, e.id, assessedOn, d.id);
      const { evaluation } = evaluateWithContext(ctx, assessedOn, deriveAnswers(readAnswers(d.answers)));
      await tx.assessment.updateMany({
        where: { id: d.id, clinicId: actor.clinicId, status: "draft" },
        data: { evaluation: asJson(evaluation), rulesVersion: evaluation.rulesVersion, urgency: evaluation.urgency },
      });
    }
    await refreshEpisodeSummary(tx, actor.clinicId, e.id);
    const words = (k: Fact, v: string | null) =>
      v === null
        ? "not recorded"
        : k === "side"
          ? SIDE_LABELS[v as keyof typeof SIDE_LABELS]
          : k === "mechanism"
            ? MECHANISM_LABELS[v as keyof typeof MECHANISM_LABELS]
            : v;
    await audit(tx, actor, {
      action: "episode.correct",
      entityType: "Episode",
      entityId: e.id,
      patientId: e.patientId,
      detail: {
        reason: input.reason,
        before: Object.fromEntries(changed.map((k) => [k, was[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        summary: changed.map((k) => `${FIELD_WORDS[k]}: ${words(k, was[k])} → ${words(k, after[k])}`).join("; "),
      },
    });
    return episodeView(e);
  });
}
