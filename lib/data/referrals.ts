import "server-only";
import { z } from "zod";
import { DEFAULT_SETTINGS, FINDING_LABELS, PLAN_ITEM_LABELS, RESPONSE_LABELS } from "@/lib/domain";
import type { Actor } from "@/lib/domain/access";
import type { Urgency } from "@/lib/domain/urgency";
import { RED_FLAG_LABELS } from "@/lib/clinical";
import { audit, auditList } from "@/lib/data/audit";
import { cursorPart, decodeCursor, encodeCursor } from "@/lib/data/cursor";
import { findEpisodeOrThrow, isUuid, lockEpisode } from "@/lib/data/patients";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { asJson, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { buildReferralSnapshot } from "@/lib/export/snapshot";
import { buildReferralBundle } from "@/lib/export/fhir";
import { renderReferralPdf } from "@/lib/export/pdf";
import { findStoredDocument, storeDocument, type DocumentContent, type DocumentKey, type StoredDocumentView } from "@/lib/data/documents";
import type { SnapshotSource, StoredReferralSnapshot } from "@/lib/export/types";
import { LIVE, type ReferralState } from "@/lib/export/referral-outline";
import { readAnswers } from "@/lib/stored/answers";
import { readEvaluation, type StoredEvaluation } from "@/lib/stored/evaluation";
import { readReferralDraft, readSettingsUsed, type ReferralDraftText } from "@/lib/stored/settings";
import { readReferralSnapshotOrNull } from "@/lib/stored/snapshot";
import { readStoredTraining } from "@/lib/stored/evaluation-input";
import { episodeRedFlagsIn } from "@/lib/data/red-flag-state";
import type { Prisma } from "@/prisma/generated/client";
import type { UpdateReferralInput } from "@/lib/validation/referrals";
import { SIGNED_REFERRAL_KEPT } from "@/lib/validation/messages";

/**
 * Referrals: built from an episode and one of its signed assessments,
 * edited as a draft, then signed, which freezes a snapshot (lib/export)
 * that every export is made from. States: draft -> signed -> sent, or
 * cancelled with a reason. PostgreSQL refuses any change to a signed
 * referral's content.
 */
export type { ReferralDraftText };

export type ReferralView = {
  id: string;
  episodeId: string;
  patientId: string;
  assessmentId: string;
  status: "draft" | "signed" | "sent" | "cancelled";
  urgency: Urgency;
  reason: string;
  question: string;
  recipient: string | null;
  draft: ReferralDraftText;
  snapshot: StoredReferralSnapshot | null;
  signedAt: Date | null;
  signedByName: string | null;
  sentAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  version: number;
  createdAt: Date;
  patientName: string;
  patientMrn: string;
};

/** A referral of the actor's clinic (and, when given, of that patient), or NotFoundError. */
async function findReferralOrThrow(tx: Tx, actor: Actor, referralId: string, patientId?: string) {
  if (!isUuid(referralId)) throw new NotFoundError("referral");
  const r = await tx.referral.findFirst({
    where: { id: referralId, clinicId: actor.clinicId },
    include: { episode: { include: { patient: true } } },
  });
  if (!r || (patientId !== undefined && r.episode.patientId !== patientId)) throw new NotFoundError("referral");
  return r;
}

function view(r: Awaited<ReturnType<typeof findReferralOrThrow>>): ReferralView {
  return {
    id: r.id,
    episodeId: r.episodeId,
    patientId: r.episode.patientId,
    assessmentId: r.assessmentId,
    status: r.status,
    urgency: r.urgency,
    reason: r.reason,
    question: r.question,
    recipient: r.recipient,
    draft: readReferralDraft(r.draft),
    snapshot: readReferralSnapshotOrNull(r.snapshot),
    signedAt: r.signedAt,
    signedByName: r.signedByName,
    sentAt: r.sentAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    version: r.version,
    createdAt: r.createdAt,
    patientName: `${r.episode.patient.familyName}, ${r.episode.patient.givenName}`,
    patientMrn: r.episode.patient.mrn,
  };
}

/** The reason a clinician would write, from the evaluation: each red flag with its findings. */
export function defaultReason(evaluation: StoredEvaluation): string {
  if (evaluation.redFlags.length === 0) return "No red flags. Referred for a medical opinion on persisting medial knee pain.";
  return evaluation.redFlags
    .map((f) => `${RED_FLAG_LABELS[f.code]} (${f.because.map((p) => FINDING_LABELS[p] ?? p).join(", ")})`)
    .join("; ");
}

async function signedAssessmentOf(tx: Tx, actor: Actor, episodeId: string, assessmentId?: string) {
  const a = await tx.assessment.findFirst({
    where: { clinicId: actor.clinicId, episodeId, status: "signed", ...(assessmentId ? { id: assessmentId } : {}) },
    orderBy: [{ assessedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  if (!a) {
    throw new ValidationError([
      {
        path: "assessmentId",
        message: assessmentId ? "Choose a signed assessment of this episode" : "Sign an assessment of this episode before referring",
      },
    ]);
  }
  return a;
}

export async function createReferralDraft(actor: Actor, episodeId: string, assessmentId?: string): Promise<ReferralView> {
  return transaction((tx) => createReferralDraftIn(tx, actor, episodeId, assessmentId));
}

/**
 * The caseload marks emergency and urgent referrals drafted or signed but not
 * sent (Episode.unsentUrgentReferrals): every write that changes a referral's
 * status or urgency refreshes the episode's summary, with the episode locked.
 */
async function refreshReferralSummary(tx: Tx, actor: Actor, episodeId: string): Promise<void> {
  await lockEpisode(tx, actor, episodeId);
  await refreshEpisodeSummary(tx, actor.clinicId, episodeId);
}

/** The transaction-level core (also used by the demo seed). */
export async function createReferralDraftIn(tx: Tx, actor: Actor, episodeId: string, assessmentId?: string): Promise<ReferralView> {
  const episode = await findEpisodeOrThrow(tx, actor, episodeId);
  const a = await signedAssessmentOf(tx, actor, episode.id, assessmentId);
  const evaluation = readEvaluation(a.evaluation);
  const answers = readAnswers(a.answers);
  const intake = await tx.assessment.findFirst({
    where: { clinicId: actor.clinicId, episodeId, kind: "intake", status: "signed" },
    select: { answers: true },
  });
  const intakeAnswers = intake ? readAnswers(intake.answers) : {};
  const plan = answers.plan?.items?.map((i) => PLAN_ITEM_LABELS[i]).join("; ");
  const draft: ReferralDraftText = {
    treatmentSoFar:
      [intakeAnswers.context?.treatmentsTried, plan ? `Plan in clinic: ${plan}` : undefined].filter(Boolean).join("\n") || undefined,
    responseToTreatment: answers.followUp?.responseToTreatment ? RESPONSE_LABELS[answers.followUp.responseToTreatment] : undefined,
  };
  const r = await tx.referral.create({
    data: {
      clinicId: actor.clinicId,
      episodeId,
      assessmentId: a.id,
      urgency: evaluation.urgency,
      reason: defaultReason(evaluation),
      question: "",
      draft: asJson(draft),
      createdById: actor.userId,
    },
  });
  await audit(tx, actor, {
    action: "referral.create",
    entityType: "Referral",
    entityId: r.id,
    patientId: episode.patientId,
    detail: { assessmentId: a.id, urgency: r.urgency },
  });
  await refreshReferralSummary(tx, actor, episodeId);
  return view(await findReferralOrThrow(tx, actor, r.id));
}

export async function updateReferralDraft(actor: Actor, input: UpdateReferralInput): Promise<ReferralView> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, input.referralId);
    if (r.status !== "draft") throw new ConflictError(SIGNED_REFERRAL_KEPT);
    if (r.version !== input.version)
      throw new ConflictError("Reload the page to see their changes: someone else saved this referral after you opened it");
    await signedAssessmentOf(tx, actor, r.episodeId, input.assessmentId);
    const draft: ReferralDraftText = {
      treatmentSoFar: input.treatmentSoFar,
      responseToTreatment: input.responseToTreatment,
      notes: input.notes,
    };
    const updated = await tx.referral.updateMany({
      where: { id: r.id, clinicId: actor.clinicId, status: "draft", version: input.version },
      data: {
        assessmentId: input.assessmentId,
        urgency: input.urgency,
        reason: input.reason,
        question: input.question,
        recipient: input.recipient ?? null,
        draft: asJson(draft),
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1)
      throw new ConflictError("Reload the page to see their changes: someone else saved this referral after you opened it");
    await audit(tx, actor, { action: "referral.update", entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    if (input.urgency !== r.urgency) await refreshReferralSummary(tx, actor, r.episodeId);
    return view(await findReferralOrThrow(tx, actor, r.id));
  });
}

/** Everything the snapshot is built from, read inside the signing transaction. */
// eslint-disable-next-line max-lines-per-function -- the snapshot's sources read in one transaction
async function snapshotSource(
  tx: Tx,
  actor: Actor,
  r: Awaited<ReturnType<typeof findReferralOrThrow>>,
  signedAt: Date,
): Promise<SnapshotSource> {
  const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: actor.clinicId } });
  const referrer = await tx.user.findFirstOrThrow({ where: { id: actor.userId, clinicId: actor.clinicId } });
  const a = await signedAssessmentOf(tx, actor, r.episodeId, r.assessmentId);
  const history = await tx.assessment.findMany({
    where: { clinicId: actor.clinicId, episodeId: r.episodeId, status: "signed", assessedOn: { lte: a.assessedOn } },
    orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  // The training section is made from the runs the assessment was judged with
  // (stored with it at signing), never from the run log as it is now.
  const training = readStoredTraining(a.evaluationInput);
  const addenda = await tx.addendum.findMany({
    where: { clinicId: actor.clinicId, assessmentId: { in: history.map((h) => h.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const authors = await tx.user.findMany({
    where: { clinicId: actor.clinicId, id: { in: [...new Set(addenda.map((x) => x.authorId))] } },
    select: { id: true, name: true },
  });
  const authorName = new Map(authors.map((u) => [u.id, u.name]));
  const flags = await episodeRedFlagsIn(tx, actor.clinicId, r.episodeId);
  const p = r.episode.patient;
  const e = r.episode;
  return {
    referral: {
      id: r.id,
      urgency: r.urgency,
      reason: r.reason,
      question: r.question,
      recipient: r.recipient,
      draft: readReferralDraft(r.draft),
    },
    signedAt: signedAt.toISOString(),
    clinic: { id: clinic.id, name: clinic.name, phone: clinic.phone, address: clinic.address, timezone: clinic.timezone },
    referrer: { id: referrer.id, name: referrer.name, title: referrer.title, email: referrer.email, phone: referrer.phone },
    patient: {
      id: p.id,
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: toDateString(p.birthDate),
      sex: p.sex,
      phone: p.phone,
      email: p.email,
      goalRace: { name: p.goalEvent, date: toDateString(p.goalEventDate), distanceKm: p.goalEventDistanceKm },
    },
    episode: { id: e.id, side: e.side, complaint: e.complaint, onsetDate: toDateString(e.onsetDate), mechanism: e.mechanism },
    assessment: {
      id: a.id,
      kind: a.kind,
      assessedOn: toDateString(a.assessedOn),
      signedAt: (a.signedAt ?? signedAt).toISOString(),
      signedByName: a.signedByName ?? "Unknown",
      screenAttestation: a.screenAttestation,
      answers: readAnswers(a.answers),
      evaluation: readEvaluation(a.evaluation),
    },
    history: history.map((h) => ({
      id: h.id,
      kind: h.kind,
      assessedOn: toDateString(h.assessedOn),
      answers: readAnswers(h.answers),
      evaluation: readEvaluation(h.evaluation),
    })),
    runs: training ? training.runs.filter((x) => x.date <= toDateString(a.assessedOn)) : null,
    loggedSince: training?.loggedSince ?? null,
    redFlagState: {
      open: flags.openRedFlags.map((f) => ({ code: f.code, urgency: f.urgency, raisedOn: f.raisedOn })),
      actions: flags.redFlagActions.map((x) => ({
        code: x.code,
        action: x.action,
        reason: x.reason,
        note: x.note,
        actedByName: x.actedBy.name,
        actedAt: x.actedAt.toISOString(),
      })),
    },
    addenda: addenda.map((x) => ({
      assessmentId: x.assessmentId,
      text: x.text,
      authorName: authorName.get(x.authorId) ?? "Unknown",
      createdAt: x.createdAt.toISOString(),
    })),
    // Signed assessments always stored their settings; the defaults are a fallback for records that predate it.
    settings: readSettingsUsed(a.settingsUsed) ?? structuredClone(DEFAULT_SETTINGS),
  };
}

/** The summary as it would be signed now (nothing stored; the frozen one once signed). Audited as a view. */
export async function previewReferral(actor: Actor, referralId: string): Promise<StoredReferralSnapshot> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId);
    await audit(tx, actor, { action: "referral.preview", entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    const stored = readReferralSnapshotOrNull(r.snapshot);
    if (stored) return stored;
    return buildReferralSnapshot(await snapshotSource(tx, actor, r, new Date()));
  });
}

export async function signReferral(actor: Actor, referralId: string, version: number): Promise<ReferralView> {
  return transaction((tx) => signReferralIn(tx, actor, referralId, version));
}

export async function signReferralIn(
  tx: Tx,
  actor: Actor,
  referralId: string,
  version: number,
  signedAt = new Date(),
): Promise<ReferralView> {
  const r = await findReferralOrThrow(tx, actor, referralId);
  if (r.status !== "draft") throw new ConflictError("Reload the page: this referral is already signed");
  if (r.version !== version) throw new ConflictError("Review the referral, then sign again: it changed since you opened it");
  if (!r.question.trim())
    throw new ValidationError([{ path: "question", message: "Write the question for the receiving clinician before signing" }]);
  const snapshot = buildReferralSnapshot(await snapshotSource(tx, actor, r, signedAt));
  const updated = await tx.referral.updateMany({
    where: { id: r.id, clinicId: actor.clinicId, status: "draft", version },
    data: { status: "signed", snapshot: asJson(snapshot), signedById: actor.userId, signedAt, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new ConflictError("Review the referral and sign again: it changed while signing");
  // A signed referral counts as "referred" in the clinic outcomes (lib/data/outcome-summary.ts).
  await refreshReferralSummary(tx, actor, r.episodeId);
  // The exports are made now, once, and served from these bytes from then on.
  await storeReferralDocuments(tx, await findReferralOrThrow(tx, actor, r.id), "signed");
  await audit(tx, actor, {
    action: "referral.sign",
    entityType: "Referral",
    entityId: r.id,
    patientId: r.episode.patientId,
    detail: { urgency: r.urgency },
  });
  return view(await findReferralOrThrow(tx, actor, r.id));
}

export async function markReferralSent(actor: Actor, referralId: string): Promise<ReferralView> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId);
    if (r.status !== "signed")
      throw new ConflictError(
        r.status === "draft" ? "Sign the referral before sending it" : `Reload the page: this referral is already ${r.status}`,
      );
    await tx.referral.update({
      where: { id: r.id, clinicId: actor.clinicId },
      data: { status: "sent", sentAt: new Date(), version: { increment: 1 } },
    });
    await audit(tx, actor, { action: "referral.send", entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    await refreshReferralSummary(tx, actor, r.episodeId);
    return view(await findReferralOrThrow(tx, actor, r.id));
  });
}

export async function cancelReferral(actor: Actor, referralId: string, reason: string): Promise<ReferralView> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId);
    if (r.status === "cancelled") throw new ConflictError("Reload the page: this referral is already cancelled");
    await tx.referral.update({
      where: { id: r.id, clinicId: actor.clinicId },
      data: { status: "cancelled", cancelledAt: new Date(), cancelReason: reason, version: { increment: 1 } },
    });
    // A signed referral's exports get a Cancelled version (the signed bytes are kept).
    const cancelled = await findReferralOrThrow(tx, actor, r.id);
    if (cancelled.snapshot !== null) {
      await storeReferralDocuments(tx, cancelled, "signed");
      await storeReferralDocuments(tx, cancelled, "cancelled");
    }
    await audit(tx, actor, {
      action: "referral.cancel",
      entityType: "Referral",
      entityId: r.id,
      patientId: r.episode.patientId,
      detail: { reason },
    });
    await refreshReferralSummary(tx, actor, r.episodeId);
    return view(await findReferralOrThrow(tx, actor, r.id));
  });
}

/** Opens a referral (audited as a view); with `patientId`, only if it is that patient's referral. */
export async function getReferral(actor: Actor, referralId: string, patientId?: string): Promise<ReferralView> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId, patientId);
    await audit(tx, actor, { action: "referral.view", entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    return view(r);
  });
}

/** What happened to a signed referral since it was signed (rendered on every export). */
export function referralState(r: { cancelledAt: Date | null; cancelReason: string | null }): ReferralState {
  return { cancelled: r.cancelledAt ? { at: r.cancelledAt.toISOString(), reason: r.cancelReason ?? "" } : null };
}

export type ExportedReferral = { snapshot: StoredReferralSnapshot; state: ReferralState };

/**
 * The frozen snapshot for an export, with the referral's state (cancelled or
 * not); writes an audit event naming the format. With `patientId` (the print
 * page's URL), only if it is that patient's referral.
 */
export async function exportReferral(
  actor: Actor,
  referralId: string,
  format: "print" | "pdf" | "fhir",
  patientId?: string,
): Promise<ExportedReferral> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId, patientId);
    const snapshot = readReferralSnapshotOrNull(r.snapshot);
    if (!snapshot) throw new ConflictError("Sign the referral first: only a signed referral can be exported");
    await audit(tx, actor, { action: `referral.export_${format}`, entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    return { snapshot, state: referralState(r) };
  });
}

