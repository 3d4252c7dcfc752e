import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { clinicClock, refuseFutureDates } from "@/lib/data/clinic";
import { findPatientOrThrow, isUuid } from "@/lib/data/patients";
import { clinicSettingsIn } from "@/lib/data/settings";
import { currentShoeOn, shoeSummaryIn, shoesForDefaults, type ShoeSummary } from "@/lib/data/shoes";
import { fromDateString, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { dayLimitIssue, parseRunsCsv, runKey, runLimitIssues, type CsvRow, type RunInput } from "@/lib/validation/runs";
import { proposeRunsLoggedSince, type RunLogStart } from "@/lib/data/run-log";
import { notInFuture } from "@/lib/validation/messages";

/**
 * A runner's training log. Runs are not part of any signed record (a signed
 * assessment keeps the runs it was evaluated with in its evaluationInput),
 * so they can be added, corrected and deleted; every change is audited.
 */
export type RunView = {
  id: string;
  date: string;
  distanceKm: number;
  durationSec: number | null;
  surface: "road" | "track" | "treadmill" | "trail" | null;
  source: string;
  /** From imported files and exports (null when entered by hand). */
  startedAt: string | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  indoor: boolean;
  fileName: string | null;
  shoeId: string | null;
};

type RunRow = Omit<RunView, "date" | "startedAt"> & { date: Date; startedAt: Date | null };

const runView = (r: RunRow): RunView => ({
  id: r.id,
  date: toDateString(r.date),
  distanceKm: r.distanceKm,
  durationSec: r.durationSec,
  surface: r.surface,
  source: r.source,
  startedAt: r.startedAt?.toISOString() ?? null,
  elevationGainM: r.elevationGainM,
  elevationLossM: r.elevationLossM,
  avgCadenceSpm: r.avgCadenceSpm,
  avgHeartRate: r.avgHeartRate,
  indoor: r.indoor,
  fileName: r.fileName,
  shoeId: r.shoeId,
});

/** Runs of a patient, newest first (inside the caller's audited transaction). */
async function readRuns(c: Pick<Tx, "run">, actor: Actor, patientId: string): Promise<RunView[]> {
  const rows = await c.run.findMany({
    where: { clinicId: actor.clinicId, patientId },
    orderBy: [{ date: "desc" }, { startedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(runView);
}

export async function saveRun(actor: Actor, input: RunInput): Promise<RunView> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, input.patientId);
    await refuseFutureDates(tx, actor.clinicId, [{ path: "date", date: input.date, message: notInFuture("run date") }]);
    // The plausibility limits hold here too, whoever calls (the form's schema checks them first).
    const limits = runLimitIssues({ distanceKm: input.distanceKm, durationSec: input.durationSec });
    if (limits.length) throw new ValidationError(limits);
    const data = { date: fromDateString(input.date), distanceKm: input.distanceKm, durationSec: input.durationSec, surface: input.surface };
    const duplicate = await tx.run.findFirst({
      where: {
        clinicId: actor.clinicId,
        patientId: input.patientId,
        date: data.date,
        distanceKm: input.distanceKm,
        ...(input.runId ? { id: { not: input.runId } } : {}),
      },
      select: { id: true },
    });
    if (duplicate)
      throw new ValidationError([
        { path: "distance", message: "Check the date and distance: a run with this date and distance is already recorded" },
      ]);
    const sameDay = await tx.run.aggregate({
      where: {
        clinicId: actor.clinicId,
        patientId: input.patientId,
        date: data.date,
        ...(input.runId ? { id: { not: input.runId } } : {}),
      },
      _sum: { distanceKm: true },
    });
    const dayIssue = dayLimitIssue(input.date, sameDay._sum.distanceKm ?? 0, input.distanceKm);
    if (dayIssue) throw new ValidationError([dayIssue]);
    let run;
    if (input.runId) {
      const before = await tx.run.findFirst({ where: { id: input.runId, clinicId: actor.clinicId, patientId: input.patientId } });
      if (!before) throw new NotFoundError("run");
      run = await tx.run.update({ where: { id: before.id, clinicId: actor.clinicId }, data });
      await audit(tx, actor, {
        action: "run.update",
        entityType: "Run",
        entityId: run.id,
        patientId: input.patientId,
        detail: {
          before: {
            date: toDateString(before.date),
            distanceKm: before.distanceKm,
            durationSec: before.durationSec,
            surface: before.surface,
          },
          after: { ...input, runId: undefined, patientId: undefined },
        },
      });
    } else {
      const shoe = currentShoeOn(await shoesForDefaults(tx, actor.clinicId, input.patientId), input.date);
      run = await tx.run.create({
        data: { ...data, clinicId: actor.clinicId, patientId: input.patientId, source: "manual", shoeId: shoe?.id ?? null },
      });
      await audit(tx, actor, {
        action: "run.create",
        entityType: "Run",
        entityId: run.id,
        patientId: input.patientId,
        detail: { date: input.date, distanceKm: input.distanceKm },
      });
    }
    await proposeRunsLoggedSince(tx, actor.clinicId, input.patientId);
    return runView(run);
  });
}

export async function deleteRun(actor: Actor, patientId: string, runId: string): Promise<void> {
  if (!isUuid(runId)) throw new NotFoundError("run");
  await transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const run = await tx.run.findFirst({ where: { id: runId, clinicId: actor.clinicId, patientId } });
    if (!run) throw new NotFoundError("run");
    await tx.run.delete({ where: { id: run.id, clinicId: actor.clinicId } });
    await audit(tx, actor, {
      action: "run.delete",
      entityType: "Run",
      entityId: run.id,
      patientId,
      detail: { date: toDateString(run.date), distanceKm: run.distanceKm, durationSec: run.durationSec, surface: run.surface },
    });
    await proposeRunsLoggedSince(tx, actor.clinicId, patientId);
  });
}

