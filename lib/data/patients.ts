import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/domain/access";
import { kneesOverlap, SIDE_LABELS, type EpisodeStatus, type Side } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import type { Urgency } from "@/lib/domain/urgency";
import type { OpenRedFlag } from "@/lib/domain/red-flag-items";
import { Prisma } from "@/prisma/generated/client";
import { readTreatmentGiven } from "@/lib/stored/answers";
import type { TreatmentGiven } from "@/lib/validation/assessment";
import { readEvaluation, readEvaluationOrNull, type StoredEvaluation } from "@/lib/stored/evaluation";
import { audit, auditInsert, auditList } from "@/lib/data/audit";
import { clinicClock, refuseFutureDates } from "@/lib/data/clinic";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { dischargeView, type DischargeView } from "@/lib/data/discharge-state";
import { versionView, type ProgrammeVersion } from "@/lib/data/programme-state";
import { returnToRunIn, type ReturnToRunView } from "@/lib/data/return-to-run-state";
import { letterView, type LetterView } from "@/lib/data/letter-state";
import { redFlagStateIn, redFlagStateOf, type EpisodeRedFlags } from "@/lib/data/red-flag-state";
import { readPatientRecord, type PatientRecordRow } from "@/lib/data/patient-record";
import { cursorPart } from "@/lib/data/cursor";
import { keysetPage, type KeysetSort, type PagePosition } from "@/lib/data/keyset";
import { fromDateString, isUniqueViolation, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, NotFoundError, sqlState, ValidationError } from "@/lib/errors";
import { runnerMatches, searchable } from "@/lib/data/search";
import { DIRECTORY_SORT_DIR, type DirectorySort, type EpisodeInput, type PatientInput } from "@/lib/validation/patients";
import type { SortDir } from "@/lib/validation/common";
import { reviewDateIssues } from "@/lib/validation/review-date";
import { notInFuture } from "@/lib/validation/messages";

/**
 * Runners and their episodes. Every function is scoped to the actor's
 * clinic; a patient of another clinic is "not found". Opening a patient
 * record and every change write an audit event in the same transaction.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export type PatientView = {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: "female" | "male" | "other" | "unknown";
  email: string | null;
  phone: string | null;
  runningLevel: "novice" | "recreational" | "competitive" | null;
  weeklyDistanceKm: number | null;
  goalEvent: string | null;
  goalEventDate: string | null;
  goalEventDistanceKm: number | null;
  gpName: string | null;
  gpPractice: string | null;
  gpAddress: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type EpisodeView = {
  id: string;
  patientId: string;
  side: "left" | "right" | "both";
  complaint: string;
  onsetDate: string | null;
  mechanism: "gradual" | "acute_trauma" | null;
  status: EpisodeStatus;
  nextReviewDate: string | null;
  dischargedAt: Date | null;
  /** Why it was withdrawn as opened in error (status opened_in_error), and when. */
  openedInError: { reason: string; at: Date } | null;
  urgency: Urgency | null;
  screenIncomplete: boolean;
  lastSeenOn: string | null;
  worsening: boolean;
  draftCount: number;
  /** Emergency or urgent referrals drafted or signed but not yet sent. */
  unsentUrgentReferrals: number;
  /** Red-flag screen questions the runner answered yes in questionnaires not yet reviewed (paths; lib/questions.ts runnerReportedLabel names them). */
  runnerRedFlags: string[];
  /** The most severe urgency of those referrals (null when there are none). */
  unsentReferralUrgency: Urgency | null;
  createdAt: Date;
};

type PatientRow = Prisma.PatientGetPayload<object>;
type EpisodeRow = Prisma.EpisodeGetPayload<object>;
/** The columns a patient's view is made of. */
export type PatientViewRow = Pick<PatientRow, keyof PatientView>;
/** The columns an episode's view is made of. */
export type EpisodeViewRow = Pick<EpisodeRow, Exclude<keyof EpisodeView, "openedInError"> | "openedInErrorReason" | "openedInErrorAt">;

