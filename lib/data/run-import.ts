import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { clinicClock, type ClinicClock } from "@/lib/data/clinic";
import { findPatientOrThrow } from "@/lib/data/patients";
import { proposeRunsLoggedSince } from "@/lib/data/run-log";
import { DUPLICATE_DISTANCE_KM, DUPLICATE_START_WINDOW_MS } from "@/lib/domain/runs";
import { currentShoeOn, shoesForDefaults } from "@/lib/data/shoes";
import { fromDateString, toDateString, transaction } from "@/lib/data/tx";
import { addDays, formatDate } from "@/lib/format";
import { dayLimitIssue, roundKm, runLimitIssues, SURFACES } from "@/lib/validation/runs";

/**
 * Writes the runs read from imported files (lib/import). Each file is one
 * transaction: its runs and its audit row go in together or not at all. A run
 * already on record is a duplicate and never a second row:
 *
 * - both have a start time and they start within 2 minutes of each other, or
 * - one of them has no start time (entered by hand or from a CSV) and they are
 *   on the same day with distances within 0.1 km.
 *
 * Runs beyond the plausibility limits (lib/validation/runs.ts) are skipped
 * with the reason. Files of one runner are imported one after another (an
 * advisory lock per runner), so two uploads of the same file cannot both pass
 * the duplicate check.
 */

export type ImportSourceName = "fit" | "gpx" | "tcx" | "strava_zip" | "garmin_csv" | "csv_import";

export type CandidateRun = {
  /** Which activity of the file, for the reason of a skipped run ("activity 2 (cycling)"); null for the only one. */
  label: string | null;
  date: string;
  startedAt: Date | null;
  distanceKm: number;
  durationSec: number | null;
  surface: (typeof SURFACES)[number] | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  indoor: boolean;
};

export type Skipped = { file: string; reason: string };
export type ImportCounts = { imported: number; duplicates: number; skipped: Skipped[] };

/** Checks the runner before any byte of the upload is read; the clinic's clock for the dates. */
export async function beginRunImport(actor: Actor, patientId: string): Promise<ClinicClock> {
  return transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    return clinicClock(tx, actor.clinicId);
  });
}

type Existing = { date: string; startedAt: number | null; distanceKm: number };

export function isDuplicate(run: { date: string; startedAt: Date | null; distanceKm: number }, existing: readonly Existing[]): boolean {
  const start = run.startedAt?.getTime() ?? null;
  return existing.some((e) =>
    start !== null && e.startedAt !== null
      ? Math.abs(e.startedAt - start) <= DUPLICATE_START_WINDOW_MS
      : e.date === run.date && Math.abs(e.distanceKm - run.distanceKm) <= DUPLICATE_DISTANCE_KM + 1e-9,
  );
}

// eslint-disable-next-line max-lines-per-function -- imported runs saved in one transaction with their duplicates and limits
export async function saveImportedRuns(
  actor: Actor,
  patientId: string,
  clock: ClinicClock,
  file: { name: string; sha256: string; source: ImportSourceName },
  candidates: readonly CandidateRun[],
): Promise<ImportCounts> {
  const result: ImportCounts = { imported: 0, duplicates: 0, skipped: [] };
  const skip = (run: CandidateRun, reason: string) =>
    result.skipped.push({ file: file.name, reason: run.label ? `${run.label}: ${reason}` : reason });
  const dated = candidates.filter((r) => {
    if (r.date > clock.today) return (skip(r, `the run on ${formatDate(r.date)} is in the future`), false);
    if (!(r.distanceKm > 0)) return (skip(r, "no distance recorded"), false);
    const limit = runLimitIssues(r)[0];
    if (limit) return (skip(r, limit.message), false);
    return true;
  });
  if (dated.length === 0) return result;
  const dates = dated.map((r) => r.date).sort();
  await transaction(async (tx) => {
    await findPatientOrThrow(tx, actor, patientId);
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${patientId}))`;
    const rows = await tx.run.findMany({
      where: {
        clinicId: actor.clinicId,
        patientId,
        date: { gte: fromDateString(addDays(dates[0] as string, -1)), lte: fromDateString(addDays(dates[dates.length - 1] as string, 1)) },
      },
      select: { date: true, startedAt: true, distanceKm: true },
    });
    const existing: Existing[] = rows.map((r) => ({
      date: toDateString(r.date),
      startedAt: r.startedAt?.getTime() ?? null,
      distanceKm: r.distanceKm,
    }));
    const shoes = await shoesForDefaults(tx, actor.clinicId, patientId);
    const accepted: (CandidateRun & { distanceKm: number })[] = [];
    for (const run of dated) {
      const distanceKm = roundKm(run.distanceKm);
      if (isDuplicate({ ...run, distanceKm }, existing)) {
        result.duplicates++;
        continue;
      }
      const dayKm = existing.filter((e) => e.date === run.date).reduce((s, e) => s + e.distanceKm, 0);
      const dayIssue = dayLimitIssue(run.date, dayKm, distanceKm);
      if (dayIssue) {
        skip(run, dayIssue.message);
        continue;
      }
      existing.push({ date: run.date, startedAt: run.startedAt?.getTime() ?? null, distanceKm });
      accepted.push({ ...run, distanceKm });
    }
    if (accepted.length === 0) return;
    await tx.run.createMany({
      data: accepted.map((r) => ({
        clinicId: actor.clinicId,
        patientId,
        date: fromDateString(r.date),
        distanceKm: r.distanceKm,
        durationSec: r.durationSec,
        surface: r.indoor ? "treadmill" : r.surface,
        source: file.source,
        startedAt: r.startedAt,
        elevationGainM: r.elevationGainM,
        elevationLossM: r.elevationLossM,
        avgCadenceSpm: r.avgCadenceSpm,
        avgHeartRate: r.avgHeartRate,
        indoor: r.indoor,
        fileName: file.name,
        fileSha256: file.sha256,
        shoeId: currentShoeOn(shoes, r.date)?.id ?? null,
      })),
    });
    result.imported = accepted.length;
    // The first import proposes the day the run log is complete from (unless a clinician set it).
    await proposeRunsLoggedSince(tx, actor.clinicId, patientId);
    await audit(tx, actor, {
      action: "run.import_file",
      entityType: "Run",
      patientId,
      detail: { file: file.name, sha256: file.sha256, source: file.source, imported: accepted.length, duplicates: result.duplicates },
    });
  });
  return result;
}

/** One audit row per upload: who imported what for whom, with the counts (also when nothing was imported). */
export async function recordRunImport(actor: Actor, patientId: string, files: number, counts: ImportCounts): Promise<void> {
  await transaction(async (tx) => {
    await audit(tx, actor, {
      action: "run.import_upload",
      entityType: "Patient",
      entityId: patientId,
      patientId,
      detail: { files, imported: counts.imported, duplicates: counts.duplicates, skipped: counts.skipped.length },
    });
  });
}
