import Papa from "papaparse";
import { z } from "zod";
import { formatDate, formatPace, latestToday } from "@/lib/format";
import { chooseOne, enterPositiveNumber, notInFuture, orList } from "@/lib/validation/messages";

import { isoDate, uuid, type Loose } from "@/lib/validation/common";
import { RUN_LIMITS } from "@/lib/domain/runs";

/**
 * Runs: one schema for the add/edit form and the CSV importer. Distances are
 * stored in km (rounded to 10 m); miles are converted (1 mi = 1.609344 km).
 */
export const SURFACES = ["road", "track", "treadmill", "trail"] as const;
export const KM_PER_MILE = 1.609344;

/** The plausibility limits of any run are defined once, in lib/domain/runs.ts. */
export { RUN_LIMITS };

export type RunLimitIssue = { path: "distance" | "duration"; message: string };

/** Defined in lib/format (no zod there: charts format paces in the browser). */
export { formatPace };

const kmText = (km: number) => `${Math.round(km * 100) / 100} km`;

/** The limits one run breaks on its own (distance, duration, pace); empty when plausible. */
export function runLimitIssues(run: { distanceKm: number; durationSec: number | null | undefined }): RunLimitIssue[] {
  const issues: RunLimitIssue[] = [];
  const { distanceKm: km, durationSec: sec } = run;
  if (km > RUN_LIMITS.maxKmPerDay)
    issues.push({
      path: "distance",
      message: `Check the distance: ${kmText(km)} is more than the ${RUN_LIMITS.maxKmPerDay} km a person can run in a day`,
    });
  if (sec != null && sec > RUN_LIMITS.maxDurationSec)
    issues.push({
      path: "duration",
      message: `Check the duration: ${formatClock(sec)} is longer than ${RUN_LIMITS.maxDurationSec / 3600} hours`,
    });
  if (sec != null && sec > 0 && km > RUN_LIMITS.paceLimitOverKm && sec / km < RUN_LIMITS.fastestPaceSecPerKm)
    issues.push({
      path: "duration",
      message: `Check the distance and the duration: a pace of ${formatPace(sec / km)} min/km over ${kmText(km)} is faster than ${formatPace(RUN_LIMITS.fastestPaceSecPerKm)} min/km, beyond human limits`,
    });
  return issues;
}

/** The day-total limit: `otherKm` is what is already recorded (or imported) on that day. */
export function dayLimitIssue(date: string, otherKm: number, km: number): RunLimitIssue | null {
  if (otherKm + km <= RUN_LIMITS.maxKmPerDay) return null;
  return {
    path: "distance",
    message: `Check the distance: the runs of ${formatDate(date)} would add up to ${kmText(otherKm + km)} (${kmText(otherKm)} already recorded), more than the ${RUN_LIMITS.maxKmPerDay} km a person can run in a day`,
  };
}

const DISTANCE = enterPositiveNumber("distance");

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** "1:02:03" from seconds. */
export function formatClock(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = Math.round(sec % 60);
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const num = (s: string) => Number(s.replace(",", "."));
const DURATION_FORMS: [RegExp, (m: RegExpExecArray) => number][] = [
  // plain minutes: "45", "45.5"
  [new RegExp(`^${NUM}$`), (m) => num(m[1]!) * 60],
  // with a unit: "62 min", "62m", "90 s", "1.5 h"
  [new RegExp(`^${NUM}\\s*(?:m|min|mins|minutes?)$`, "i"), (m) => num(m[1]!) * 60],
  [new RegExp(`^${NUM}\\s*(?:s|sec|secs|seconds?)$`, "i"), (m) => num(m[1]!)],
  [new RegExp(`^${NUM}\\s*(?:h|hr|hrs|hours?)$`, "i"), (m) => num(m[1]!) * 3600],
  // hours and minutes (and seconds): "1h02", "1 h 2 min", "1h02m30s"
  [/^(\d+)\s*(?:h|hr|hrs|hours?)\s*([0-5]?\d)\s*(?:m|min|mins|minutes?)?$/i, (m) => Number(m[1]) * 3600 + Number(m[2]) * 60],
  [
    /^(\d+)\s*(?:h|hr|hrs|hours?)\s*([0-5]?\d)\s*(?:m|min|mins|minutes?)\s*([0-5]?\d)\s*(?:s|sec|secs|seconds?)?$/i,
    (m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]),
  ],
  // minutes and seconds: "45m30s", "45 min 30 s"
  [/^(\d+)\s*(?:m|min|mins|minutes?)\s*([0-5]?\d)\s*(?:s|sec|secs|seconds?)?$/i, (m) => Number(m[1]) * 60 + Number(m[2])],
  // clock: "1:02:03" is h:mm:ss; "62:00" and "45:30" are minutes:seconds, whatever the minutes
  [/^(\d+):([0-5]\d):([0-5]\d)(?:[.,]\d+)?$/, (m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])],
  [/^(\d+):([0-5]\d)(?:[.,]\d+)?$/, (m) => Number(m[1]) * 60 + Number(m[2])],
];

