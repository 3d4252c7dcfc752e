/**
 * `npm run bench:import`: imports 1,000 FIT activity files (about 100 MB,
 * written once with Garmin's FIT SDK encoder into .data/bench-import) for one
 * runner in one multipart upload, through the same code as
 * POST /api/v1/patients/{id}/runs/import (busboy streaming, one file in
 * memory at a time, one transaction per file), then the same files as a
 * Strava-style export ZIP for a second runner. Prints the time, the runs
 * imported and the peak memory (resident set and V8 heap) of each.
 *
 * Runs against a fresh, migrated database made like the integration tests'
 * (PostgreSQL at TEST_DATABASE_ADMIN_URL, default the local server; else an
 * embedded PGlite) and drops it afterwards.
 *
 * Environment: BENCH_IMPORT_FILES (default 1000), BENCH_IMPORT_SECONDS
 * (length of each run in seconds, default 4800: about 100 kB a file).
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import { createWriteStream, existsSync, mkdirSync, openAsBlob, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import yazl from "yazl";
import { encodeFitRun } from "../../tests/fixtures/runs/make-fit";
import { createTestDatabase } from "../../tests/helpers/db";
import { applyMigrations } from "../db/offline/migrate";

const FILES = Number(process.env.BENCH_IMPORT_FILES ?? 1000);
const SECONDS = Number(process.env.BENCH_IMPORT_SECONDS ?? 4800);
const DIR = path.resolve(__dirname, "..", "..", ".data", "bench-import", `${FILES}x${SECONDS}`);

function makeFiles(): string[] {
  mkdirSync(DIR, { recursive: true });
  const names = Array.from({ length: FILES }, (_, i) => `run-${String(i + 1).padStart(4, "0")}.fit`);
  if (names.every((n) => existsSync(path.join(DIR, n)))) return names.map((n) => path.join(DIR, n));
  const t0 = performance.now();
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  names.forEach((n, i) => {
    const start = new Date(today - (FILES - i) * 86_400_000 + 7 * 3600_000);
    const bytes = encodeFitRun({
      start,
      seconds: SECONDS,
      speed: 2.6 + (i % 7) * 0.1,
      hillM: 5 + (i % 5) * 3,
      heartRate: 140 + (i % 10),
      cadence: 84 + (i % 4),
    });
    writeFileSync(path.join(DIR, n), bytes);
  });
  console.log(`wrote ${FILES} FIT files to ${DIR} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return names.map((n) => path.join(DIR, n));
}

async function makeZip(files: string[]): Promise<string> {
  const zipPath = path.join(DIR, "strava-export.zip");
  if (existsSync(zipPath)) return zipPath;
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addFile(f, `activities/${path.basename(f)}`);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(zipPath)).on("close", resolve).on("error", reject));
  return zipPath;
}

/** Samples the resident set and heap every 25 ms while `fn` runs. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, peakRssMb: peakRss / 1024 / 1024, peakHeapMb: peakHeap / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const files = makeFiles();
  const totalMb = files.reduce((s, f) => s + statSync(f).size, 0) / 1024 / 1024;
  const zipPath = await makeZip(files);
  const database = await createTestDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  try {
    const { createClinic, closeTestDb, patientInput, testDb } = await import("../../tests/helpers/fixtures");
    const { importUpload } = await import("../../lib/import/upload");
    const clinic = await createClinic("Bench import clinic");
    const patient = async () =>
      (await testDb().patient.create({ data: { ...patientInput(), birthDate: new Date("1985-01-01"), clinicId: clinic.clinicId } })).id;

    const upload = async (paths: string[]) => {
      const form = new FormData();
      for (const p of paths) form.append("file", await openAsBlob(p), path.basename(p));
      const req = new Request("http://localhost/import", { method: "POST", body: form });
      return { headers: req.headers, body: req.body };
    };

    const rows: string[] = [];
    const runOne = async (label: string, paths: string[], mb: number) => {
      const patientId = await patient();
      const r = await measure(async () => importUpload(clinic.clinician, patientId, await upload(paths)));
      const line = `| ${label} | ${mb.toFixed(1)} MB | ${r.value.imported} | ${r.value.duplicates} | ${r.value.skipped.length} | ${r.seconds.toFixed(1)} s | ${(r.value.imported / r.seconds).toFixed(0)} | ${r.peakRssMb.toFixed(0)} MB | ${r.peakHeapMb.toFixed(0)} MB |`;
      console.log(line);
      rows.push(line);
    };
    const baseline = process.memoryUsage();
    console.log(`\nbench:import on ${os.cpus().length} cores, Node ${process.version}, ${database.label}`);
    console.log(
      `resident set before: ${(baseline.rss / 1024 / 1024).toFixed(0)} MB, heap ${(baseline.heapUsed / 1024 / 1024).toFixed(0)} MB\n`,
    );
    console.log("| upload | size | runs imported | duplicates | skipped | time | runs/s | peak resident set | peak heap |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    await runOne(`${FILES} FIT files, one multipart upload`, files, totalMb);
    await runOne(`the same ${FILES} files in one ZIP`, [zipPath], statSync(zipPath).size / 1024 / 1024);
    await closeTestDb();
    await (await import("../../lib/db")).db().$disconnect();
  } finally {
    await database.drop();
  }
  // Files in the folder, for the record.
  console.log(`\n${readdirSync(DIR).length} files in ${DIR}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