export function patientView(p: PatientViewRow): PatientView {
  return {
    id: p.id,
    mrn: p.mrn,
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: toDateString(p.birthDate),
    sex: p.sex,
    email: p.email,
    phone: p.phone,
    runningLevel: p.runningLevel,
    weeklyDistanceKm: p.weeklyDistanceKm,
    goalEvent: p.goalEvent,
    goalEventDate: toDateString(p.goalEventDate),
    goalEventDistanceKm: p.goalEventDistanceKm,
    gpName: p.gpName,
    gpPractice: p.gpPractice,
    gpAddress: p.gpAddress,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function episodeView(e: EpisodeViewRow): EpisodeView {
  return {
    id: e.id,
    patientId: e.patientId,
    side: e.side,
    complaint: e.complaint,
    onsetDate: toDateString(e.onsetDate),
    mechanism: e.mechanism,
    status: e.status,
    nextReviewDate: toDateString(e.nextReviewDate),
    dischargedAt: e.dischargedAt,
    openedInError:
      e.status === "opened_in_error" && e.openedInErrorReason && e.openedInErrorAt
        ? { reason: e.openedInErrorReason, at: e.openedInErrorAt }
        : null,
    urgency: e.urgency,
    screenIncomplete: e.screenIncomplete,
    lastSeenOn: toDateString(e.lastSeenOn),
    worsening: e.worsening,
    draftCount: e.draftCount,
    unsentUrgentReferrals: e.unsentUrgentReferrals,
    runnerRedFlags: e.runnerRedFlags,
    unsentReferralUrgency: e.unsentReferralUrgency,
    createdAt: e.createdAt,
  };
}

function patientData(input: PatientInput) {
  return {
    mrn: input.mrn,
    givenName: input.givenName,
    familyName: input.familyName,
    birthDate: fromDateString(input.birthDate),
    sex: input.sex,
    email: input.email ?? null,
    phone: input.phone ?? null,
    runningLevel: input.runningLevel ?? null,
    weeklyDistanceKm: input.weeklyDistanceKm ?? null,
    goalEvent: input.goalEvent ?? null,
    goalEventDate: input.goalEventDate ? fromDateString(input.goalEventDate) : null,
    goalEventDistanceKm: input.goalEventDistanceKm ?? null,
    gpName: input.gpName ?? null,
    gpPractice: input.gpPractice ?? null,
    gpAddress: input.gpAddress ?? null,
  };
}

function mrnTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new ValidationError([{ path: "mrn", message: "Enter another MRN: another runner of this clinic has this one" }]);
  throw error;
}

/** Loads a patient of the actor's clinic inside a transaction, or throws NotFoundError. */
export async function findPatientOrThrow(tx: Tx, actor: Actor, patientId: string): Promise<PatientRow> {
  if (!isUuid(patientId)) throw new NotFoundError("patient");
  const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId: actor.clinicId } });
  if (!patient) throw new NotFoundError("patient");
  return patient;
}

const refuseFutureBirth = (tx: Tx, actor: Actor, input: PatientInput) =>
  refuseFutureDates(tx, actor.clinicId, [{ path: "birthDate", date: input.birthDate, message: notInFuture("date of birth") }]);

export async function createPatient(actor: Actor, input: PatientInput): Promise<PatientView> {
  try {
    return await transaction(async (tx) => {
      await refuseFutureBirth(tx, actor, input);
      const p = await tx.patient.create({ data: { clinicId: actor.clinicId, ...patientData(input) } });
      await audit(tx, actor, { action: "patient.create", entityType: "Patient", entityId: p.id, patientId: p.id, detail: { mrn: p.mrn } });
      return patientView(p);
    });
  } catch (error) {
    mrnTaken(error);
  }
}

/** Changes demographics; the audit event holds the before and after of each changed field. */
export async function updatePatient(actor: Actor, patientId: string, input: PatientInput): Promise<PatientView> {
  try {
    return await transaction(async (tx) => {
      const before = patientView(await findPatientOrThrow(tx, actor, patientId));
      await refuseFutureBirth(tx, actor, input);
      const after = patientView(await tx.patient.update({ where: { id: patientId, clinicId: actor.clinicId }, data: patientData(input) }));
      if (before.familyName !== after.familyName || before.givenName !== after.givenName) {
        await tx.episode.updateMany({
          where: { clinicId: actor.clinicId, patientId },
          data: { sortName: `${after.familyName} ${after.givenName}`.toLowerCase() },
        });
      }
      const fields = (Object.keys(input) as (keyof PatientView)[]).filter((k) => k in before);
      const changed = fields.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      await audit(tx, actor, {
        action: "patient.update",
        entityType: "Patient",
        entityId: patientId,
        patientId,
        detail: {
          before: Object.fromEntries(changed.map((k) => [k, before[k] as Prisma.InputJsonValue])),
          after: Object.fromEntries(changed.map((k) => [k, after[k] as Prisma.InputJsonValue])),
        },
      });
      return after;
    });
  } catch (error) {
    mrnTaken(error);
  }
}

