/**
 * The activity readers against real files: FIT written by Garmin's FIT SDK
 * encoder and by GPSBabel, GPX and TCX written by GPSBabel, a Strava-style
 * export ZIP, a Garmin activities CSV, and broken or hostile files
 * (tests/fixtures/runs/README.md says how each was made).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { readGarminCsv, readStravaCsv } from "@/lib/import/csv-exports";
import { fileKind, gunzipLimited, readActivityFile } from "@/lib/import/files";
import { UnreadableFileError } from "@/lib/import/types";
import { openZipReader } from "@/lib/import/zip";

const dir = path.join(__dirname, "..", "..", "fixtures", "runs");
const fixture = (name: string) => readFileSync(path.join(dir, name));
const read = (name: string) => readActivityFile(name, fixture(name));

describe("FIT (Garmin FIT SDK)", () => {
  it("reads a road run's session: start, distance, timer time, ascent, descent, heart rate, cadence in steps per minute", async () => {
    const { format, activities } = await read("road-run.fit");
    expect(format).toBe("fit");
    expect(activities).toHaveLength(1);
    const run = activities[0]!;
    expect(run).toMatchObject({ sport: "running", running: true, indoor: false, durationSec: 3006, avgHeartRate: 148, avgCadenceSpm: 172 });
    expect(run.startedAt?.toISOString()).toBe("2026-11-02T07:00:00.000Z");
    expect(run.distanceKm).toBeCloseTo(10.02, 2);
    expect(run.elevationGainM).toBeGreaterThan(70);
    expect(run.elevationLossM).toBeGreaterThan(70);
  });

  it("marks a treadmill session (sub-sport treadmill, no positions) as indoor on the treadmill", async () => {
    const run = (await read("treadmill-run.fit")).activities[0]!;
    expect(run).toMatchObject({ running: true, indoor: true, surface: "treadmill", durationSec: 1800 });
    expect(run.distanceKm).toBeCloseTo(6, 2);
  });

  it("reads a ride as not a run", async () => {
    expect((await read("bike-ride.fit")).activities[0]).toMatchObject({ sport: "cycling", running: false });
  });

  it("reads a FIT written by GPSBabel (records without a session) from its records", async () => {
    const run = (await read("gpsbabel-run.fit")).activities[0]!;
    expect(run.running).toBe(true);
    expect(run.startedAt?.toISOString()).toBe("2026-11-08T07:00:00.000Z");
    expect(run.distanceKm).toBeCloseTo(10.02, 1);
    expect(run.durationSec).toBe(3006);
  });

  it("refuses a truncated FIT, one with a damaged byte, a text renamed .fit and an empty file with a reason", async () => {
    await expect(read("truncated-run.fit")).rejects.toThrow(/corrupt or truncated/);
    await expect(read("not-a-fit.fit")).rejects.toThrow(UnreadableFileError);
    await expect(read("empty.gpx")).rejects.toThrow("the file is empty");
    const flipped = Buffer.from(fixture("road-run.fit"));
    flipped[30_000]! ^= 0xff;
    await expect(readActivityFile("flipped.fit", flipped)).rejects.toThrow(
      "the FIT file is corrupt or truncated (its checksum does not match)",
    );
  });
});

describe("GPX and TCX (GPSBabel)", () => {
  it("reads a GPX track: distance from the positions, moving time, elevation, heart rate and cadence from Garmin's extension", async () => {
    const run = (await read("hill-run.gpx")).activities[0]!;
    expect(run.startedAt?.toISOString()).toBe("2026-11-04T07:00:00.000Z");
    expect(run.distanceKm).toBeCloseTo(10.0, 1);
    expect(run.durationSec).toBe(3006);
    expect(run).toMatchObject({ avgHeartRate: 148, avgCadenceSpm: 172, indoor: false, running: true });
    expect(run.elevationGainM).toBeGreaterThan(50);
  });

  it("reads a gzipped GPX", async () => {
    const { format, activities } = await read("recovery-run.gpx.gz");
    expect(format).toBe("gpx");
    expect(activities[0]!.startedAt?.toISOString()).toBe("2026-11-10T07:00:00.000Z");
  });

  it("reads a TCX activity: laps give distance and timer time", async () => {
    const run = (await read("long-run.tcx")).activities[0]!;
    expect(run).toMatchObject({ sport: "Running", running: true, durationSec: 3006, avgHeartRate: 148, avgCadenceSpm: 172 });
    expect(run.distanceKm).toBeCloseTo(10.02, 2);
    expect(run.startedAt?.toISOString()).toBe("2026-11-06T07:00:00.000Z");
  });

  it("refuses XML that is cut off, and a route (a plan) that is no activity", async () => {
    const cut = fixture("hill-run.gpx").subarray(0, 5000);
    await expect(readActivityFile("cut.gpx", cut)).rejects.toThrow(/not well-formed XML/);
    const route = Buffer.from('<?xml version="1.0"?><gpx version="1.1"><rte><rtept lat="51" lon="0"/></rte></gpx>');
    await expect(readActivityFile("plan.gpx", route)).rejects.toThrow(/route \(a plan\)/);
  });

  it("recognises a file by its content when its name says nothing", async () => {
    expect(fileKind("download", fixture("road-run.fit").subarray(0, 512))).toBe("fit");
    expect(fileKind("download", fixture("hill-run.gpx").subarray(0, 512))).toBe("gpx");
    expect(fileKind("download", fixture("strava-export.zip").subarray(0, 512))).toBe("zip");
    expect(fileKind("notes.txt", Buffer.from("hello"))).toBeNull();
  });

  it("stops a gzip bomb at 20 MB of output", async () => {
    const bomb = gzipSync(Buffer.alloc(25 * 1024 * 1024));
    expect(() => gunzipLimited(bomb)).toThrow("larger than 20 MB once decompressed");
  });
});

describe("CSV exports", () => {
  it("reads Garmin Connect's activities CSV: wall-clock start, distance in the account's unit, moving time", async () => {
    const { activities, problems } = readGarminCsv(fixture("garmin-activities.csv").toString(), "km");
    expect(problems).toEqual([]);
    expect(activities).toHaveLength(4);
    expect(activities[0]).toMatchObject({
      line: 2,
      running: true,
      localStart: { date: "2026-11-20", seconds: 7 * 3600 + 5 * 60 + 12 },
      distanceKm: 10.01,
      durationSec: 50 * 60 + 40,
      elevationGainM: 84,
      avgHeartRate: 149,
      avgCadenceSpm: 170,
    });
    expect(activities[1]).toMatchObject({ indoor: true, surface: "treadmill", elevationGainM: null });
    expect(activities[2]).toMatchObject({ sport: "Cycling", running: false });
    expect(activities[3]).toMatchObject({ surface: "trail", distanceKm: 1204, elevationGainM: 1320 });
    expect(readGarminCsv(fixture("garmin-activities.csv").toString(), "mi").activities[0]!.distanceKm).toBeCloseTo(16.11, 2);
  });

  it("reads Strava's activities.csv (metric columns, start in UTC, the activity's file)", async () => {
    const { activities, problems } = readStravaCsv(fixture("strava-activities.csv").toString());
    expect(problems).toEqual([]);
    expect(activities.map((a) => [a.sport, a.running, a.file ?? null])).toEqual([
      ["Run", true, "activities/1001.fit.gz"],
      ["Ride", false, "activities/1002.fit.gz"],
      ["Run", true, "activities/1003.gpx"],
      ["Run", true, null],
      ["Virtual Run", true, "activities/1005.tcx.gz"],
    ]);
    expect(activities[3]).toMatchObject({ distanceKm: 5, durationSec: 1500 });
    expect(activities[3]!.startedAt?.toISOString()).toBe("2026-11-15T08:10:00.000Z");
    expect(activities[1]!.startedAt?.toISOString()).toBe("2026-11-13T17:00:00.000Z");
    expect(activities[4]).toMatchObject({ indoor: true, surface: "treadmill" });
  });
});

describe("ZIP", () => {
  const open = (name: string) =>
    openZipReader(path.join(dir, name), {
      maxFileBytes: 20 * 1024 * 1024,
      maxTotalBytes: 3000 * 1024 * 1024,
      wanted: (p) => /\.(fit|gpx|tcx)(\.gz)?$|activities\.csv$/.test(p),
    });

  it("lists the wanted entries of a Strava export and reads them one at a time", async () => {
    const zip = await open("strava-export.zip");
    try {
      expect(zip.entries.map((e) => e.path).sort()).toEqual([
        "activities.csv",
        "activities/1001.fit.gz",
        "activities/1002.fit.gz",
        "activities/1003.gpx",
        "activities/1005.tcx.gz",
      ]);
      const run = (await readActivityFile("activities/1001.fit.gz", await zip.read("activities/1001.fit.gz"))).activities[0]!;
      expect(run.startedAt?.toISOString()).toBe("2026-11-12T06:45:00.000Z");
    } finally {
      zip.close();
    }
  });

  it("refuses a ZIP whose paths escape its root (zip slip)", async () => {
    await expect(open("zip-slip.zip")).rejects.toThrow(/escapes its folder.*\.\.\/\.\.\/etc\/evil\.fit/);
  });

  it("refuses a decompression bomb", async () => {
    await expect(open("zip-bomb.zip")).rejects.toThrow(/decompression bomb: activities\/huge\.gpx would expand/);
  });

  it("reports a file that is not a ZIP at all as corrupt", async () => {
    await expect(open("not-a-fit.fit")).rejects.toThrow(/corrupt or truncated/);
  });
});