/**
 * A duration as people write it, in seconds: "1:02:03" (h:mm:ss), "62:00" or
 * "45:30" (minutes:seconds; a bare "62:00" is 62 minutes, never 62 hours),
 * plain minutes "45", "62 min", "1h02", "1 h 2 min", "45m30s", "90 s".
 * Null when it is none of these.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  for (const [re, seconds] of DURATION_FORMS) {
    const m = re.exec(t);
    if (m) return Math.round(seconds(m));
  }
  return null;
}

export const DURATION_HINT = 'h:mm:ss, minutes:seconds, minutes, "62 min" or "1h02"';

export const roundKm = (km: number) => Math.round(km * 100) / 100;

export const runFormSchema = z
  .object({
    patientId: uuid,
    runId: z.preprocess(blank, uuid.optional()),
    date: isoDate,
    distance: z.preprocess(blank, z.coerce.number({ error: DISTANCE }).gt(0, DISTANCE)),
    unit: z.enum(["km", "mi"], { error: chooseOne("unit", ["km", "mi"]) }),
    duration: z.preprocess(
      blank,
      z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined) return undefined;
          const s = parseDuration(v);
          if (s === null || s <= 0) {
            ctx.addIssue({ code: "custom", message: `Enter the duration as ${DURATION_HINT}` });
            return z.NEVER;
          }
          return s;
        }),
    ),
    surface: z.preprocess(blank, z.enum(SURFACES, { error: chooseOne("surface", SURFACES) }).optional()),
  })
  .transform((r, ctx) => {
    const distanceKm = roundKm(r.unit === "mi" ? r.distance * KM_PER_MILE : r.distance);
    for (const issue of runLimitIssues({ distanceKm, durationSec: r.duration ?? null }))
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    if (r.date > latestToday()) ctx.addIssue({ code: "custom", path: ["date"], message: notInFuture("run date") });
    return {
      patientId: r.patientId,
      runId: r.runId,
      date: r.date,
      distanceKm,
      durationSec: r.duration ?? null,
      surface: r.surface ?? null,
    };
  });

export type RunInput = Loose<z.output<typeof runFormSchema>>;

/**
 * "Run log complete from" (the run log page): a date, or empty to go back to
 * the proposal (the earliest run).
 */
export const runsLoggedSinceSchema = z
  .object({
    patientId: uuid,
    runsLoggedSince: z.preprocess(blank, isoDate.optional()),
  })
  .transform((r, ctx) => {
    if (r.runsLoggedSince && r.runsLoggedSince > latestToday())
      ctx.addIssue({ code: "custom", path: ["runsLoggedSince"], message: notInFuture("date the run log is complete from") });
    return { patientId: r.patientId, runsLoggedSince: r.runsLoggedSince ?? null };
  });

export type ParsedRun = { date: string; distanceKm: number; durationSec: number | null; surface: (typeof SURFACES)[number] | null };
export type CsvRow = { line: number; raw: string; run?: ParsedRun; error?: string; duplicate?: boolean };

const HEADER_ALIASES: Record<string, "date" | "distance" | "distance_km" | "distance_mi" | "duration" | "surface"> = {
  date: "date",
  day: "date",
  distance: "distance",
  dist: "distance",
  distance_km: "distance_km",
  km: "distance_km",
  distance_mi: "distance_mi",
  miles: "distance_mi",
  mi: "distance_mi",
  duration: "duration",
  time: "duration",
  surface: "surface",
};