export type AssessmentSummary = {
  id: string;
  episodeId: string;
  kind: "intake" | "follow_up";
  assessedOn: string;
  status: "draft" | "signed" | "entered_in_error";
  urgency: Urgency | null;
  signedAt: Date | null;
  redFlags: string[];
  changes: Record<string, { vsBaseline?: string; vsPrevious?: string }> | null;
  painNow: number | null;
  /** Treatment given at the visit (answers.treatment). */
  treatment: TreatmentGiven[];
  /** Why the red-flag screen was signed incomplete, as the signer attested; null when complete (or not signed). */
  screenAttestation: string | null;
  addenda: number;
};

/** Opens a patient record: the patient, episodes and assessment history. Audited as a view. */
export async function getPatientRecord(
  actor: Actor,
  patientId: string,
): Promise<{
  patient: PatientView;
  episodes: (EpisodeView &
    EpisodeRedFlags & {
      assessments: AssessmentSummary[];
      discharge: DischargeView | null;
      programme: ProgrammeVersion | null;
      returnToRun: ReturnToRunView | null;
      letters: LetterView[];
    })[];
}> {
  if (!isUuid(patientId)) throw new NotFoundError("patient");
  return transaction(async (tx) => {
    const seen = auditInsert(actor, { action: "patient.view", entityType: "Patient", entityId: patientId, patientId });
    const record = await readPatientRecord(tx, actor.clinicId, patientId, seen);
    if (!record) throw new NotFoundError("patient"); // and the row written with it is rolled back
    // Only an episode with a return-to-run plan needs more: its decisions, diary and today's proposal.
    const withPlan = record.episodes.filter((e) => e.hasPlan).map((e) => e.id);
    const plans = withPlan.length ? await returnToRunIn(tx, actor.clinicId, withPlan) : new Map<string, ReturnToRunView | null>();
    const assessments = record.assessments.map((a) => ({ row: a, evaluation: readEvaluationOrNull(a.evaluation) }));
    const redFlags = redFlagStateOf(
      record.episodes.map((e) => e.id),
      assessments.flatMap(({ row, evaluation }) =>
        row.status === "signed" && row.signedAt
          ? [
              {
                episodeId: row.episodeId,
                assessmentId: row.id,
                assessedOn: toDateString(row.assessedOn),
                signedAt: row.signedAt,
                redFlags: evaluation?.redFlags ?? [],
              },
            ]
          : [],
      ),
      record.redFlagActions,
    );
    const summaries = assessments.map(({ row, evaluation }) => assessmentSummary(row, evaluation));
    const discharges = new Map(record.discharges.map((d) => [d.episodeId, dischargeView(d)]));
    const programmes = new Map(record.programmes.map((p) => [p.episodeId, versionView(p)]));
    const letters = new Map<string, LetterView[]>();
    for (const l of record.letters) letters.set(l.episodeId, [...(letters.get(l.episodeId) ?? []), letterView(l)]);
    return {
      patient: patientView(record.patient),
      episodes: record.episodes.map((e) => ({
        ...episodeView(e),
        ...redFlags.get(e.id)!,
        assessments: summaries.filter((s) => s.episodeId === e.id),
        discharge: discharges.get(e.id) ?? null,
        programme: programmes.get(e.id) ?? null,
        returnToRun: plans.get(e.id) ?? null,
        letters: letters.get(e.id) ?? [],
      })),
    };
  });
}

