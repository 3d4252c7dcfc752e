import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { Actor } from "@/lib/domain/access";
import { reviewDateIssues } from "@/lib/validation/review-date";
import type { EpisodeStatus } from "@/lib/domain/codes";
import { evaluate, RED_FLAG_LABELS, type Evaluation, type EvaluationInput, type Scores, type Urgency } from "@/lib/clinical";
import { SCREEN_ATTESTATION_FIELD } from "@/lib/domain/urgency";
import { baselineScoresOf, buildEvaluationInput, type ClinicalAnswers } from "@/lib/clinical/record-input";
import { RUN_WINDOW_DAYS } from "@/lib/domain/windows";
import { importRunnerReports, releaseRunnerReports, reviewRunnerReportsAtSigning } from "@/lib/data/runner-reports";
import { audit } from "@/lib/data/audit";
import { shoeSummaryIn, type ShoeSummary } from "@/lib/data/shoes";
import { clinicClock } from "@/lib/data/clinic";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { episodeRedFlagsIn } from "@/lib/data/red-flag-state";
import type { OpenRedFlag } from "@/lib/domain/red-flag-items";
export { refreshEpisodeSummary };
import { findEpisodeOrThrow, isUuid, lockEpisode, lockEpisodeOfAssessment } from "@/lib/data/patients";
import { clinicSettingsIn, evaluationSettings } from "@/lib/data/settings";
import { asJson, fromDateString, isUniqueViolation, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays } from "@/lib/format";
import type { Prisma } from "@/prisma/generated/client";
import {
  answersSchema,
  deriveAnswers,
  parseWithIssues,
  type Answers,
  type RecordConflict,
  type SaveDraftInput,
} from "@/lib/validation/assessment";
import { readAnswers } from "@/lib/stored/answers";
import { readEvaluationOrNull, type StoredEvaluation } from "@/lib/stored/evaluation";
import { psfsBaseline, psfsCarryForwardIssues, type PsfsBaseline } from "@/lib/instruments/psfs";
import { SEND_VERSION, SIGNED_ASSESSMENT_KEPT, notBefore, notInFuture } from "@/lib/validation/messages";

/**
 * Intake and follow-up assessments. A draft is saved as often as the
 * clinician likes (optimistic locking on `version`: a save that started from
 * an older version is refused with what changed). Signing evaluates the
 * record on the server and freezes it; afterwards only addenda and the
 * entered-in-error mark are possible (enforced again by PostgreSQL).
 */
type AssessmentRow = Prisma.AssessmentGetPayload<object>;

export type AssessmentView = {
  id: string;
  episodeId: string;
  kind: "intake" | "follow_up";
  assessedOn: string;
  answers: Answers;
  evaluation: StoredEvaluation | null;
  rulesVersion: string | null;
  urgency: Urgency | null;
  status: "draft" | "signed" | "entered_in_error";
  signedAt: Date | null;
  signedById: string | null;
  /** Who signed, as they were named at signing (stamped by PostgreSQL). */
  signedByName: string | null;
  signedByTitle: string | null;
  /** The signer's attestation of why the red-flag screen was signed incomplete (null: complete, or not signed). */
  screenAttestation: string | null;
  enteredInErrorReason: string | null;
  enteredInErrorAt: Date | null;
  enteredInErrorById: string | null;
  version: number;
  createdById: string;
  updatedById: string;
  createdAt: Date;
  updatedAt: Date;
};