// ---------------------------------------------------------------------------
// Stored exports (lib/data/documents.ts): made once, served as stored
// ---------------------------------------------------------------------------

export const REFERRAL_DOCUMENT_KINDS = ["referral_pdf", "referral_fhir"] as const;
export type ReferralDocumentKind = (typeof REFERRAL_DOCUMENT_KINDS)[number];
type ReferralRow = Awaited<ReturnType<typeof findReferralOrThrow>>;

/** Renders one export of a referral: as signed, or (with a cancelled state) marked Cancelled. */
export async function renderReferralDocument(
  kind: ReferralDocumentKind,
  snapshot: StoredReferralSnapshot,
  state: ReferralState,
): Promise<DocumentContent> {
  if (kind === "referral_pdf") return { bytes: await renderReferralPdf(snapshot, state), contentType: "application/pdf" };
  return {
    bytes: Buffer.from(JSON.stringify(buildReferralBundle(snapshot, state), null, 2), "utf8"),
    contentType: "application/fhir+json; charset=utf-8",
  };
}

function documentKey(r: Pick<ReferralRow, "id" | "clinicId" | "episodeId">, kind: ReferralDocumentKind, variant: "signed" | "cancelled") {
  return { clinicId: r.clinicId, kind, variant, episodeId: r.episodeId, referralId: r.id } satisfies DocumentKey;
}