/** An assessment as the record lists it, from its row and its evaluation (read once). */
function assessmentSummary(a: PatientRecordRow["assessments"][number], ev: StoredEvaluation | null): AssessmentSummary {
  return {
    id: a.id,
    episodeId: a.episodeId,
    kind: a.kind,
    assessedOn: toDateString(a.assessedOn),
    status: a.status,
    urgency: a.urgency,
    signedAt: a.signedAt,
    redFlags: ev?.redFlags?.map((f) => f.code) ?? [],
    changes: ev?.changes ?? null,
    painNow: ev?.scores?.painNow ?? null,
    treatment: readTreatmentGiven(a.answers),
    screenAttestation: a.screenAttestation,
    addenda: a.addenda,
  };
}

export type PatientListItem = PatientView & { openEpisodes: number };

/** A directory row's sort keys, as the page query reads them. */
type DirectoryKey = { id: string; familyName: string; givenName: string; mrn: string; birthDate: string };

/** The directory's sorts (lib/data/keyset.ts), each over an index of Patient (clinicId, <keys>). */
const DIRECTORY_SORTS: Record<DirectorySort, KeysetSort<DirectoryKey>> = {
  name: {
    keys: [
      ['"familyName"', "text"],
      ['"givenName"', "text"],
      ["id", "uuid"],
    ],
    dir: DIRECTORY_SORT_DIR.name,
    key: (r) => [r.familyName, r.givenName, r.id],
    schema: z.tuple([cursorPart.text, cursorPart.text, cursorPart.uuid]),
  },
  // The MRN is unique in the clinic (clinicId, mrn): no tie to break.
  mrn: {
    keys: [["mrn", "text"]],
    dir: DIRECTORY_SORT_DIR.mrn,
    key: (r) => [r.mrn],
    schema: z.tuple([cursorPart.text]),
  },
  born: {
    keys: [
      ['"birthDate"', "date"],
      ["id", "uuid"],
    ],
    dir: DIRECTORY_SORT_DIR.born,
    key: (r) => [r.birthDate, r.id],
    schema: z.tuple([cursorPart.date, cursorPart.uuid]),
  },
};

/**
 * Finds runners by name, MRN or birth date (YYYY-MM-DD), sorted by name
 * (or MRN, or date of birth), keyset-paginated with the page's position
 * (lib/data/keyset.ts). The runner directory and GET /api/v1/patients:
 * audited ("patients.search": the filter and the runners returned) in the
 * transaction that read them.
 */
export async function searchPatients(
  actor: Actor,
  opts: { q?: string; sort?: DirectorySort; dir?: SortDir; cursor?: string; before?: string; limit?: number },
): Promise<{ items: PatientListItem[]; nextCursor: string | null; prevCursor: string | null; position: PagePosition }> {
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const q = opts.q?.trim();
  const sort = opts.sort ?? "name";
  const conditions: Prisma.Sql[] = [Prisma.sql`"clinicId" = ${actor.clinicId}::uuid`];
  if (q) {
    // A birth date (YYYY-MM-DD) by its index (clinicId, birthDate); anything else by name or MRN (lib/data/search.ts).
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(q) && !Number.isNaN(Date.parse(q)) ? q : null;
    if (iso) conditions.push(Prisma.sql`"birthDate" = ${iso}::date`);
    else conditions.push(searchable(q) ? runnerMatches('"Patient"', q) : Prisma.sql`false`);
  }
  const where = Prisma.join(conditions, " AND ");
  return transaction(async (c) => {
    const count = async (keyset: Prisma.Sql | null) => {
      const [n] = await c.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Patient" WHERE ${where}${keyset ? Prisma.sql` AND ${keyset}` : Prisma.empty}`;
      return n?.n ?? 0;
    };
    // The page's keys in order (an index of the sort, or the search index), then the rows.
    const page = await keysetPage(
      DIRECTORY_SORTS[sort],
      { sort, dir: opts.dir, cursor: opts.cursor, before: opts.before, limit },
      (keyset, order, take) => c.$queryRaw<DirectoryKey[]>`
        SELECT id, "familyName", "givenName", mrn, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate"
          FROM "Patient" WHERE ${where}${keyset ? Prisma.sql` AND ${keyset}` : Prisma.empty}
         ORDER BY ${order} LIMIT ${take}`,
      {
        // The whole directory's size is maintained (CaseloadCount.patients, by triggers); a search's is counted from its index.
        total: async () =>
          q
            ? count(null)
            : ((await c.caseloadCount.findUnique({ where: { clinicId: actor.clinicId }, select: { patients: true } }))?.patients ?? 0),
        before: (keyset) => count(keyset),
      },
    );
    const ids = page.rows.map((r) => r.id);
    const found = await c.patient.findMany({ where: { clinicId: actor.clinicId, id: { in: ids } } });
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    // Open episodes of this page's runners only (a relation count would aggregate the whole clinic).
    const open = await c.episode.groupBy({
      by: ["patientId"],
      where: { clinicId: actor.clinicId, status: "open", patientId: { in: ids } },
      _count: { _all: true },
    });
    const openCount = new Map(open.map((x) => [x.patientId, x._count._all]));
    await auditList(
      c,
      actor,
      "patients.search",
      { q, sort: opts.sort, dir: opts.dir, cursor: opts.cursor, before: opts.before, limit },
      ids,
    );
    return {
      items: rows.map((r) => ({ ...patientView(r), openEpisodes: openCount.get(r.id) ?? 0 })),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      position: page.position,
    };
  });
}

