import "server-only";
import { z } from "zod";
import { Prisma } from "@/prisma/generated/client";
import {
  AssessmentKind,
  AssessmentStatus,
  DischargeReason,
  EpisodeStatus,
  LetterKind,
  Mechanism,
  RedFlagActionKind,
  RunningLevel,
  Sex,
  Side,
  Urgency,
} from "@/prisma/generated/enums";
import { readStored } from "@/lib/stored/read";
import type { Tx } from "@/lib/data/tx";
import { agg, by, day, timestamp, uuid } from "@/lib/data/json-row";

/**
 * The one read of a patient record (GET /api/v1/patients/{id}, the record's
 * pages): the patient with, per episode, its assessments (each with its
 * addenda counted), red-flag actions, latest discharge, current programme
 * version, letters and whether it has a return-to-run plan, as one JSON
 * value built by PostgreSQL in one statement (one round trip instead of
 * nine), scoped to the clinic throughout. The result is parsed by
 * `readPatientRecordRow` (never cast): a column or value that is not what the
 * schema says is refused by name. The stored JSON inside (evaluations, the
 * treatment of the answers, outcomes, programme items) is left to the readers
 * of lib/stored.
 */
const patientRow = z.strictObject({
  id: uuid,
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: day,
  sex: by(Sex),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  runningLevel: by(RunningLevel).nullable(),
  weeklyDistanceKm: z.number().nullable(),
  goalEvent: z.string().nullable(),
  goalEventDate: day.nullable(),
  goalEventDistanceKm: z.number().nullable(),
  gpName: z.string().nullable(),
  gpPractice: z.string().nullable(),
  gpAddress: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const episodeRow = z.strictObject({
  id: uuid,
  patientId: uuid,
  side: by(Side),
  complaint: z.string(),
  onsetDate: day.nullable(),
  mechanism: by(Mechanism).nullable(),
  status: by(EpisodeStatus),
  nextReviewDate: day.nullable(),
  dischargedAt: timestamp.nullable(),
  openedInErrorReason: z.string().nullable(),
  openedInErrorAt: timestamp.nullable(),
  urgency: by(Urgency).nullable(),
  screenIncomplete: z.boolean(),
  lastSeenOn: day.nullable(),
  worsening: z.boolean(),
  draftCount: z.number().int(),
  unsentUrgentReferrals: z.number().int(),
  runnerRedFlags: z.array(z.string()),
  unsentReferralUrgency: by(Urgency).nullable(),
  createdAt: timestamp,
  hasPlan: z.boolean(),
});

const assessmentRow = z.strictObject({
  id: uuid,
  episodeId: uuid,
  kind: by(AssessmentKind),
  assessedOn: day,
  status: by(AssessmentStatus),
  urgency: by(Urgency).nullable(),
  signedAt: timestamp.nullable(),
  evaluation: z.unknown(),
  /** The answers with their treatment only (readTreatmentGiven reads it). */
  answers: z.unknown(),
  screenAttestation: z.string().nullable(),
  addenda: z.number().int(),
});

const redFlagActionRow = z.strictObject({
  id: uuid,
  episodeId: uuid,
  assessmentId: uuid,
  code: z.string(),
  action: by(RedFlagActionKind),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  actedById: uuid,
  actedByName: z.string(),
  actedAt: timestamp,
});

const dischargeRow = z.strictObject({
  id: uuid,
  episodeId: uuid,
  reason: by(DischargeReason),
  reasonText: z.string().nullable(),
  dischargedOn: day,
  returnToRunningOn: day.nullable(),
  notes: z.string().nullable(),
  outcome: z.unknown(),
  dischargedById: uuid,
  dischargedByName: z.string(),
  createdAt: timestamp,
});

const programmeRow = z.strictObject({
  id: uuid,
  episodeId: uuid,
  version: z.number().int(),
  items: z.unknown(),
  notes: z.string().nullable(),
  stopped: z.boolean(),
  createdById: uuid,
  createdByName: z.string(),
  createdAt: timestamp,
});

const letterRow = z.strictObject({
  id: uuid,
  episodeId: uuid,
  kind: by(LetterKind),
  version: z.number().int(),
  amendmentReason: z.string().nullable(),
  signedById: uuid,
  signedByName: z.string(),
  signedAt: timestamp,
});

const patientRecordRow = z.strictObject({
  patient: patientRow,
  episodes: z.array(episodeRow),
  assessments: z.array(assessmentRow),
  redFlagActions: z.array(redFlagActionRow),
  discharges: z.array(dischargeRow),
  programmes: z.array(programmeRow),
  letters: z.array(letterRow),
});

export type PatientRecordRow = z.output<typeof patientRecordRow>;

/** The record as PostgreSQL built it, checked; names the path of anything that is not what the query writes. */
export function readPatientRecordRow(json: unknown): PatientRecordRow {
  return readStored("patient record", patientRecordRow, json);
}

/**
 * Reads the record of patient `patientId` of clinic `clinicId` in one
 * statement; null when the clinic has no such patient. Episodes in the
 * record's order (status, newest first), assessments oldest first, red-flag
 * actions oldest first, the latest discharge of each discharged episode, the
 * newest programme version of each episode, letters by kind, newest version
 * first. `also` (the view's audit row: lib/data/audit.ts `auditInsert`) is
 * written by the same statement, whether or not the patient is found: the
 * caller's transaction rolls it back with the "not found" it throws.
 */
export async function readPatientRecord(tx: Tx, clinicId: string, patientId: string, also: Prisma.Sql): Promise<PatientRecordRow | null> {
  const rows = await tx.$queryRaw<{ record: unknown }[]>`
    WITH also AS (${also}),
    e AS (
      SELECT * FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND "patientId" = ${patientId}::uuid
    )
    SELECT json_build_object(
      'patient', json_build_object(
        'id', p.id, 'mrn', p.mrn, 'givenName', p."givenName", 'familyName', p."familyName", 'birthDate', p."birthDate",
        'sex', p.sex, 'email', p.email, 'phone', p.phone, 'runningLevel', p."runningLevel",
        'weeklyDistanceKm', p."weeklyDistanceKm", 'goalEvent', p."goalEvent", 'goalEventDate', p."goalEventDate",
        'goalEventDistanceKm', p."goalEventDistanceKm", 'gpName', p."gpName", 'gpPractice', p."gpPractice",
        'gpAddress', p."gpAddress", 'createdAt', p."createdAt", 'updatedAt', p."updatedAt"),
      'episodes', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', e.id, 'patientId', e."patientId", 'side', e.side, 'complaint', e.complaint, 'onsetDate', e."onsetDate",
          'mechanism', e.mechanism, 'status', e.status, 'nextReviewDate', e."nextReviewDate", 'dischargedAt', e."dischargedAt",
          'openedInErrorReason', e."openedInErrorReason", 'openedInErrorAt', e."openedInErrorAt", 'urgency', e.urgency,
          'screenIncomplete', e."screenIncomplete", 'lastSeenOn', e."lastSeenOn", 'worsening', e.worsening,
          'draftCount', e."draftCount", 'unsentUrgentReferrals', e."unsentUrgentReferrals", 'runnerRedFlags', e."runnerRedFlags",
          'unsentReferralUrgency', e."unsentReferralUrgency", 'createdAt', e."createdAt",
          'hasPlan', EXISTS (SELECT 1 FROM "ReturnToRunPlan" r WHERE r."clinicId" = e."clinicId" AND r."episodeId" = e.id))`,
        Prisma.sql`e.status, e."createdAt" DESC, e.id DESC`,
      )} FROM e),
      'assessments', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', a.id, 'episodeId', a."episodeId", 'kind', a.kind, 'assessedOn', a."assessedOn", 'status', a.status,
          'urgency', a.urgency, 'signedAt', a."signedAt", 'evaluation', a.evaluation,
          'answers', CASE WHEN jsonb_typeof(a.answers) = 'object' AND a.answers ? 'treatment'
                          THEN jsonb_build_object('treatment', a.answers -> 'treatment')
                          WHEN jsonb_typeof(a.answers) = 'object' THEN '{}'::jsonb ELSE a.answers END,
          'screenAttestation', a."screenAttestation",
          'addenda', (SELECT count(*) FROM "Addendum" d WHERE d."clinicId" = a."clinicId" AND d."assessmentId" = a.id))`,
        Prisma.sql`a."assessedOn", a."createdAt", a.id`,
      )} FROM "Assessment" a WHERE a."clinicId" = ${clinicId}::uuid AND a."episodeId" IN (SELECT id FROM e)),
      'redFlagActions', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', f.id, 'episodeId', f."episodeId", 'assessmentId', f."assessmentId", 'code', f.code, 'action', f.action,
          'reason', f.reason, 'note', f.note, 'actedById', f."actedById", 'actedByName', f."actedByName", 'actedAt', f."actedAt")`,
        Prisma.sql`f."actedAt", f.id`,
      )} FROM "RedFlagAction" f WHERE f."clinicId" = ${clinicId}::uuid AND f."episodeId" IN (SELECT id FROM e)),
      'discharges', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', d.id, 'episodeId', d."episodeId", 'reason', d.reason, 'reasonText', d."reasonText",
          'dischargedOn', d."dischargedOn", 'returnToRunningOn', d."returnToRunningOn", 'notes', d.notes,
          'outcome', d.outcome, 'dischargedById', d."dischargedById", 'dischargedByName', d."dischargedByName",
          'createdAt', d."createdAt")`,
        Prisma.sql`d."episodeId"`,
      )} FROM (SELECT DISTINCT ON ("episodeId") * FROM "Discharge"
                WHERE "clinicId" = ${clinicId}::uuid AND "episodeId" IN (SELECT id FROM e WHERE status = 'discharged')
                ORDER BY "episodeId", "createdAt" DESC, id DESC) d),
      'programmes', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', x.id, 'episodeId', x."episodeId", 'version', x.version, 'items', x.items, 'notes', x.notes,
          'stopped', x.stopped, 'createdById', x."createdById", 'createdByName', x."createdByName", 'createdAt', x."createdAt")`,
        Prisma.sql`x."episodeId"`,
      )} FROM (SELECT DISTINCT ON ("episodeId") * FROM "ExerciseProgramme"
                WHERE "clinicId" = ${clinicId}::uuid AND "episodeId" IN (SELECT id FROM e)
                ORDER BY "episodeId", version DESC) x),
      'letters', (SELECT ${agg(
        Prisma.sql`json_build_object(
          'id', l.id, 'episodeId', l."episodeId", 'kind', l.kind, 'version', l.version,
          'amendmentReason', l."amendmentReason", 'signedById', l."signedById", 'signedByName', l."signedByName",
          'signedAt', l."signedAt")`,
        Prisma.sql`l.kind, l.version DESC, l.id`,
      )} FROM "EpisodeLetter" l WHERE l."clinicId" = ${clinicId}::uuid AND l."episodeId" IN (SELECT id FROM e))
    ) AS record
    FROM "Patient" p WHERE p.id = ${patientId}::uuid AND p."clinicId" = ${clinicId}::uuid`;
  return rows[0] ? readPatientRecordRow(rows[0].record) : null;
}
