import "server-only";
import { assertCan, type Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { clinicClock, refuseFutureDates } from "@/lib/data/clinic";
import { findPatientOrThrow, isUuid } from "@/lib/data/patients";
import { fromDateString, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/prisma/generated/client";
import { addDays } from "@/lib/format";
import { RECENT_SHOE_CHANGE_DAYS } from "@/lib/domain/windows";
import type { ShoeInput, ShoeType } from "@/lib/validation/shoes";
import { notInFuture } from "@/lib/validation/messages";

/**
 * The shoe log: a runner's pairs of shoes. The distance on a pair is the sum
 * of the runs assigned to it. A new run goes to the current pair (below) and
 * can be re-assigned. Every change is audited. The writes check the
 * permission themselves too (run.write), besides the actions.
 */
export type ShoeView = {
  id: string;
  name: string;
  type: ShoeType | null;
  dropMm: number | null;
  introducedOn: string;
  retiredOn: string | null;
  /** Sum of the distances of the runs assigned to the pair, km (two decimals). */
  distanceKm: number;
  runs: number;
};

export type ShoeSummary = {
  shoes: ShoeView[];
  /** The pair new runs go to today (null when no pair is in use). */
  current: ShoeView | null;
  /** Pairs in use today (introduced, not retired). */
  inRotation: number;
  /** The newest pair, when it was introduced within RECENT_SHOE_CHANGE_DAYS, with the pair it followed. */
  recentChange: { shoe: ShoeView; daysAgo: number; previous: ShoeView | null } | null;
};

/** The shoe log's order: newest pair first; pairs introduced the same day, the one added last, then by id. */
const SHOE_LOG_ORDER = [{ introducedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }] satisfies Prisma.ShoeOrderByWithRelationInput[];

type ShoeDates = { id: string; introducedOn: Date | string; retiredOn: Date | string | null };
const day = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? d : toDateString(d));

/**
 * The pair a run of `date` goes to by default: of the pairs in use that day
 * (introduced on or before it, not retired before it), the one introduced
 * last. Null when none.
 */
export function currentShoeOn<T extends ShoeDates>(shoes: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const s of shoes) {
    const from = day(s.introducedOn) as string;
    const until = day(s.retiredOn);
    if (from > date || (until !== null && until < date)) continue;
    if (!best || from > (day(best.introducedOn) as string)) best = s;
  }
  return best;
}

export async function shoesForDefaults(tx: Tx, clinicId: string, patientId: string): Promise<ShoeDates[]> {
  return tx.shoe.findMany({
    where: { clinicId, patientId },
    select: { id: true, introducedOn: true, retiredOn: true },
    // Of two pairs introduced the same day, a run's default is the one the log shows first.
    orderBy: SHOE_LOG_ORDER,
  });
}

function summarise(shoes: ShoeView[], today: string): ShoeSummary {
  const current = currentShoeOn(shoes, today);
  const inRotation = shoes.filter((s) => s.introducedOn <= today && (s.retiredOn === null || s.retiredOn >= today)).length;
  // Stable sorts: pairs introduced the same day keep the shoe log's order (the one added last, then by id, first).
  const newestFirst = (a: ShoeView, b: ShoeView) => (a.introducedOn < b.introducedOn ? 1 : a.introducedOn > b.introducedOn ? -1 : 0);
  const newest = [...shoes].sort(newestFirst)[0];
  let recentChange: ShoeSummary["recentChange"] = null;
  if (newest && newest.introducedOn <= today && newest.introducedOn > addDays(today, -RECENT_SHOE_CHANGE_DAYS)) {
    const daysAgo = Math.round((Date.parse(today) - Date.parse(newest.introducedOn)) / 86_400_000);
    const previous = [...shoes].filter((s) => s.id !== newest.id && s.introducedOn <= newest.introducedOn).sort(newestFirst)[0] ?? null;
    recentChange = { shoe: newest, daysAgo, previous };
  }
  return { shoes, current, inRotation, recentChange };
}

/** The shoe log of a runner with distances, without an audit row (callers audit the view they are part of). */
export async function shoeSummaryIn(c: Pick<Tx, "shoe" | "run">, clinicId: string, patientId: string, today: string): Promise<ShoeSummary> {
  const shoes = await c.shoe.findMany({ where: { clinicId, patientId }, orderBy: SHOE_LOG_ORDER });
  const sums = shoes.length
    ? await c.run.groupBy({
        by: ["shoeId"],
        where: { clinicId, patientId, shoeId: { not: null } },
        _sum: { distanceKm: true },
        _count: { _all: true },
      })
    : [];
  const byShoe = new Map(sums.map((s) => [s.shoeId, s]));
  const views: ShoeView[] = shoes.map((s) => ({
    id: s.id,
    name: s.name,
    type: s.type,
    dropMm: s.dropMm,
    introducedOn: toDateString(s.introducedOn),
    retiredOn: toDateString(s.retiredOn),
    distanceKm: Math.round((byShoe.get(s.id)?._sum.distanceKm ?? 0) * 100) / 100,
    runs: byShoe.get(s.id)?._count._all ?? 0,
  }));
  return summarise(views, today);
}