/** The state a variant shows: as signed (live), or with the referral's cancellation. */
const stateOfVariant = (r: ReferralRow, variant: "signed" | "cancelled"): ReferralState => (variant === "signed" ? LIVE : referralState(r));

/** Makes and stores both exports of one variant of a signed referral; those already stored are kept as they are. */
async function storeReferralDocuments(tx: Tx, r: ReferralRow, variant: "signed" | "cancelled"): Promise<number> {
  const snapshot = readReferralSnapshotOrNull(r.snapshot);
  if (!snapshot) return 0;
  let made = 0;
  for (const kind of REFERRAL_DOCUMENT_KINDS) {
    const key = documentKey(r, kind, variant);
    if (await findStoredDocument(tx, key)) continue;
    await storeDocument(tx, key, await renderReferralDocument(kind, snapshot, stateOfVariant(r, variant)));
    made++;
  }
  return made;
}

export type ReferralDocumentExport = { document: StoredDocumentView; snapshot: StoredReferralSnapshot; state: ReferralState };

/**
 * One export of a signed referral (PDF or FHIR bundle) from storage: the
 * Cancelled version once it is cancelled, else the signed one. A referral
 * signed before exports were stored has its document made and stored here,
 * in this transaction, on its first download (the lazy backfill;
 * `npm run db:backfill-documents` does them all at once). Audited as an
 * export, naming the hash served.
 */