export function assessmentView(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    episodeId: row.episodeId,
    kind: row.kind,
    assessedOn: toDateString(row.assessedOn),
    answers: readAnswers(row.answers),
    evaluation: readEvaluationOrNull(row.evaluation),
    rulesVersion: row.rulesVersion,
    urgency: row.urgency,
    status: row.status,
    signedAt: row.signedAt,
    signedById: row.signedById,
    signedByName: row.signedByName,
    signedByTitle: row.signedByTitle,
    screenAttestation: row.screenAttestation,
    enteredInErrorReason: row.enteredInErrorReason,
    enteredInErrorAt: row.enteredInErrorAt,
    enteredInErrorById: row.enteredInErrorById,
    version: row.version,
    createdById: row.createdById,
    updatedById: row.updatedById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// ------------------------------------------------------------ evaluation

export type EvaluationContext = {
  patient: { birthDate: string; sex: "female" | "male" | "other" | "unknown" };
  /** The day the run log is complete from (Patient.runsLoggedSince): training.loggedSince. */
  runsLoggedSince: string | null;
  episode: { mechanism: "gradual" | "acute_trauma" | null; side: "left" | "right" | "both"; onsetDate: string | null };
  runs: { date: string; distanceKm: number; surface: "road" | "track" | "treadmill" | "trail" | null }[];
  priors: { id: string; assessedOn: string; answers: ClinicalAnswers }[];
  settings: ReturnType<typeof evaluationSettings>;
};

/** Everything evaluate() needs besides the answers, as on record now. */
export async function loadEvaluationContext(
  tx: Tx,
  clinicId: string,
  episodeId: string,
  assessedOn: string,
  excludeAssessmentId?: string,
): Promise<EvaluationContext> {
  const episode = await tx.episode.findFirst({ where: { id: episodeId, clinicId }, include: { patient: true } });
  if (!episode) throw new NotFoundError("episode");
  const runs = await tx.run.findMany({
    where: {
      clinicId,
      patientId: episode.patientId,
      date: { gte: fromDateString(addDays(assessedOn, -RUN_WINDOW_DAYS)), lte: fromDateString(assessedOn) },
    },
    select: { date: true, distanceKm: true, surface: true },
    orderBy: [{ date: "asc" }, { id: "asc" }],
  });
  const priors = await tx.assessment.findMany({
    where: {
      clinicId,
      episodeId,
      status: "signed",
      assessedOn: { lte: fromDateString(assessedOn) },
      ...(excludeAssessmentId ? { id: { not: excludeAssessmentId } } : {}),
    },
    select: { id: true, assessedOn: true, answers: true },
    orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  const settings = await clinicSettingsIn(tx, clinicId);
  return {
    patient: { birthDate: toDateString(episode.patient.birthDate), sex: episode.patient.sex },
    runsLoggedSince: toDateString(episode.patient.runsLoggedSince),
    episode: { mechanism: episode.mechanism, side: episode.side, onsetDate: toDateString(episode.onsetDate) },
    runs: runs.map((r) => ({ date: toDateString(r.date), distanceKm: r.distanceKm, surface: r.surface })),
    priors: priors.map((p) => ({ id: p.id, assessedOn: toDateString(p.assessedOn), answers: readAnswers(p.answers) })),
    settings: evaluationSettings(settings),
  };
}

export function evaluateWithContext(
  ctx: EvaluationContext,
  assessedOn: string,
  answers: ClinicalAnswers,
): { input: EvaluationInput; evaluation: Evaluation } {
  const input = buildEvaluationInput({
    assessedOn,
    patient: ctx.patient,
    episode: ctx.episode,
    answers,
    runs: ctx.runs,
    loggedSince: ctx.runsLoggedSince,
    priors: ctx.priors,
    settings: ctx.settings,
  });
  return { input, evaluation: evaluate(input) };
}

// ------------------------------------------------------------ reads

async function findAssessmentOrThrow(tx: Tx, actor: Actor, assessmentId: string): Promise<AssessmentRow> {
  if (!isUuid(assessmentId)) throw new NotFoundError("assessment");
  const row = await tx.assessment.findFirst({ where: { id: assessmentId, clinicId: actor.clinicId } });
  if (!row) throw new NotFoundError("assessment");
  return row;
}

export type AddendumView = { id: string; text: string; authorName: string; createdAt: Date };

export type AssessmentDetail = {
  assessment: AssessmentView;
  addenda: AddendumView[];
  people: Record<string, { name: string; title: string | null }>;
  patientId: string;
  /** The scores of the baseline it was compared with (the episode's first signed assessment before it), for "baseline → now"; null for the baseline itself. */
  baselineScores: Scores | null;
};

/** Opens one assessment with its addenda (audited as a view of the patient record). */
export async function getAssessmentDetail(actor: Actor, assessmentId: string): Promise<AssessmentDetail> {
  return transaction(async (tx) => {
    const row = await findAssessmentOrThrow(tx, actor, assessmentId);
    const episode = await findEpisodeOrThrow(tx, actor, row.episodeId);
    const addenda = await tx.addendum.findMany({
      where: { clinicId: actor.clinicId, assessmentId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const ids = [row.createdById, row.updatedById, row.signedById, row.enteredInErrorById, ...addenda.map((a) => a.authorId)].filter(
      (v): v is string => !!v,
    );
    const users = await tx.user.findMany({
      where: { clinicId: actor.clinicId, id: { in: ids } },
      select: { id: true, name: true, title: true },
    });
    const people = Object.fromEntries(users.map((u) => [u.id, { name: u.name, title: u.title }]));
    await audit(tx, actor, { action: "assessment.view", entityType: "Assessment", entityId: row.id, patientId: episode.patientId });
    const baseline = await tx.assessment.findFirst({
      where: {
        clinicId: actor.clinicId,
        episodeId: row.episodeId,
        status: "signed",
        id: { not: row.id },
        assessedOn: { lte: row.assessedOn },
      },
      orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { assessedOn: true, answers: true },
    });
    const assessedOn = toDateString(row.assessedOn);
    return {
      baselineScores: baseline
        ? baselineScoresOf([{ assessedOn: toDateString(baseline.assessedOn), answers: readAnswers(baseline.answers) }], assessedOn)
        : null,
      assessment: assessmentView(row),
      addenda: addenda.map((a) => ({ id: a.id, text: a.text, authorName: people[a.authorId]?.name ?? "Unknown", createdAt: a.createdAt })),
      people,
      patientId: episode.patientId,
    };
  });
}

/** The assessments of an episode, oldest first (audited as "assessments.list" of the patient). */
export async function listEpisodeAssessments(actor: Actor, episodeId: string): Promise<AssessmentView[]> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const rows = await tx.assessment.findMany({
      where: { clinicId: actor.clinicId, episodeId },
      orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    await audit(tx, actor, { action: "assessments.list", entityType: "Episode", entityId: episodeId, patientId: episode.patientId });
    return rows.map(assessmentView);
  });
}

// ------------------------------------------------------------ writes

const INTAKE_TAKEN = "Record a follow-up instead: this episode already has an intake";

async function checkDraftRules(tx: Tx, actor: Actor, input: SaveDraftInput, excludeId?: string) {
  const episode = await findEpisodeOrThrow(tx, actor, input.episodeId);
  const patient = await tx.patient.findFirst({
    where: { id: episode.patientId, clinicId: actor.clinicId },
    select: { birthDate: true, id: true },
  });
  if (!patient) throw new NotFoundError("patient");
  const { today } = await clinicClock(tx, actor.clinicId);
  const issues = [];
  if (input.assessedOn > today) issues.push({ path: "assessedOn", message: notInFuture("assessment date") });
  if (input.assessedOn < toDateString(patient.birthDate))
    issues.push({ path: "assessedOn", message: notBefore("assessment date", "date of birth", toDateString(patient.birthDate)) });
  if (episode.status === "discharged") throw new ConflictError("Reopen this episode before recording an assessment: it is discharged");
  if (episode.status === "opened_in_error")
    throw new ConflictError("Record the assessment in the runner's open episode: this one was withdrawn as opened in error");
  const others = await tx.assessment.findMany({
    where: {
      clinicId: actor.clinicId,
      episodeId: episode.id,
      status: { not: "entered_in_error" },
      ...(excludeId ? { id: { not: excludeId } } : {}),
    },
    select: { kind: true, status: true },
  });
  if (input.kind === "intake" && others.some((o) => o.kind === "intake")) issues.push({ path: "kind", message: INTAKE_TAKEN });
  if (input.kind === "follow_up" && !others.some((o) => o.kind === "intake" && o.status === "signed")) {
    issues.push({ path: "kind", message: "Sign the intake of this episode before recording a follow-up" });
  }
  issues.push(
    ...reviewDateIssues("plan.nextReviewDate", "next review date", input.answers.plan?.nextReviewDate, {
      assessedOn: input.assessedOn,
      onsetDate: toDateString(episode.onsetDate),
    }),
  );
  if (input.kind === "follow_up")
    issues.push(...psfsCarryForwardIssues(await psfsBaselineOf(tx, actor, episode.id, excludeId), input.answers.measures?.psfs));
  if (issues.length) throw new ValidationError(issues);
  return { episode, patientId: patient.id };
}

/** The PSFS activities a follow-up of the episode scores: those of its earliest signed assessment with PSFS (lib/instruments/psfs.ts). */
export async function psfsBaselineOf(tx: Tx, actor: Actor, episodeId: string, excludeId?: string): Promise<PsfsBaseline | null> {
  const signed = await tx.assessment.findMany({
    where: { clinicId: actor.clinicId, episodeId, status: "signed", ...(excludeId ? { id: { not: excludeId } } : {}) },
    select: { assessedOn: true, answers: true },
    orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return psfsBaseline(signed.map((a) => ({ assessedOn: toDateString(a.assessedOn), answers: readAnswers(a.answers) })));
}

/** What the other user saved, returned with a conflict so nothing typed is lost. */
async function conflictDetail(tx: Tx, actor: Actor, row: AssessmentRow): Promise<RecordConflict> {
  const by = await tx.user.findFirst({ where: { id: row.updatedById, clinicId: actor.clinicId }, select: { name: true } });
  return {
    version: row.version,
    status: row.status,
    assessedOn: toDateString(row.assessedOn),
    answers: readAnswers(row.answers),
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: by?.name ?? null,
  };
}

/** Creates a draft, or updates one if `version` is still the stored version. */
export async function saveDraft(actor: Actor, input: SaveDraftInput): Promise<AssessmentView> {
  return transaction(async (tx) => {
    await lockEpisode(tx, actor, input.episodeId);
    let existing: AssessmentRow | null = null;
    if (input.assessmentId) {
      existing = await findAssessmentOrThrow(tx, actor, input.assessmentId);
      if (existing.episodeId !== input.episodeId) throw new NotFoundError("assessment");
      if (existing.status !== "draft") throw new ConflictError(SIGNED_ASSESSMENT_KEPT, await conflictDetail(tx, actor, existing));
      if (input.version === undefined) throw new ValidationError([{ path: "version", message: SEND_VERSION }]);
      if (existing.version !== input.version) {
        if (repeatsLastSave(existing, actor, input)) return assessmentView(existing);
        throw new ConflictError(
          "Review the other changes: someone else saved this draft after you opened it, and your entries are kept in the form",
          await conflictDetail(tx, actor, existing),
        );
      }
    }
    const { patientId } = await checkDraftRules(tx, actor, input, existing?.id);
    const ctx = await loadEvaluationContext(tx, actor.clinicId, input.episodeId, input.assessedOn, existing?.id);
    const answers = deriveAnswers(input.answers);
    const { evaluation } = evaluateWithContext(ctx, input.assessedOn, answers);
    const data = {
      kind: input.kind,
      assessedOn: fromDateString(input.assessedOn),
      answers: asJson(answers),
      evaluation: asJson(evaluation),
      rulesVersion: evaluation.rulesVersion,
      urgency: evaluation.urgency,
      updatedById: actor.userId,
    };
    let row: AssessmentRow;
    if (existing) {
      const updated = await tx.assessment.updateMany({
        where: { id: existing.id, clinicId: actor.clinicId, status: "draft", version: existing.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count !== 1) {
        const now = await findAssessmentOrThrow(tx, actor, existing.id);
        throw new ConflictError(
          "Review the other changes: someone else saved this draft after you opened it, and your entries are kept in the form",
          await conflictDetail(tx, actor, now),
        );
      }
      row = await findAssessmentOrThrow(tx, actor, existing.id);
    } else {
      row = await tx.assessment
        .create({ data: { ...data, clinicId: actor.clinicId, episodeId: input.episodeId, createdById: actor.userId } })
        .catch((error: unknown) => {
          // PostgreSQL's one-intake-per-episode index (the check above runs under the episode lock, so only another writer gets here).
          if (isUniqueViolation(error)) throw new ValidationError([{ path: "kind", message: INTAKE_TAKEN }]);
          throw error;
        });
    }
    // What the runner returned by link and this form was pre-filled from is now this draft's (issue 13).
    const runnerRequestIds = await importRunnerReports(tx, actor, input.episodeId, row.id, input.runnerRequestIds ?? []);
    await refreshEpisodeSummary(tx, actor.clinicId, input.episodeId);
    await audit(tx, actor, {
      action: existing ? "assessment.update" : "assessment.create",
      entityType: "Assessment",
      entityId: row.id,
      patientId,
      detail: {
        kind: row.kind,
        version: row.version,
        urgency: evaluation.urgency,
        ...(runnerRequestIds.length ? { runnerRequestIds } : {}),
      },
    });
    return assessmentView(row);
  });
}

/**
 * A save sent again after its answer was lost (the connection broke after
 * PostgreSQL committed it, so the form was told "nothing was saved" and kept
 * the entries): the draft is one version past the one sent, by the same
 * person, with exactly these entries. Answering "saved" is then the truth;
 * anything else is somebody else's change and a conflict.
 */
function repeatsLastSave(existing: AssessmentRow, actor: Actor, input: SaveDraftInput): boolean {
  return (
    input.version !== undefined &&
    existing.version === input.version + 1 &&
    existing.updatedById === actor.userId &&
    existing.kind === input.kind &&
    toDateString(existing.assessedOn) === input.assessedOn &&
    isDeepStrictEqual(existing.answers, JSON.parse(JSON.stringify(deriveAnswers(input.answers))))
  );
}

/**
 * Why signing needs an attestation: the red flags of `evaluation` not
 * assessed, worded; null when the screen is complete.
 */
export function screenAttestationNeeded(evaluation: Pick<Evaluation, "redFlagsNotAssessed">): string | null {
  const open = evaluation.redFlagsNotAssessed;
  if (!open.length) return null;
  const listed = open.slice(0, 3).map((c) => RED_FLAG_LABELS[c]);
  const more = open.length > listed.length ? ` and ${open.length - listed.length} more` : "";
  return `the red-flag screen is incomplete (not assessed: ${listed.join(", ")}${more}): state why it could not be completed to sign`;
}

/**
 * Signs a draft: evaluates it on the server and freezes it with its
 * rulesVersion and settings. When red flags are not assessed (the screen is
 * incomplete) the signer must attest why (`screenAttestation`, stored with
 * the record and sealed with it); with a complete screen it is not stored.
 */
export async function signAssessment(
  actor: Actor,
  assessmentId: string,
  version: number,
  screenAttestation?: string,
): Promise<AssessmentView> {
  return transaction(async (tx) => {
    await lockEpisodeOfAssessment(tx, actor, assessmentId);
    const row = await findAssessmentOrThrow(tx, actor, assessmentId);
    // The same signature sent again (its answer was lost on the way back): it is done, say so.
    if (row.status === "signed" && row.signedById === actor.userId && row.version === version + 1) return assessmentView(row);
    if (row.status !== "draft")
      throw new ConflictError("Reload the page: this assessment is already signed", await conflictDetail(tx, actor, row));
    if (row.version !== version)
      throw new ConflictError(
        "Review the changes, then sign again: the draft changed since you opened it",
        await conflictDetail(tx, actor, row),
      );
    const answers = deriveAnswers(parseWithIssues(answersSchema, row.answers));
    const assessedOn = toDateString(row.assessedOn);
    const { patientId, episode } = await checkDraftRules(
      tx,
      actor,
      { episodeId: row.episodeId, kind: row.kind, assessedOn, answers },
      row.id,
    );
    const ctx = await loadEvaluationContext(tx, actor.clinicId, row.episodeId, assessedOn, row.id);
    const { input, evaluation } = evaluateWithContext(ctx, assessedOn, answers);
    const attestationNeeded = screenAttestationNeeded(evaluation);
    const attestation = screenAttestation?.trim() || null;
    if (attestationNeeded && !attestation) throw new ValidationError([{ path: SCREEN_ATTESTATION_FIELD, message: attestationNeeded }]);
    const signed = await tx.assessment.updateMany({
      where: { id: row.id, clinicId: actor.clinicId, status: "draft", version },
      data: {
        status: "signed",
        signedById: actor.userId,
        signedAt: new Date(),
        answers: asJson(answers),
        evaluation: asJson(evaluation),
        evaluationInput: asJson(input),
        rulesVersion: evaluation.rulesVersion,
        settingsUsed: asJson(ctx.settings),
        urgency: evaluation.urgency,
        screenAttestation: attestationNeeded ? attestation : null,
        updatedById: actor.userId,
        version: { increment: 1 },
      },
    });
    if (signed.count !== 1) throw new ConflictError("Review the draft and sign again: it changed while signing");
    // The runner's returned questionnaires imported into it are now reviewed: issue 13.
    await reviewRunnerReportsAtSigning(tx, actor, row);
    const nextReview = answers.plan?.nextReviewDate;
    if (nextReview)
      await tx.episode.update({
        where: { id: episode.id, clinicId: actor.clinicId },
        data: { nextReviewDate: fromDateString(nextReview) },
      });
    await refreshEpisodeSummary(tx, actor.clinicId, row.episodeId);
    await audit(tx, actor, {
      action: "assessment.sign",
      entityType: "Assessment",
      entityId: row.id,
      patientId,
      detail: {
        kind: row.kind,
        urgency: evaluation.urgency,
        redFlags: evaluation.redFlags.map((f) => f.code),
        redFlagsNotAssessed: evaluation.redFlagsNotAssessed,
        screenAttestation: attestationNeeded ? attestation : null,
        rulesVersion: evaluation.rulesVersion,
      },
    });
    return assessmentView(await findAssessmentOrThrow(tx, actor, row.id));
  });
}

export async function addAddendum(actor: Actor, assessmentId: string, text: string): Promise<AddendumView> {
  return transaction(async (tx) => {
    const row = await findAssessmentOrThrow(tx, actor, assessmentId);
    if (row.status === "draft") throw new ConflictError("Change the draft itself: addenda are for signed assessments");
    const episode = await findEpisodeOrThrow(tx, actor, row.episodeId);
    const a = await tx.addendum.create({ data: { clinicId: actor.clinicId, assessmentId, authorId: actor.userId, text } });
    await audit(tx, actor, {
      action: "assessment.addendum",
      entityType: "Assessment",
      entityId: assessmentId,
      patientId: episode.patientId,
      detail: { addendumId: a.id },
    });
    return { id: a.id, text: a.text, authorName: actor.name, createdAt: a.createdAt };
  });
}

export async function markEnteredInError(actor: Actor, assessmentId: string, reason: string): Promise<AssessmentView> {
  return transaction(async (tx) => {
    await lockEpisodeOfAssessment(tx, actor, assessmentId);
    const row = await findAssessmentOrThrow(tx, actor, assessmentId);
    if (row.status !== "signed") {
      throw new ConflictError(
        row.status === "draft"
          ? "Discard the draft instead: a draft is not part of the record"
          : "Reload the page: this assessment is already marked entered in error",
      );
    }
    const episode = await findEpisodeOrThrow(tx, actor, row.episodeId);
    await tx.assessment.update({
      where: { id: row.id, clinicId: actor.clinicId },
      data: {
        status: "entered_in_error",
        enteredInErrorReason: reason,
        enteredInErrorById: actor.userId,
        enteredInErrorAt: new Date(),
        updatedById: actor.userId,
        version: { increment: 1 },
      },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, row.episodeId);
    await audit(tx, actor, {
      action: "assessment.entered_in_error",
      entityType: "Assessment",
      entityId: row.id,
      patientId: episode.patientId,
      detail: { reason },
    });
    return assessmentView(await findAssessmentOrThrow(tx, actor, row.id));
  });
}

export async function discardDraft(actor: Actor, assessmentId: string, version: number): Promise<void> {
  await transaction(async (tx) => {
    await lockEpisodeOfAssessment(tx, actor, assessmentId);
    const row = await findAssessmentOrThrow(tx, actor, assessmentId);
    if (row.status !== "draft") throw new ConflictError("Mark a signed assessment entered in error instead: only a draft can be discarded");
    if (row.version !== version)
      throw new ConflictError(
        "Review the draft before discarding it: it changed since you opened it",
        await conflictDetail(tx, actor, row),
      );
    const episode = await findEpisodeOrThrow(tx, actor, row.episodeId);
    await releaseRunnerReports(tx, actor, row.id);
    await tx.assessment.delete({ where: { id: row.id, clinicId: actor.clinicId } });
    await refreshEpisodeSummary(tx, actor.clinicId, row.episodeId);
    await audit(tx, actor, {
      action: "assessment.discard_draft",
      entityType: "Assessment",
      entityId: row.id,
      patientId: episode.patientId,
      detail: { kind: row.kind, assessedOn: toDateString(row.assessedOn) },
    });
  });
}

// ------------------------------------------------------------ form context

export type FormContext = {
  patient: { id: string; birthDate: string; sex: "female" | "male" | "other" | "unknown" };
  episode: {
    id: string;
    mechanism: "gradual" | "acute_trauma" | null;
    side: "left" | "right" | "both";
    onsetDate: string | null;
    status: EpisodeStatus;
  };
  runs: {
    date: string;
    distanceKm: number;
    surface: "road" | "track" | "treadmill" | "trail" | null;
    durationSec: number | null;
    elevationGainM: number | null;
    elevationLossM: number | null;
    avgCadenceSpm: number | null;
  }[];
  /** The first day of `runs`: an assessment date earlier than this + RUN_WINDOW_DAYS has runs that were not loaded. */
  runsFrom: string;
  /** The day the run log is complete from (Patient.runsLoggedSince). */
  runsLoggedSince: string | null;
  priors: { id: string; assessedOn: string; answers: ClinicalAnswers }[];
  /** The shoe log: the shoe questions of a new form are pre-filled from it. */
  shoes: ShoeSummary;
  settings: ReturnType<typeof evaluationSettings>;
  reviewIntervalDays: number;
  today: string;
  timezone: string;
  /** Training habits of the newest signed assessment, to prefill a follow-up. */
  lastTraining: Answers["training"] | undefined;
  /** The episode already has an intake (draft or signed). */
  hasIntake: boolean;
  /** The episode's open red flags (raised by a signed assessment, no action recorded): shown as the form opens. */
  openRedFlags: OpenRedFlag[];
};

/**
 * Everything the intake / follow-up form needs to evaluate live in the
 * browser exactly as the server will: the runs of the run window
 * (RUN_WINDOW_DAYS) before the assessment date the form opens with
 * (`assessedOn`, default today) up to today, earlier signed assessments, the
 * clinic's thresholds. Audited as a view: opening a new form, or the form of
 * a draft being continued.
 */
export async function getFormContext(
  actor: Actor,
  patientId: string,
  episodeId: string,
  action: "assessment.open_new" | "assessment.continue_draft",
  assessedOn?: string,
): Promise<FormContext> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    if (episode.patientId !== patientId) throw new NotFoundError("episode");
    const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId: actor.clinicId } });
    const { timezone, today } = await clinicClock(tx, actor.clinicId);
    const settings = await clinicSettingsIn(tx, actor.clinicId);
    if (!patient) throw new NotFoundError("patient");
    const anchor = assessedOn && assessedOn < today ? assessedOn : today;
    const runsFrom = addDays(anchor, -RUN_WINDOW_DAYS);
    const runs = await tx.run.findMany({
      where: { clinicId: actor.clinicId, patientId, date: { gte: fromDateString(runsFrom), lte: fromDateString(today) } },
      select: {
        date: true,
        distanceKm: true,
        surface: true,
        durationSec: true,
        elevationGainM: true,
        elevationLossM: true,
        avgCadenceSpm: true,
      },
      orderBy: [{ date: "asc" }, { id: "asc" }],
    });
    const shoes = await shoeSummaryIn(tx, actor.clinicId, patientId, today);
    const priors = await tx.assessment.findMany({
      where: { clinicId: actor.clinicId, episodeId, status: "signed" },
      select: { id: true, assessedOn: true, answers: true },
      orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    const intakes = await tx.assessment.count({
      where: { clinicId: actor.clinicId, episodeId, kind: "intake", status: { not: "entered_in_error" } },
    });
    const { openRedFlags } = await episodeRedFlagsIn(tx, actor.clinicId, episodeId);
    await audit(tx, actor, { action, entityType: "Episode", entityId: episodeId, patientId });
    const priorAnswers = priors.map((p) => ({ id: p.id, assessedOn: toDateString(p.assessedOn), answers: readAnswers(p.answers) }));
    const last = priorAnswers[priorAnswers.length - 1];
    return {
      patient: { id: patient.id, birthDate: toDateString(patient.birthDate), sex: patient.sex },
      episode: {
        id: episode.id,
        mechanism: episode.mechanism,
        side: episode.side,
        onsetDate: toDateString(episode.onsetDate),
        status: episode.status,
      },
      runs: runs.map((r) => ({ ...r, date: toDateString(r.date) })),
      runsFrom,
      runsLoggedSince: toDateString(patient.runsLoggedSince),
      priors: priorAnswers,
      shoes,
      settings: evaluationSettings(settings),
      reviewIntervalDays: settings.reviewIntervalDays,
      today,
      timezone,
      lastTraining: last?.answers.training,
      hasIntake: intakes > 0,
      openRedFlags,
    };
  });
}