/** The shoe log of a runner, audited ("shoes.view") in the transaction that read it. */
export async function getShoeSummary(actor: Actor, patientId: string): Promise<ShoeSummary> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const { today } = await clinicClock(tx, actor.clinicId);
    const summary = await shoeSummaryIn(tx, actor.clinicId, patientId, today);
    await audit(tx, actor, {
      action: "shoes.view",
      entityType: "Patient",
      entityId: patientId,
      patientId,
      detail: { shoes: summary.shoes.length },
    });
    return summary;
  });
}

const detailOf = (s: { name: string; type: string | null; dropMm: number | null; introducedOn: Date; retiredOn: Date | null }) => ({
  name: s.name,
  type: s.type,
  dropMm: s.dropMm,
  introducedOn: toDateString(s.introducedOn),
  retiredOn: toDateString(s.retiredOn),
});

/**
 * Adds a pair (or edits one, with shoeId). A new pair also takes the runs
 * from its first day on that have no pair yet, so a log started after the
 * runs were imported fills in.
 */
export async function saveShoe(actor: Actor, input: ShoeInput): Promise<{ id: string; assignedRuns: number }> {
  assertCan(actor, "run.write");
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, input.patientId);
    await refuseFutureDates(tx, actor.clinicId, [
      { path: "introducedOn", date: input.introducedOn, message: notInFuture("date introduced") },
      { path: "retiredOn", date: input.retiredOn, message: notInFuture("date retired") },
    ]);
    const data = {
      name: input.name,
      type: input.type ?? null,
      dropMm: input.dropMm ?? null,
      introducedOn: fromDateString(input.introducedOn),
      retiredOn: input.retiredOn ? fromDateString(input.retiredOn) : null,
    };
    if (input.shoeId) {
      const before = await tx.shoe.findFirst({ where: { id: input.shoeId, clinicId: actor.clinicId, patientId: input.patientId } });
      if (!before) throw new NotFoundError("shoe");
      const after = await tx.shoe.update({ where: { id: before.id, clinicId: actor.clinicId }, data });
      await audit(tx, actor, {
        action: "shoe.update",
        entityType: "Shoe",
        entityId: after.id,
        patientId: input.patientId,
        detail: { before: detailOf(before), after: detailOf(after) },
      });
      return { id: after.id, assignedRuns: 0 };
    }
    const shoe = await tx.shoe.create({ data: { ...data, clinicId: actor.clinicId, patientId: input.patientId } });
    const assigned = await tx.run.updateMany({
      where: {
        clinicId: actor.clinicId,
        patientId: input.patientId,
        shoeId: null,
        date: { gte: data.introducedOn, ...(data.retiredOn ? { lte: data.retiredOn } : {}) },
      },
      data: { shoeId: shoe.id },
    });
    await audit(tx, actor, {
      action: "shoe.create",
      entityType: "Shoe",
      entityId: shoe.id,
      patientId: input.patientId,
      detail: { ...detailOf(shoe), assignedRuns: assigned.count },
    });
    return { id: shoe.id, assignedRuns: assigned.count };
  });
}

/** Deletes a pair entered by mistake; its runs keep their distances and lose the pair. */
export async function deleteShoe(actor: Actor, patientId: string, shoeId: string): Promise<void> {
  assertCan(actor, "run.write");
  if (!isUuid(shoeId)) throw new NotFoundError("shoe");
  await transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const shoe = await tx.shoe.findFirst({ where: { id: shoeId, clinicId: actor.clinicId, patientId } });
    if (!shoe) throw new NotFoundError("shoe");
    const runs = await tx.run.updateMany({ where: { clinicId: actor.clinicId, patientId, shoeId }, data: { shoeId: null } });
    await tx.shoe.delete({ where: { id: shoe.id, clinicId: actor.clinicId } });
    await audit(tx, actor, {
      action: "shoe.delete",
      entityType: "Shoe",
      entityId: shoe.id,
      patientId,
      detail: { ...detailOf(shoe), unassignedRuns: runs.count },
    });
  });
}

/** Re-assigns one run to a pair of the same runner, or to none. */
export async function assignRunShoe(actor: Actor, patientId: string, runId: string, shoeId: string | null): Promise<void> {
  assertCan(actor, "run.write");
  if (!isUuid(runId)) throw new NotFoundError("run");
  await transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const run = await tx.run.findFirst({ where: { id: runId, clinicId: actor.clinicId, patientId } });
    if (!run) throw new NotFoundError("run");
    if (shoeId !== null) {
      const shoe = await tx.shoe.findFirst({ where: { id: shoeId, clinicId: actor.clinicId, patientId }, select: { id: true } });
      if (!shoe) throw new NotFoundError("shoe");
    }
    await tx.run.update({ where: { id: run.id, clinicId: actor.clinicId }, data: { shoeId } });
    await audit(tx, actor, {
      action: "run.assign_shoe",
      entityType: "Run",
      entityId: run.id,
      patientId,
      detail: { date: toDateString(run.date), distanceKm: run.distanceKm, before: run.shoeId, after: shoeId },
    });
  });
}

/** The shoe answers of a new intake or follow-up, from the shoe log (the clinician can change them). */
export function shoeAnswers(shoes: ShoeSummary): { shoeDistanceKm?: number; shoePairsInRotation?: number } {
  return {
    ...(shoes.current ? { shoeDistanceKm: Math.round(shoes.current.distanceKm) } : {}),
    ...(shoes.inRotation >= 1 ? { shoePairsInRotation: shoes.inRotation } : {}),
  };
}
