import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { describeAuditEvent, recordNameFromDetail, recordNames, type AuditText } from "@/lib/audit-text";
import type { Actor } from "@/lib/domain/access";
import {
  AUDIT_KIND_LABELS,
  auditActionsOf,
  type AuditAction,
  type AuditAttempt,
  type AuditKind,
  type AuditRefusal,
} from "@/lib/domain/labels";
import { transaction, toDateString, type Tx } from "@/lib/data/tx";
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, startOfDayIn, todayIn } from "@/lib/format";
import type { RefusalDetail } from "@/lib/stored/audit-detail";

/**
 * The append-only audit trail (HIPAA 164.312(b)). Every read of a patient
 * record and every write calls `audit` inside the same transaction as the
 * thing it records. PostgreSQL refuses UPDATE and DELETE on AuditEvent.
 */
export type AuditEntry = {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  detail?: Prisma.InputJsonValue;
};

/** A filter as it is recorded with a list event: the given values only. */
export type ListFilter = Record<string, string | number | boolean | null | undefined>;

/**
 * Records that a list of patients' data was shown: which list (`action`),
 * with which filter, and the ids of the patients it returned (each once, in
 * order), in the transaction that read it. `patientId` when the list is one
 * patient's (their referrals, their runs).
 */
export async function auditList(
  tx: Tx,
  actor: Pick<Actor, "clinicId" | "userId">,
  action: AuditAction,
  filter: ListFilter,
  patientIds: string[],
  patientId: string | null = null,
): Promise<void> {
  const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false));
  await audit(tx, actor, {
    action,
    entityType: "Patient",
    patientId,
    detail: { filter: given, patientIds: [...new Set(patientIds)] } as Prisma.InputJsonValue,
  });
}

/**
 * One INSERT without RETURNING: every view of patient data writes one, so it
 * is kept to the statement itself (no query plan to build, no row to read back).
 */
export async function audit(tx: Tx, actor: Pick<Actor, "clinicId" | "userId">, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw(auditInsert(actor, entry));
}

/**
 * The audit row's INSERT, for a read that writes it in its own statement (a
 * data-modifying WITH: lib/data/patient-record.ts), so that the view and its
 * row are one round trip and one transaction.
 */