/**
 * Parses pasted or uploaded CSV text into rows, each either a run or the
 * reason it cannot be imported. A header row is required: date, distance
 * (values with a unit, "10 km" / "6.2 mi", or a distance_km / distance_mi
 * column), optional duration and surface. Nothing is saved here.
 */
export function parseRunsCsv(text: string, today: string): { rows: CsvRow[]; error?: string } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, "").trim(), { skipEmptyLines: "greedy" });
  const data = parsed.data;
  if (data.length === 0) return { rows: [], error: "Paste or upload a CSV with runs in it" };
  if (data.length > 5001) return { rows: [], error: "Split the CSV: at most 5000 runs can be imported at once" };
  const header = (data[0] ?? []).map(
    (h) =>
      HEADER_ALIASES[
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_")
      ],
  );
  const col = (name: string) => header.indexOf(name as never);
  const dateCol = col("date");
  const distCols = { any: col("distance"), km: col("distance_km"), mi: col("distance_mi") };
  if (dateCol < 0 || (distCols.any < 0 && distCols.km < 0 && distCols.mi < 0)) {
    return {
      rows: [],
      error: 'Name the columns in the first row, e.g. "date,distance,duration,surface" (distance values like "10 km" or "6.2 mi")',
    };
  }
  const durationCol = col("duration");
  const surfaceCol = col("surface");
  const rows: CsvRow[] = [];
  data.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const raw = cells.join(",");
    const cell = (c: number) => (c >= 0 ? (cells[c] ?? "").trim() : "");
    const fail = (error: string) => rows.push({ line, raw, error });
    const date = cell(dateCol);
    if (!isoDate.safeParse(date).success) return fail(`Check the date "${date}": write a real date as year-month-day`);
    if (date > today) return fail(`Check the date: ${formatDate(date)} is in the future`);
    let km: number;
    if (distCols.km >= 0 || distCols.mi >= 0) {
      const useKm = distCols.km >= 0;
      const v = cell(useKm ? distCols.km : distCols.mi);
      if (!/^\d+(\.\d+)?$/.test(v)) return fail(`Check the distance "${v}": write a number`);
      km = useKm ? Number(v) : Number(v) * KM_PER_MILE;
    } else {
      const v = cell(distCols.any);
      const m = /^(\d+(?:\.\d+)?)\s*(km|k|mi|mile|miles)$/i.exec(v);
      if (!m) return fail(`Check the distance "${v}": write a number and a unit, like "10 km" or "6.2 mi"`);
      km = /^k/i.test(m[2]!) ? Number(m[1]) : Number(m[1]) * KM_PER_MILE;
    }
    km = roundKm(km);
    if (km <= 0) return fail(DISTANCE);
    let durationSec: number | null = null;
    const d = cell(durationCol);
    if (d) {
      durationSec = parseDuration(d);
      if (durationSec === null || durationSec <= 0) return fail(`Check the duration "${d}": write it as ${DURATION_HINT}`);
    }
    const limit = runLimitIssues({ distanceKm: km, durationSec })[0];
    if (limit) return fail(limit.message);
    let surface: ParsedRun["surface"] = null;
    const s = cell(surfaceCol).toLowerCase();
    if (s) {
      if (!(SURFACES as readonly string[]).includes(s)) return fail(`Check the surface "${s}": write ${orList(SURFACES)}`);
      surface = s as ParsedRun["surface"];
    }
    rows.push({ line, raw, run: { date, distanceKm: km, durationSec, surface } });
  });
  return { rows };
}

export const runKey = (r: { date: string; distanceKm: number }) => `${r.date}|${roundKm(r.distanceKm).toFixed(2)}`;

export const csvImportSchema = z.object({
  patientId: uuid,
  csv: z
    .string({ error: "Paste or upload the CSV" })
    .min(1, "Paste or upload the CSV")
    .max(1_000_000, "Split the CSV: at most 1 MB can be imported at once"),
  confirm: z.preprocess(blank, z.enum(["yes"]).optional()),
});
