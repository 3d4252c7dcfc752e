import Papa from "papaparse";
import { KM_PER_MILE, parseDuration } from "@/lib/validation/runs";
import { runningKind, UnreadableFileError, type ActivitySummary } from "./types";

/**
 * The activity lists that Garmin Connect ("Activities" → Export CSV) and
 * Strava (activities.csv of the bulk export) write. One row per activity:
 * sport, start, distance, time, ascent, heart rate, cadence; no track.
 */
export type CsvKind = "garmin" | "strava" | "app";

export type CsvActivity = ActivitySummary & {
  /** The row's line in the file (1 is the header). */
  line: number;
  /** Strava: the activity file of this row in the export (e.g. "activities/123.fit.gz"), if any. */
  file?: string;
  /** The start as written, when it is a wall-clock time of the runner (Garmin). */
  localStart?: { date: string; seconds: number };
};

export type CsvRowProblem = { line: number; reason: string };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function rows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return parsed.data;
}

export function csvKind(header: readonly string[]): CsvKind | null {
  const h = new Set(header.map((c) => c.trim().toLowerCase()));
  if (h.has("activity id") && h.has("activity date") && h.has("activity type")) return "strava";
  if (h.has("activity type") && h.has("date") && h.has("distance")) return "garmin";
  if (h.has("date") || h.has("day")) return "app";
  return null;
}

/** The first line of a CSV text, split into cells. */
export function csvHeader(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return Papa.parse<string[]>(firstLine).data[0] ?? [];
}

const number = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const t = v.trim().replace(/,/g, "");
  if (t === "" || t === "--" || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
};

/**
 * Garmin Connect's activities CSV. Distances are in the account's unit
 * (`unit`, km unless the runner's Garmin account uses miles); "Date" is the
 * runner's wall-clock time; "Time" or "Moving Time" is h:mm:ss.
 */
export function readGarminCsv(text: string, unit: "km" | "mi"): { activities: CsvActivity[]; problems: CsvRowProblem[] } {
  const data = rows(text);
  const header = (data[0] ?? []).map((c) => c.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const c = {
    type: col("activity type"),
    date: col("date"),
    distance: col("distance"),
    time: col("moving time") >= 0 ? col("moving time") : col("time"),
    ascent: col("total ascent"),
    descent: col("total descent"),
    hr: col("avg hr"),
    cadence: col("avg run cadence"),
  };
  if (c.type < 0 || c.date < 0 || c.distance < 0)
    throw new UnreadableFileError('not a Garmin activities CSV (no "Activity Type", "Date" and "Distance" columns)');
  const activities: CsvActivity[] = [];
  const problems: CsvRowProblem[] = [];
  data.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (k: number) => (k >= 0 ? (cells[k] ?? "").trim() : "");
    const sport = cell(c.type) || null;
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(cell(c.date));
    if (!m) return problems.push({ line, reason: `date "${cell(c.date)}" is not a date and time like 2026-11-02 07:15:00` });
    const dist = number(cell(c.distance));
    if (dist === null) return problems.push({ line, reason: `distance "${cell(c.distance)}" is not a number` });
    const time = cell(c.time);
    const durationSec = time && time !== "--" ? parseDuration(time) : null;
    const kind = runningKind(sport);
    activities.push({
      line,
      sport,
      ...kind,
      startedAt: null,
      localStart: { date: m[1] as string, seconds: Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0) },
      distanceKm: unit === "mi" ? dist * KM_PER_MILE : dist,
      durationSec,
      elevationGainM: number(cell(c.ascent)),
      elevationLossM: number(cell(c.descent)),
      avgHeartRate: number(cell(c.hr)),
      avgCadenceSpm: number(cell(c.cadence)),
    });
  });
  return { activities, problems };
}

/** "Nov 2, 2026, 7:00:00 AM" (Strava writes UTC). */
function stravaDate(text: string): Date | null {
  const m = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?$/i.exec(text.trim());
  if (!m) {
    const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?Z?$/.test(text.trim())
      ? new Date(text.trim().replace(" ", "T").replace(/Z?$/, "Z"))
      : null;
    return iso && !Number.isNaN(iso.getTime()) ? iso : null;
  }
  const month = MONTHS[(m[1] as string).toLowerCase()];
  if (!month) return null;
  let hour = Number(m[4]) % 12;
  if (!m[7]) hour = Number(m[4]);
  else if ((m[7] as string).toUpperCase() === "PM") hour += 12;
  return new Date(Date.UTC(Number(m[3]), month - 1, Number(m[2]), hour, Number(m[5]), Number(m[6])));
}

/**
 * Strava's activities.csv. Columns appear twice in newer exports (the first
 * "Distance" in the athlete's unit, the second in metres; the first "Elapsed
 * Time" and the later "Moving Time" in seconds): the metric ones are used.
 */
export function readStravaCsv(text: string): { activities: CsvActivity[]; problems: CsvRowProblem[] } {
  const data = rows(text);
  const header = (data[0] ?? []).map((c) => c.trim().toLowerCase());
  const first = (name: string) => header.indexOf(name);
  const last = (name: string) => header.lastIndexOf(name);
  const c = {
    date: first("activity date"),
    type: first("activity type"),
    distanceFirst: first("distance"),
    distanceMetres: last("distance") !== first("distance") ? last("distance") : -1,
    moving: first("moving time"),
    elapsed: first("elapsed time"),
    gain: first("elevation gain"),
    loss: first("elevation loss"),
    hr: first("average heart rate"),
    cadence: first("average cadence"),
    file: first("filename"),
  };
  if (c.date < 0 || c.type < 0)
    throw new UnreadableFileError('not a Strava activities.csv (no "Activity Date" and "Activity Type" columns)');
  const activities: CsvActivity[] = [];
  const problems: CsvRowProblem[] = [];
  data.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (k: number) => (k >= 0 ? (cells[k] ?? "").trim() : "");
    const startedAt = stravaDate(cell(c.date));
    if (!startedAt)
      return problems.push({
        line,
        reason: `activity date "${cell(c.date)}" is not a date Strava writes (e.g. "Nov 2, 2026, 7:00:00 AM")`,
      });
    const metres = number(cell(c.distanceMetres));
    const km = metres !== null ? metres / 1000 : number(cell(c.distanceFirst));
    if (km === null) return problems.push({ line, reason: `distance "${cell(c.distanceFirst)}" is not a number` });
    const sport = cell(c.type) || null;
    const kind = runningKind(sport);
    const seconds = number(cell(c.moving)) ?? number(cell(c.elapsed));
    const cadence = number(cell(c.cadence));
    activities.push({
      line,
      sport,
      ...kind,
      startedAt,
      distanceKm: km,
      durationSec: seconds !== null ? Math.round(seconds) : null,
      elevationGainM: number(cell(c.gain)),
      elevationLossM: number(cell(c.loss)),
      avgHeartRate: number(cell(c.hr)) !== null ? Math.round(number(cell(c.hr)) as number) : null,
      // Strava's "Average Cadence" of a run is per foot.
      avgCadenceSpm: cadence !== null ? Math.round(cadence * 2) : null,
      ...(cell(c.file) ? { file: cell(c.file) } : {}),
    });
  });
  return { activities, problems };
}