export async function exportReferralDocument(
  actor: Actor,
  referralId: string,
  kind: ReferralDocumentKind,
): Promise<ReferralDocumentExport> {
  return transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId);
    const snapshot = readReferralSnapshotOrNull(r.snapshot);
    if (!snapshot) throw new ConflictError("Sign the referral first: only a signed referral can be exported");
    const variant = r.status === "cancelled" ? "cancelled" : "signed";
    const key = documentKey(r, kind, variant);
    const found = await findStoredDocument(tx, key);
    const document = found ?? (await storeDocument(tx, key, await renderReferralDocument(kind, snapshot, stateOfVariant(r, variant))));
    await audit(tx, actor, {
      action: kind === "referral_pdf" ? "referral.export_pdf" : "referral.export_fhir",
      entityType: "Referral",
      entityId: r.id,
      patientId: r.episode.patientId,
      detail: { variant, sha256: document.sha256, ...(found ? {} : { madeNow: true }) },
    });
    return { document, snapshot, state: referralState(r) };
  });
}

/**
 * Stores the missing exports of a clinic's signed, sent and cancelled
 * referrals (those signed before exports were stored: demo, synthetic and
 * production data), `batch` referrals a transaction, oldest id first. Made
 * by the same renderers as at signing. Returns how many documents it made.
 */
