import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import type { Actor } from "@/lib/domain/access";
import { transaction, type Tx } from "@/lib/data/tx";
import { addDays, startOfDayIn } from "@/lib/format";

/**
 * The append-only audit trail (HIPAA 164.312(b)). Every read of a patient
 * record and every write calls `audit` inside the same transaction as the
 * thing it records. PostgreSQL refuses UPDATE and DELETE on AuditEvent.
 */
export type AuditEntry = {
  action: string;
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
  action: string,
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

export async function audit(tx: Tx, actor: Pick<Actor, "clinicId" | "userId">, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      clinicId: actor.clinicId,
      userId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      patientId: entry.patientId ?? null,
      detail: entry.detail ?? undefined,
    },
  });
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

export type AuditFilter = {
  userId?: string;
  patientId?: string;
  /** Filter by the patient's clinic MRN (resolved within the clinic). */
  patientMrn?: string;
  from?: string; // YYYY-MM-DD, inclusive
  to?: string; // YYYY-MM-DD, inclusive
  action?: string;
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
  userName: string | null;
  detail: unknown;
};

/**
 * The clinic's audit events, newest first, keyset-paginated by id. Reading
 * the audit log is itself audited ("audit.view": the filter and the patients
 * whose events were shown), in the same transaction.
 */
export async function listAuditEvents(actor: Actor, filter: AuditFilter): Promise<{ items: AuditEventRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: Prisma.AuditEventWhereInput = { clinicId: actor.clinicId };
  if (filter.userId) where.userId = filter.userId;
  if (filter.patientId) where.patientId = filter.patientId;
  if (filter.action) where.action = filter.action;
  if (filter.from || filter.to) {
    where.at = {};
    // The days are the clinic's days.
    if (filter.from) where.at.gte = startOfDayIn(filter.from, actor.timezone);
    if (filter.to) where.at.lt = startOfDayIn(addDays(filter.to, 1), actor.timezone);
  }
  if (filter.cursor) where.id = { lt: BigInt(filter.cursor) };

  const auditedFilter = {
    user: filter.userId,
    patient: filter.patientId,
    mrn: filter.patientMrn,
    from: filter.from,
    to: filter.to,
    action: filter.action,
    cursor: filter.cursor,
    limit,
  };
  return transaction(async (client) => {
    if (filter.patientMrn) {
      const patient = await client.patient.findFirst({ where: { clinicId: actor.clinicId, mrn: filter.patientMrn }, select: { id: true } });
      if (!patient) {
        await auditList(client, actor, "audit.view", auditedFilter, []);
        return { items: [], nextCursor: null };
      }
      where.patientId = patient.id;
    }
    const rows = await client.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
    const page = rows.slice(0, limit);
    const userIds = [...new Set(page.map((r) => r.userId).filter((v): v is string => !!v))];
    const patientIds = [...new Set(page.map((r) => r.patientId).filter((v): v is string => !!v))];
    const [users, patients] = await Promise.all([
      client.user.findMany({ where: { clinicId: actor.clinicId, id: { in: userIds } }, select: { id: true, name: true } }),
      client.patient.findMany({
        where: { clinicId: actor.clinicId, id: { in: patientIds } },
        select: { id: true, givenName: true, familyName: true },
      }),
    ]);
    await auditList(client, actor, "audit.view", auditedFilter, patientIds);
    const userName = new Map(users.map((u) => [u.id, u.name]));
    const patientName = new Map(patients.map((p) => [p.id, `${p.familyName}, ${p.givenName}`]));
    return {
      items: page.map((r) => ({
        id: r.id.toString(),
        at: r.at,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        patientId: r.patientId,
        patientName: r.patientId ? (patientName.get(r.patientId) ?? null) : null,
        userId: r.userId,
        userName: r.userId ? (userName.get(r.userId) ?? null) : null,
        detail: r.detail,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
    };
  });
}