// ---------------------------------------------------------------- episodes

/** What a refused second open episode of a knee names: the open one, and a link the form shows. */
export type OpenEpisodeConflict = {
  episodeId: string;
  patientId: string;
  side: Side;
  complaint: string;
  link: { href: string; text: string };
};

/**
 * The open episode of this runner that covers the same knee, if any ("both"
 * overlaps left and right). PostgreSQL refuses the second one anyway (the
 * partial unique indexes of migration one_open_episode_per_knee); this look-up
 * turns the refusal into a message that names and links the open one.
 */
export async function openEpisodeOfKnee(tx: Tx, actor: Actor, patientId: string, side: Side, exceptId?: string) {
  const open = await tx.episode.findMany({
    where: { clinicId: actor.clinicId, patientId, status: "open", ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return open.find((e) => kneesOverlap(e.side, side)) ?? null;
}

export function openEpisodeConflict(e: EpisodeRow): ConflictError {
  const detail: OpenEpisodeConflict = {
    episodeId: e.id,
    patientId: e.patientId,
    side: e.side,
    complaint: e.complaint,
    link: { href: `/patients/${e.patientId}#episode-${e.id}`, text: `Go to the open episode: ${e.complaint}` },
  };
  const knee = e.side === "both" ? "both knees are" : `the ${SIDE_LABELS[e.side].toLowerCase()} is`;
  return new ConflictError(
    `Continue the open episode, or discharge it first: ${knee} already in one ("${e.complaint}", opened ${formatDate(e.createdAt)}). ` +
      "A duplicate opened by mistake can be withdrawn as opened in error",
    detail,
  );
}

/** A unique violation of the one-open-episode-per-knee indexes (a request that raced the look-up): name the open one. */
async function refusedSecondOpen(error: unknown, actor: Actor, patientId: string, side: Side, exceptId?: string): Promise<never> {
  if (isUniqueViolation(error) || sqlState(error) === "23505") {
    const open = await transaction((tx) => openEpisodeOfKnee(tx, actor, patientId, side, exceptId));
    if (open) throw openEpisodeConflict(open);
  }
  throw error;
}

export async function createEpisode(actor: Actor, input: EpisodeInput): Promise<EpisodeView> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, input.patientId);
    await refuseFutureDates(tx, actor.clinicId, [{ path: "onsetDate", date: input.onsetDate, message: notInFuture("onset date") }]);
    const open = await openEpisodeOfKnee(tx, actor, input.patientId, input.side);
    if (open) throw openEpisodeConflict(open);
    const e = await tx.episode.create({
      data: {
        clinicId: actor.clinicId,
        patientId: input.patientId,
        side: input.side,
        complaint: input.complaint,
        onsetDate: input.onsetDate ? fromDateString(input.onsetDate) : null,
        mechanism: input.mechanism ?? null,
        nextReviewDate: input.nextReviewDate ? fromDateString(input.nextReviewDate) : null,
      },
    });
    await audit(tx, actor, {
      action: "episode.create",
      entityType: "Episode",
      entityId: e.id,
      patientId: input.patientId,
      detail: { side: e.side },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, e.id);
    return episodeView(e);
  }).catch((error: unknown) => refusedSecondOpen(error, actor, input.patientId, input.side));
}