export async function backfillReferralDocuments(clinicId: string, batch = 50): Promise<{ referrals: number; documents: number }> {
  let after: string | null = null;
  let referrals = 0;
  let documents = 0;
  for (;;) {
    const done: { last: string | null; made: number; seen: number } = await transaction(async (tx) => {
      const rows = await tx.referral.findMany({
        where: { clinicId, status: { not: "draft" }, ...(after ? { id: { gt: after } } : {}) },
        include: { episode: { include: { patient: true } } },
        orderBy: { id: "asc" },
        take: batch,
      });
      let made = 0;
      for (const r of rows) {
        made += await storeReferralDocuments(tx, r, "signed");
        if (r.status === "cancelled") made += await storeReferralDocuments(tx, r, "cancelled");
      }
      return { last: rows[rows.length - 1]?.id ?? null, made, seen: rows.length };
    });
    referrals += done.seen;
    documents += done.made;
    if (!done.last || done.seen < batch) return { referrals, documents };
    after = done.last;
  }
}

export type ReferralListItem = Pick<
  ReferralView,
  | "id"
  | "episodeId"
  | "patientId"
  | "status"
  | "urgency"
  | "reason"
  | "question"
  | "signedAt"
  | "sentAt"
  | "cancelledAt"
  | "createdAt"
  | "patientName"
  | "patientMrn"