export type ImportPreview = { rows: CsvRow[]; error?: string; importable: number };

async function previewIn(
  tx: Parameters<Parameters<typeof transaction>[0]>[0],
  actor: Actor,
  patientId: string,
  csv: string,
): Promise<ImportPreview> {
  const { today } = await clinicClock(tx, actor.clinicId);
  const { rows, error } = parseRunsCsv(csv, today);
  const dates = rows.flatMap((r) => (r.run ? [fromDateString(r.run.date)] : []));
  const existing = dates.length
    ? await tx.run.findMany({
        where: { clinicId: actor.clinicId, patientId, date: { in: dates } },
        select: { date: true, distanceKm: true },
      })
    : [];
  const seen = new Set(existing.map((r) => runKey({ date: toDateString(r.date), distanceKm: r.distanceKm })));
  const dayKm = new Map<string, number>();
  for (const r of existing) dayKm.set(toDateString(r.date), (dayKm.get(toDateString(r.date)) ?? 0) + r.distanceKm);
  for (const row of rows) {
    if (!row.run) continue;
    const key = runKey(row.run);
    if (seen.has(key)) {
      row.duplicate = true;
      row.error = "duplicate: a run with this date and distance is already recorded (or appears earlier in the file)";
      continue;
    }
    const dayIssue = dayLimitIssue(row.run.date, dayKm.get(row.run.date) ?? 0, row.run.distanceKm);
    if (dayIssue) {
      row.error = dayIssue.message;
      continue;
    }
    seen.add(key);
    dayKm.set(row.run.date, (dayKm.get(row.run.date) ?? 0) + row.run.distanceKm);
  }
  return { rows, error, importable: rows.filter((r) => r.run && !r.error).length };
}

/** Shows what an import would do (it compares with the runs on record: audited as a view); saves nothing. */
export async function previewRunImport(actor: Actor, patientId: string, csv: string): Promise<ImportPreview> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const preview = await previewIn(tx, actor, patientId, csv);
    await audit(tx, actor, {
      action: "runs.import_preview",
      entityType: "Run",
      patientId,
      detail: { rows: preview.rows.length, importable: preview.importable },
    });
    return preview;
  });
}

/** Imports the valid, non-duplicate rows in one transaction; bad rows are left out and reported. */
export async function importRuns(actor: Actor, patientId: string, csv: string): Promise<ImportPreview & { imported: number }> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    const preview = await previewIn(tx, actor, patientId, csv);
    if (preview.error) throw new ValidationError([{ path: "csv", message: preview.error }]);
    const good = preview.rows.filter((r) => r.run && !r.error).map((r) => r.run!);
    if (good.length === 0)
      throw new ValidationError([{ path: "csv", message: "Correct the rows: none can be imported, see the reason on each row" }]);
    const shoes = await shoesForDefaults(tx, actor.clinicId, patientId);
    await tx.run.createMany({
      data: good.map((r) => ({
        shoeId: currentShoeOn(shoes, r.date)?.id ?? null,
        clinicId: actor.clinicId,
        patientId,
        date: fromDateString(r.date),
        distanceKm: r.distanceKm,
        durationSec: r.durationSec,
        surface: r.surface,
        source: "csv_import" as const,
      })),
    });
    await audit(tx, actor, {
      action: "run.import",
      entityType: "Run",
      patientId,
      detail: { imported: good.length, skipped: preview.rows.length - good.length },
    });
    await proposeRunsLoggedSince(tx, actor.clinicId, patientId);
    return { ...preview, imported: good.length };
  });
}

/**
 * The run log page: all runs of a patient and the shoe log, the clinic's today
 * and zone, its spike threshold and the log's start, audited ("runs.view") in
 * the transaction that read them.
 */
export async function listRunsAudited(
  actor: Actor,
  patientId: string,
): Promise<{
  runs: RunView[];
  today: string;
  timezone: string;
  spikePct: number;
  shoes: ShoeSummary;
  logStart: RunLogStart;
  birthDate: string;
}> {
  return transaction(async (tx) => {
    const patient = await findPatientOrThrow(tx, actor, patientId);
    const runs = await readRuns(tx, actor, patientId);
    const clock = await clinicClock(tx, actor.clinicId);
    const shoes = await shoeSummaryIn(tx, actor.clinicId, patientId, clock.today);
    await audit(tx, actor, {
      action: "runs.view",
      entityType: "Patient",
      entityId: patientId,
      patientId,
      detail: { runs: runs.length, shoes: shoes.shoes.length },
    });
    const settings = await clinicSettingsIn(tx, actor.clinicId);
    return {
      runs,
      today: clock.today,
      timezone: clock.timezone,
      spikePct: settings.spikePct,
      shoes,
      birthDate: toDateString(patient.birthDate),
      logStart: { runsLoggedSince: toDateString(patient.runsLoggedSince), confirmed: patient.runsLoggedSinceConfirmed },
    };
  });
}
