/**
 * Importing activity files into the run log (lib/import/upload.ts and
 * lib/data/run-import.ts) against a real PostgreSQL, with real files made by
 * Garmin's FIT SDK and GPSBabel (tests/fixtures/runs). The HTTP route, its
 * session gate and 413 are tested in tests/e2e/run-import.test.ts.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPatient } from "@/lib/data/patients";
import { saveRun } from "@/lib/data/runs";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { importUpload, UploadTooLargeError, UPLOAD_LIMITS, type UploadLimits } from "@/lib/import/upload";
import { patientSchema } from "@/lib/validation/patients";
import { closeTestDb, createClinic, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

const dir = path.join(__dirname, "..", "fixtures", "runs");
const bytes = (name: string) => readFileSync(path.join(dir, name));

type UploadFile = { name: string; data: Buffer; field?: string };
function upload(files: (string | UploadFile)[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) {
    const file: UploadFile = typeof f === "string" ? { name: f, data: bytes(f) } : f;
    form.append(file.field ?? "file", new Blob([new Uint8Array(file.data)]), file.name);
  }
  const req = new Request("http://localhost/upload", { method: "POST", body: form });
  return { headers: req.headers, body: req.body };
}

let c: TestClinic;
const newPatient = async () => (await createPatient(c.clinician, patientSchema.parse(patientInput()))).id;
const runsOf = (patientId: string) => testDb().run.findMany({ where: { patientId }, orderBy: { date: "asc" } });

beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

describe("importing activity files", () => {
  it("imports FIT, GPX, TCX and .gz files, skips a ride and broken files by name, and counts a duplicate", async () => {
    const patientId = await newPatient();
    const result = await importUpload(
      c.clinician,
      patientId,
      upload([
        "road-run.fit",
        "hill-run.gpx",
        "long-run.tcx",
        "recovery-run.gpx.gz",
        "treadmill-run.fit",
        "gpsbabel-run.fit",
        "bike-ride.fit",
        "truncated-run.fit",
        "not-a-fit.fit",
        "empty.gpx",
        "road-run-copy.gpx", // the road run again, as GPX: same start
      ]),
    );
    expect(result).toMatchObject({ imported: 6, duplicates: 1, files: 11 });
    expect(result.skipped).toEqual([
      { file: "bike-ride.fit", reason: "cycling: not a run" },
      { file: "truncated-run.fit", reason: "the FIT file is corrupt or truncated (its checksum does not match)" },
      { file: "not-a-fit.fit", reason: "not a FIT file (no FIT header)" },
      { file: "empty.gpx", reason: "the file is empty" },
    ]);
    const runs = await runsOf(patientId);
    expect(runs.map((r) => [r.date.toISOString().slice(0, 10), r.source, r.fileName])).toEqual([
      ["2026-11-02", "fit", "road-run.fit"],
      ["2026-11-04", "gpx", "hill-run.gpx"],
      ["2026-11-04", "fit", "treadmill-run.fit"],
      ["2026-11-06", "tcx", "long-run.tcx"],
      ["2026-11-08", "fit", "gpsbabel-run.fit"],
      ["2026-11-10", "gpx", "recovery-run.gpx.gz"],
    ]);
    const road = runs[0]!;
    expect(road).toMatchObject({
      distanceKm: 10.02,
      durationSec: 3006,
      avgHeartRate: 148,
      avgCadenceSpm: 172,
      indoor: false,
      surface: null,
    });
    expect(road.startedAt?.toISOString()).toBe("2026-11-02T07:00:00.000Z");
    expect(road.elevationGainM).toBeGreaterThan(70);
    expect(road.fileSha256).toBe(createHash("sha256").update(bytes("road-run.fit")).digest("hex"));
    expect(runs[2]).toMatchObject({ indoor: true, surface: "treadmill", distanceKm: 6 });

    // Who imported what for whom: one row per file written, one for the upload.
    const events = await testDb().auditEvent.findMany({ where: { patientId }, orderBy: { id: "asc" } });
    expect(events.filter((e) => e.action === "run.import_file")).toHaveLength(6);
    const summary = events.find((e) => e.action === "run.import_upload");
    expect(summary).toMatchObject({ userId: c.clinician.userId, detail: { files: 11, imported: 6, duplicates: 1, skipped: 4 } });
  });

  it("never writes a second row for a run already on record: the same files again are all duplicates", async () => {
    const patientId = await newPatient();
    await importUpload(c.clinician, patientId, upload(["road-run.fit", "long-run.tcx"]));
    const again = await importUpload(c.clinician, patientId, upload(["road-run.fit", "long-run.tcx"]));
    expect(again).toMatchObject({ imported: 0, duplicates: 2, skipped: [] });
    expect(await runsOf(patientId)).toHaveLength(2);
  });

  it("imports a Strava export: activity files typed by activities.csv, a run without a file from the CSV, the ride skipped", async () => {
    const patientId = await newPatient();
    const result = await importUpload(c.clinician, patientId, upload(["strava-export.zip"]));
    expect(result).toMatchObject({ imported: 4, duplicates: 0, files: 4 });
    expect(result.skipped).toEqual([{ file: "activities/1002.fit.gz", reason: "Ride: not a run" }]);
    const runs = await runsOf(patientId);
    expect(runs.map((r) => [r.date.toISOString().slice(0, 10), r.source, r.fileName, r.distanceKm, r.indoor])).toEqual([
      ["2026-11-12", "strava_zip", "activities/1001.fit.gz", 8, false],
      ["2026-11-14", "strava_zip", "activities/1003.gpx", 10.01, false],
      ["2026-11-15", "strava_zip", "activities.csv", 5, false],
      // Zwift: a virtual run is indoor; the TCX has no distance, Strava's figure stands.
      ["2026-11-16", "strava_zip", "activities/1005.tcx.gz", 6, true],
    ]);
    expect(runs[3]!.surface).toBe("treadmill");
  });

  it("imports a Garmin activities CSV in one go, skipping the ride and an implausible run with the field named", async () => {
    const patientId = await newPatient();
    // Entered by hand on the same day with 0.04 km more: the CSV row is the same run.
    await saveRun(c.clinician, { patientId, date: "2026-11-21", distanceKm: 6.04, durationSec: null, surface: null });
    const result = await importUpload(c.clinician, patientId, upload(["garmin-activities.csv"]));
    expect(result).toMatchObject({ imported: 1, duplicates: 1 });
    expect(result.skipped).toEqual([
      { file: "garmin-activities.csv", reason: "line 4: Cycling: not a run" },
      {
        file: "garmin-activities.csv",
        reason: "line 5: Check the distance: 1204 km is more than the 250 km a person can run in a day",
      },
    ]);
    const [run] = await runsOf(patientId).then((rs) => rs.filter((r) => r.source === "garmin_csv"));
    expect(run).toMatchObject({ distanceKm: 10.01, durationSec: 3040, elevationGainM: 84, elevationLossM: 86, avgHeartRate: 149 });
    // The runner's wall clock, in the clinic's zone (UTC here).
    expect(run!.startedAt?.toISOString()).toBe("2026-11-20T07:05:12.000Z");
  });

  it("refuses a zip slip and a decompression bomb by name while the rest of the upload imports", async () => {
    const patientId = await newPatient();
    const result = await importUpload(c.clinician, patientId, upload(["zip-slip.zip", "zip-bomb.zip", "road-run.fit"]));
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([
      { file: "zip-slip.zip", reason: expect.stringMatching(/^the ZIP is refused: a path inside it escapes its folder/) },
      { file: "zip-bomb.zip", reason: expect.stringMatching(/^the ZIP is refused as a decompression bomb/) },
    ]);
    expect(await runsOf(patientId)).toHaveLength(1);
  });

  it("skips a file over the per-file limit by name and stops at the upload limit with what came before kept", async () => {
    const patientId = await newPatient();
    const small: UploadLimits = { maxFileBytes: 50 * 1024, maxUploadBytes: UPLOAD_LIMITS.maxUploadBytes };
    const result = await importUpload(c.clinician, patientId, upload(["road-run.fit", "treadmill-run.fit"]), small);
    expect(result.skipped).toEqual([{ file: "road-run.fit", reason: "larger than 50 kB (the limit for one file)" }]);
    expect(result.imported).toBe(1);

    const other = await newPatient();
    const tiny: UploadLimits = { maxFileBytes: UPLOAD_LIMITS.maxFileBytes, maxUploadBytes: 120 * 1024 };
    const error = await importUpload(c.clinician, other, upload(["treadmill-run.fit", "road-run.fit", "long-run.tcx"]), tiny).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error.message).toBe("the upload is larger than 120 kB: send the files in smaller batches");
    // Whole files only: a run stored came from a file read to its end before the limit (the one cut off never is).
    const stored = await runsOf(other);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toHaveLength(error.partial.imported);
    for (const r of stored) expect(["treadmill-run.fit", "road-run.fit"]).toContain(r.fileName);
    expect(stored.map((r) => r.fileName)).not.toContain("long-run.tcx");
  });

  it("refuses another clinic's runner before reading the upload, and a body that is not multipart", async () => {
    const other = await createClinic();
    const theirs = (await createPatient(other.clinician, patientSchema.parse(patientInput()))).id;
    await expect(importUpload(c.clinician, theirs, upload(["road-run.fit"]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(importUpload(c.clinician, "not-a-uuid", upload(["road-run.fit"]))).rejects.toBeInstanceOf(NotFoundError);
    expect(await testDb().run.count({ where: { patientId: theirs } })).toBe(0);
    const patientId = await newPatient();
    const json = new Request("http://localhost/", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    const error = await importUpload(c.clinician, patientId, { headers: json.headers, body: json.body }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe("file");
    const none = await importUpload(c.clinician, patientId, upload([], { distanceUnit: "km" })).catch((e) => e);
    expect(none).toBeInstanceOf(ValidationError);
    expect(none.issues[0].message).toMatch(/the upload has none/);
  });

  it("holds manual entry to the same day limit as imports, naming the distance", async () => {
    const patientId = await newPatient();
    await saveRun(c.clinician, { patientId, date: "2026-11-02", distanceKm: 200, durationSec: 30 * 3600, surface: null });
    const error = await saveRun(c.clinician, { patientId, date: "2026-11-02", distanceKm: 60, durationSec: null, surface: null }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      {
        path: "distance",
        message:
          "Check the distance: the runs of 2 Nov 2026 would add up to 260 km (200 km already recorded), more than the 250 km a person can run in a day",
      },
    ]);
    expect(await runsOf(patientId)).toHaveLength(1);
  });
});