/**
 * Withdraws an episode opened by mistake (a duplicate): status opened in error,
 * with the reason, who and when. It is kept and shown struck through; it is
 * not a discharge and cannot be reopened. An episode that holds assessments
 * (other than ones entered in error) is refused: those are clinical records.
 */
export async function withdrawEpisode(actor: Actor, episodeId: string, reason: string): Promise<EpisodeView> {
  return transaction(async (tx) => {
    const before = await lockEpisode(tx, actor, episodeId);
    if (before.status === "opened_in_error")
      throw new ConflictError("Reload the page: this episode was already withdrawn as opened in error");
    const held = await tx.assessment.count({
      where: { clinicId: actor.clinicId, episodeId, status: { not: "entered_in_error" } },
    });
    if (held > 0)
      throw new ConflictError(
        `Discard ${held === 1 ? "its draft" : "the drafts"} or mark signed ones entered in error first, or discharge the episode instead: this episode holds ${held === 1 ? "an assessment" : `${held} assessments`}`,
      );
    const e = await tx.episode.update({
      where: { id: episodeId, clinicId: actor.clinicId },
      data: {
        status: "opened_in_error",
        openedInErrorReason: reason,
        openedInErrorById: actor.userId,
        openedInErrorAt: new Date(),
        nextReviewDate: null,
      },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, episodeId);
    await audit(tx, actor, {
      action: "episode.opened_in_error",
      entityType: "Episode",
      entityId: episodeId,
      patientId: e.patientId,
      detail: { reason, before: { status: before.status }, after: { status: e.status } },
    });
    return episodeView(e);
  });
}

export async function findEpisodeOrThrow(tx: Tx, actor: Actor, episodeId: string): Promise<EpisodeRow> {
  if (!isUuid(episodeId)) throw new NotFoundError("episode");
  const e = await tx.episode.findFirst({ where: { id: episodeId, clinicId: actor.clinicId } });
  if (!e) throw new NotFoundError("episode");
  return e;
}

/**
 * Locks an episode of the actor's clinic for the rest of the transaction
 * (SELECT ... FOR UPDATE) and returns it. Every write that changes what the
 * caseload summary of an episode is computed from takes this lock first, so
 * concurrent writes to one episode run one after the other and each one
 * recomputes the summary from what the previous one committed (a just-signed
 * flag can never be overwritten by a stale summary).
 */
export async function lockEpisode(tx: Tx, actor: Actor, episodeId: string): Promise<EpisodeRow> {
  if (!isUuid(episodeId)) throw new NotFoundError("episode");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Episode" WHERE id = ${episodeId}::uuid AND "clinicId" = ${actor.clinicId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("episode");
  return findEpisodeOrThrow(tx, actor, episodeId);
}

/** lockEpisode for the episode of an assessment; NotFoundError when the assessment is not the clinic's. */
export async function lockEpisodeOfAssessment(tx: Tx, actor: Actor, assessmentId: string): Promise<EpisodeRow> {
  if (!isUuid(assessmentId)) throw new NotFoundError("assessment");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "Episode" e JOIN "Assessment" a ON a."episodeId" = e.id AND a."clinicId" = e."clinicId"
     WHERE a.id = ${assessmentId}::uuid AND a."clinicId" = ${actor.clinicId}::uuid
       FOR UPDATE OF e`;
  if (locked.length === 0) throw new NotFoundError("assessment");
  return findEpisodeOrThrow(tx, actor, locked[0]!.id);
}

/**
 * Reopens a discharged episode (its discharges are kept), with the next
 * review date when given. Discharging is lib/data/discharges.ts
 * dischargeEpisode: a reason and the outcome, never one click. Reopening
 * while another episode of the same knee is open is refused, naming it; an
 * episode withdrawn as opened in error stays withdrawn.
 */
export async function reopenEpisode(actor: Actor, episodeId: string, nextReviewDate?: string): Promise<EpisodeView> {
  let side: Side | null = null;
  let patientId = "";
  return transaction(async (tx) => {
    const before = await lockEpisode(tx, actor, episodeId);
    if (before.status === "opened_in_error")
      throw new ConflictError("Open a new episode instead: this one was withdrawn as opened in error");
    side = before.side;
    patientId = before.patientId;
    const reviewIssues = reviewDateIssues("nextReviewDate", "next review date", nextReviewDate, {
      onsetDate: toDateString(before.onsetDate),
    });
    if (reviewIssues.length) throw new ValidationError(reviewIssues);
    if (before.status !== "open") {
      const open = await openEpisodeOfKnee(tx, actor, before.patientId, before.side, episodeId);
      if (open) throw openEpisodeConflict(open);
    }
    const e = await tx.episode.update({
      where: { id: episodeId, clinicId: actor.clinicId },
      data: {
        status: "open",
        dischargedAt: null,
        nextReviewDate: nextReviewDate ? fromDateString(nextReviewDate) : before.nextReviewDate,
      },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, episodeId);
    await audit(tx, actor, {
      action: before.status === "discharged" ? "episode.reopen" : "episode.update",
      entityType: "Episode",
      entityId: episodeId,
      patientId: e.patientId,
      detail: {
        before: { status: before.status, nextReviewDate: toDateString(before.nextReviewDate) },
        after: { status: e.status, nextReviewDate: toDateString(e.nextReviewDate) },
      },
    });
    return episodeView(e);
  }).catch((error: unknown) => (side ? refusedSecondOpen(error, actor, patientId, side, episodeId) : Promise.reject(error)));
}

// ---------------------------------------------------------------- header

type LatestEvaluation = {
  assessmentId: string;
  status: "draft" | "signed";
  assessedOn: string;
  evaluation: StoredEvaluation;
  /** Why a signed record's red-flag screen is incomplete, as its signer attested (lib/data/assessments signAssessment). */
  screenAttestation: string | null;
};

export type HeaderEpisode = EpisodeView & {
  /** The newest signed evaluation of the episode. */
  signed: LatestEvaluation | null;
  /** A draft newer than it, if any (its flags are shown as provisional). */
  draft: LatestEvaluation | null;
  /** The open red flags (nothing recorded about them yet), most severe first. */
  openRedFlags: OpenRedFlag[];
};

/**
 * What every patient page shows at the top: identity, age, episodes and the
 * red flags of their newest evaluations. Audited ("patient.header") in the
 * transaction that read it; the page below writes its own event for what it shows.
 */
export async function getPatientHeader(
  actor: Actor,
  patientId: string,
): Promise<{ patient: PatientView; episodes: HeaderEpisode[]; today: string; timezone: string }> {
  if (!isUuid(patientId)) throw new NotFoundError("patient");
  return transaction(async (c) => {
    const [patient, clock] = await Promise.all([
      c.patient.findFirst({ where: { id: patientId, clinicId: actor.clinicId } }),
      clinicClock(c, actor.clinicId),
    ]);
    if (!patient) throw new NotFoundError("patient");
    const episodes = await c.episode.findMany({
      where: { clinicId: actor.clinicId, patientId },
      orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    });
    const newest = (episodeId: string, status: "draft" | "signed") =>
      c.assessment.findFirst({
        where: { clinicId: actor.clinicId, episodeId, status, evaluation: { not: Prisma.DbNull } },
        orderBy: [{ assessedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        select: { id: true, status: true, assessedOn: true, evaluation: true, screenAttestation: true },
      });
    const latest = await Promise.all(episodes.map((e) => Promise.all([newest(e.id, "signed"), newest(e.id, "draft")])));
    const redFlags = await redFlagStateIn(
      c,
      actor.clinicId,
      episodes.map((e) => e.id),
    );
    await audit(c, actor, { action: "patient.header", entityType: "Patient", entityId: patientId, patientId });
    const view = (l: Awaited<ReturnType<typeof newest>>): LatestEvaluation | null =>
      l
        ? {
            assessmentId: l.id,
            status: l.status as "draft" | "signed",
            assessedOn: toDateString(l.assessedOn),
            evaluation: readEvaluation(l.evaluation),
            screenAttestation: l.screenAttestation,
          }
        : null;
    return {
      patient: patientView(patient),
      episodes: episodes.map((e, i) => {
        const signed = view(latest[i]![0]);
        const draft = view(latest[i]![1]);
        return {
          ...episodeView(e),
          signed,
          draft: draft && (!signed || draft.assessedOn >= signed.assessedOn) ? draft : null,
          openRedFlags: redFlags.get(e.id)!.openRedFlags,
        };
      }),
      ...clock,
    };
  });
}