export function auditInsert(actor: Pick<Actor, "clinicId" | "userId">, entry: AuditEntry): Prisma.Sql {
  const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("clinicId", "userId", action, "entityType", "entityId", "patientId", detail)
    VALUES (${actor.clinicId}::uuid, ${actor.userId}::uuid, ${entry.action}, ${entry.entityType}, ${entry.entityId ?? null},
            ${entry.patientId ?? null}::uuid, ${detail}::jsonb)`;
}

/**
 * An event whose actor is the runner, through one of their links (no staff
 * user): `entityType` names the link's kind ("QuestionnaireRequest",
 * "DiaryLink") and `entityId` the link, so the event says which link acted.
 */
export async function auditRunner(
  tx: Tx,
  clinicId: string,
  entry: AuditEntry & { entityType: "QuestionnaireRequest" | "DiaryLink"; entityId: string },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      clinicId,
      userId: null,
      actor: "runner",
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      patientId: entry.patientId ?? null,
      detail: entry.detail ?? undefined,
    },
  });
}

/**
 * Records a refused write: who tried what, and why it was refused. It runs in
 * its own transaction, after the refused write's own has rolled back, so the
 * refusal stays when nothing else does. `patientId` only when it is one of
 * the clinic's patients. Returns false (and logs) when it could not record.
 */
export async function auditRefusal(
  actor: Pick<Actor, "clinicId" | "userId">,
  refusal: { attempt: AuditAttempt; error: unknown; patientId?: string | null; request?: string },
): Promise<boolean> {
  const refused = refusalOf(refusal.error);
  if (!refused) return false;
  const error = refusal.error instanceof Error ? refusal.error : new Error(String(refusal.error));
  const detail: RefusalDetail = {
    version: 1,
    attempt: refusal.attempt,
    refused,
    message: refused === "invalid" ? "Some fields were not valid" : error.message,
    fields: error instanceof ValidationError ? error.issues.slice(0, 20) : [],
    ...(refusal.request ? { request: refusal.request } : {}),
  };
  try {
    await transaction(async (tx) => {
      const patientId =
        refusal.patientId && UUID.test(refusal.patientId)
          ? ((await tx.patient.findFirst({ where: { id: refusal.patientId, clinicId: actor.clinicId }, select: { id: true } }))?.id ?? null)
          : null;
      await audit(tx, actor, { action: "write.refused", entityType: "Patient", entityId: patientId, patientId, detail });
    });
    return true;
  } catch (e) {
    console.error("Could not record a refused write in the audit log", e);
    return false;
  }
}

/** Which refusals are recorded: the errors a user's request can cause (not an outage, not a bug). */
function refusalOf(error: unknown): AuditRefusal | null {
  if (error instanceof ForbiddenError) return "permission";
  if (error instanceof ValidationError) return "invalid";
  if (error instanceof ConflictError) return "conflict";
  if (error instanceof NotFoundError) return "not_found";
  if (error instanceof GoneError) return "gone";
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AuditFilter = {
  userId?: string;
  patientId?: string;
  /** Filter by the patient's clinic MRN (resolved within the clinic). */
  patientMrn?: string;
  /** One record: the events whose record (entityId) it is. */
  recordId?: string;
  /** One action, or every action of a kind. */
  action?: AuditAction | AuditKind;
  from?: string; // YYYY-MM-DD, inclusive
  to?: string; // YYYY-MM-DD, inclusive
  cursor?: string; // id of the last event of the previous page
  limit?: number;
};

export type AuditEventRow = {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  patientName: string | null;
  userId: string | null;
  /** Who acted, by name: the user, or "The runner (through a link)". */
  actorName: string;
  /** The record's name ("the follow-up of 3 Nov 2026"), when it can be named. */
  recordName: string | null;
  text: AuditText;
};

const isKind = (v: string): v is AuditKind => Object.hasOwn(AUDIT_KIND_LABELS, v);

function whereOf(actor: Actor, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { clinicId: actor.clinicId };
  if (filter.userId) where.userId = filter.userId;
  if (filter.patientId) where.patientId = filter.patientId;
  if (filter.recordId) where.entityId = filter.recordId;
  if (filter.action) where.action = isKind(filter.action) ? { in: auditActionsOf(filter.action) } : filter.action;
  if (filter.from || filter.to) {
    where.at = {};
    // The days are the clinic's days.
    if (filter.from) where.at.gte = startOfDayIn(filter.from, actor.timezone);
    if (filter.to) where.at.lt = startOfDayIn(addDays(filter.to, 1), actor.timezone);
  }
  if (filter.cursor) where.id = { lt: BigInt(filter.cursor) };
  return where;
}

type EventRow = Awaited<ReturnType<Tx["auditEvent"]["findMany"]>>[number];

/** The names of the people and records a page of events concerns, read in the clinic. */
async function namesOf(tx: Tx, actor: Actor, rows: EventRow[]) {
  const ids = (pick: (r: EventRow) => string | null, type?: string) => [
    ...new Set(
      rows
        .filter((r) => !type || r.entityType === type)
        .map(pick)
        .filter((v): v is string => !!v && UUID.test(v)),
    ),
  ];
  const entity = (type: string) => ({ clinicId: actor.clinicId, id: { in: ids((r) => r.entityId, type) } });
  const [users, patients, assessments, episodes, referrals, runs, shoes] = await Promise.all([
    tx.user.findMany({
      where: { clinicId: actor.clinicId, id: { in: [...ids((r) => r.userId), ...ids((r) => r.entityId, "User")] } },
      select: { id: true, name: true },
    }),
    tx.patient.findMany({
      where: { clinicId: actor.clinicId, id: { in: ids((r) => r.patientId) } },
      select: { id: true, givenName: true, familyName: true },
    }),
    tx.assessment.findMany({ where: entity("Assessment"), select: { id: true, kind: true, assessedOn: true } }),
    tx.episode.findMany({ where: entity("Episode"), select: { id: true, side: true, createdAt: true } }),
    tx.referral.findMany({ where: entity("Referral"), select: { id: true, createdAt: true } }),
    tx.run.findMany({ where: entity("Run"), select: { id: true, date: true, distanceKm: true } }),
    tx.shoe.findMany({ where: entity("Shoe"), select: { id: true, name: true } }),
  ]);
  const day = (d: Date) => todayIn(actor.timezone, d);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const patientName = new Map(patients.map((p) => [p.id, `${p.familyName}, ${p.givenName}`]));
  const records = new Map<string, string>([
    ...users.map((u) => [u.id, u.name] as const),
    ...patients.map((p) => [p.id, `${p.familyName}, ${p.givenName}`] as const),
    ...assessments.map((a) => [a.id, recordNames.assessment(a.kind, toDateString(a.assessedOn))] as const),
    ...episodes.map((e) => [e.id, recordNames.episode(e.side, day(e.createdAt))] as const),
    ...referrals.map((r) => [r.id, recordNames.referral(day(r.createdAt))] as const),
    ...runs.map((r) => [r.id, recordNames.run(toDateString(r.date), r.distanceKm)] as const),
    ...shoes.map((s) => [s.id, recordNames.shoe(s.name)] as const),
  ]);
  return { userName, patientName, records };
}

function rowsOf(rows: EventRow[], names: Awaited<ReturnType<typeof namesOf>>): AuditEventRow[] {
  return rows.map((r) => {
    const recordName = (r.entityId ? names.records.get(r.entityId) : null) ?? recordNameFromDetail(r.entityType, r.detail);
    return {
      id: r.id.toString(),
      at: r.at,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      patientId: r.patientId,
      patientName: r.patientId ? (names.patientName.get(r.patientId) ?? null) : null,
      userId: r.userId,
      actorName:
        r.actor === "runner"
          ? "The runner (through a link)"
          : r.userId
            ? (names.userName.get(r.userId) ?? "A user of another clinic")
            : "—",
      recordName,
      text: describeAuditEvent({ action: r.action, entityType: r.entityType, recordName, detail: r.detail }),
    };
  });
}

/** Resolves the MRN filter to a patient of the clinic; false when no patient has it. */
async function withPatient(tx: Tx, actor: Actor, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput | false> {
  const where = whereOf(actor, filter);
  if (!filter.patientMrn) return where;
  const patient = await tx.patient.findFirst({ where: { clinicId: actor.clinicId, mrn: filter.patientMrn }, select: { id: true } });
  if (!patient || (filter.patientId && filter.patientId !== patient.id)) return false;
  return { ...where, patientId: patient.id };
}

function auditedFilter(filter: AuditFilter, limit: number): ListFilter {
  return {
    user: filter.userId,
    patient: filter.patientId,
    mrn: filter.patientMrn,
    record: filter.recordId,
    action: filter.action,
    from: filter.from,
    to: filter.to,
    cursor: filter.cursor,
    limit,
  };
}

/**
 * The clinic's audit events, newest first, keyset-paginated by id, each in
 * words (lib/audit-text.ts). Reading the audit log is itself audited
 * ("audit.view": the filter and the patients whose events were shown), in the
 * same transaction.
 */
export async function listAuditEvents(actor: Actor, filter: AuditFilter): Promise<{ items: AuditEventRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  return transaction(async (tx) => {
    const where = await withPatient(tx, actor, filter);
    if (!where) {
      await auditList(tx, actor, "audit.view", auditedFilter(filter, limit), []);
      return { items: [], nextCursor: null };
    }
    const rows = await tx.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
    const page = rows.slice(0, limit);
    const items = rowsOf(page, await namesOf(tx, actor, page));
    await auditList(
      tx,
      actor,
      "audit.view",
      auditedFilter(filter, limit),
      page.map((r) => r.patientId).filter((v): v is string => !!v),
    );
    return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null };
  });
}

/** The most events one CSV export holds (newest first); a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/**
 * The filtered log for the CSV export (no cursor: from the newest, at most
 * AUDIT_EXPORT_MAX_ROWS events), audited as "audit.export" with the filter,
 * the number of events and the patients they concern.
 */
export async function exportAuditEvents(
  actor: Actor,
  filter: Omit<AuditFilter, "cursor" | "limit">,
): Promise<{ items: AuditEventRow[]; truncated: boolean }> {
  return transaction(
    async (tx) => {
      const where = await withPatient(tx, actor, filter);
      const rows = where ? await tx.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_EXPORT_MAX_ROWS + 1 }) : [];
      const page = rows.slice(0, AUDIT_EXPORT_MAX_ROWS);
      const items = rowsOf(page, await namesOf(tx, actor, page));
      await audit(tx, actor, {
        action: "audit.export",
        entityType: "Clinic",
        entityId: actor.clinicId,
        detail: {
          filter: Object.fromEntries(Object.entries(auditedFilter(filter, AUDIT_EXPORT_MAX_ROWS)).filter(([, v]) => v !== undefined)),
          events: page.length,
          patientIds: [...new Set(page.map((r) => r.patientId).filter((v): v is string => !!v))],
        } as Prisma.InputJsonValue,
      });
      return { items, truncated: rows.length > AUDIT_EXPORT_MAX_ROWS };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