>;

/** The referral list's cursor: creation time and id of the page's last referral. */
const REFERRAL_CURSOR = z.strictObject({ t: cursorPart.timestamp, i: cursorPart.uuid });

/**
 * The clinic's referrals, newest first, keyset-paginated; optionally one
 * status or one patient. Audited ("referrals.list": the filter and the
 * patients listed) in the transaction that read them.
 */
export async function listReferrals(
  actor: Actor,
  opts: { status?: ReferralView["status"]; patientId?: string; cursor?: string; limit?: number },
): Promise<{ items: ReferralListItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const cursor = opts.cursor ? decodeCursor(opts.cursor, REFERRAL_CURSOR) : null;
  if (opts.patientId && !isUuid(opts.patientId)) throw new NotFoundError("patient");
  const where: Prisma.ReferralWhereInput = {
    clinicId: actor.clinicId,
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.patientId ? { episode: { patientId: opts.patientId } } : {}),
    ...(cursor ? { OR: [{ createdAt: { lt: new Date(cursor.t) } }, { createdAt: new Date(cursor.t), id: { lt: cursor.i } }] } : {}),
  };
  return transaction(async (c) => {
    const rows = await c.referral.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      include: { episode: { select: { patientId: true, patient: { select: { givenName: true, familyName: true, mrn: true } } } } },
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await auditList(
      c,
      actor,
      "referrals.list",
      { status: opts.status, patient: opts.patientId, cursor: opts.cursor, limit },
      page.map((r) => r.episode.patientId),
      opts.patientId ?? null,
    );
    return {
      items: page.map((r) => ({
        id: r.id,
        episodeId: r.episodeId,
        patientId: r.episode.patientId,
        status: r.status,
        urgency: r.urgency,
        reason: r.reason,
        question: r.question,
        signedAt: r.signedAt,
        sentAt: r.sentAt,
        cancelledAt: r.cancelledAt,
        createdAt: r.createdAt,
        patientName: `${r.episode.patient.familyName}, ${r.episode.patient.givenName}`,
        patientMrn: r.episode.patient.mrn,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), i: last.id }) : null,
    };
  });
}

export async function deleteReferralDraft(actor: Actor, referralId: string): Promise<void> {
  await transaction(async (tx) => {
    const r = await findReferralOrThrow(tx, actor, referralId);
    if (r.status !== "draft") throw new ConflictError("Cancel the signed referral instead: only a draft referral can be deleted");
    await tx.referral.delete({ where: { id: r.id, clinicId: actor.clinicId } });
    await audit(tx, actor, { action: "referral.delete_draft", entityType: "Referral", entityId: r.id, patientId: r.episode.patientId });
    await refreshReferralSummary(tx, actor, r.episodeId);
  });
}
