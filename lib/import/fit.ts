import FitParser from "fit-file-parser";
import { TrackSummary } from "./track";
import { UnreadableFileError, runningKind, type ActivitySummary } from "./types";

/**
 * FIT activity files (Garmin, Coros, Suunto, Wahoo, Polar, Zwift, Strava's
 * originals) read with fit-file-parser, an established FIT decoder that
 * checks the file's CRC (a corrupt or truncated file is refused). It decodes
 * about four times faster than Garmin's JavaScript SDK, which the tests use
 * to write their FIT files (docs/benchmarks.md). Each session is one
 * activity: sport, start, timer time, distance, ascent and descent, mean
 * heart rate and cadence come from the session message when the device
 * wrote them, else from the records. A file without sessions (GPSBabel's,
 * or a device that wrote only records) is one activity made from its records.
 */
type FitSession = {
  sport?: string | number;
  sub_sport?: string | number;
  start_time?: Date;
  timestamp?: Date;
  total_timer_time?: number;
  total_moving_time?: number;
  total_distance?: number;
  total_ascent?: number;
  total_descent?: number;
  avg_heart_rate?: number;
  avg_running_cadence?: number;
  avg_cadence?: number;
  avg_fractional_cadence?: number;
  start_position_lat?: number;
};
type FitRecord = {
  timestamp?: Date;
  position_lat?: number;
  position_long?: number;
  altitude?: number;
  enhanced_altitude?: number;
  distance?: number;
  heart_rate?: number;
  cadence?: number;
  fractional_cadence?: number;
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function sportName(s: { sport?: unknown; sub_sport?: unknown } | undefined, fallback: string | null): string | null {
  const parts = [s?.sport, s?.sub_sport].filter((v): v is string => typeof v === "string" && v !== "generic" && v !== "all");
  return parts.length ? parts.join(" ") : fallback;
}

const MESSAGES: Record<string, string> = {
  "Incorrect header size": "not a FIT file (no FIT header)",
  "Missing '.FIT' in header": "not a FIT file (no FIT header)",
  "File CRC mismatch": "the FIT file is corrupt or truncated (its checksum does not match)",
  "Header CRC mismatch": "the FIT file is corrupt or truncated (its checksum does not match)",
  "File CRC missing": "the FIT file is corrupt or truncated (its checksum does not match)",
  "File data exceeds input length": "the FIT file is corrupt or truncated (its checksum does not match)",
};

/** A list of fit-file-parser's output, or none (its types are loose). */
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function parse(bytes: Uint8Array): Promise<{ sessions: FitSession[]; records: FitRecord[]; sports: FitSession[] }> {
  const parser = new FitParser({ force: false, speedUnit: "m/s", lengthUnit: "m", elapsedRecordField: false, mode: "list" });
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Buffer<ArrayBuffer>;
  return new Promise((resolve, reject) => {
    try {
      parser.parse(buffer, (error, data) => {
        if (error || !data) return reject(new UnreadableFileError(MESSAGES[error ?? ""] ?? `the FIT file could not be decoded (${error})`));
        resolve({
          sessions: list<FitSession>(data.sessions),
          records: list<FitRecord>(data.records),
          sports: list<FitSession>(data.sports),
        });
      });
    } catch (e) {
      reject(new UnreadableFileError(`the FIT file could not be decoded (${(e as Error).message})`));
    }
  });
}

export async function readFit(bytes: Uint8Array): Promise<ActivitySummary[]> {
  if (bytes.length === 0) throw new UnreadableFileError("the file is empty");
  const data = await parse(bytes);
  const sessions = data.sessions;
  const records = data.records;
  const sportMesg = data.sports[0];
  if (sessions.length === 0 && records.length === 0)
    throw new UnreadableFileError("the FIT file holds no activity (no session and no records)");

  // Records per session, by time (the sessions of a multisport file follow each other).
  const spans = sessions.map((s) => {
    const start = s.start_time?.getTime() ?? -Infinity;
    const end = s.timestamp?.getTime() ?? Infinity;
    return { start, end, track: new TrackSummary() };
  });
  const whole = new TrackSummary();
  for (const r of records) {
    const cadence = num(r.cadence);
    const point = {
      time: r.timestamp ?? null,
      lat: num(r.position_lat),
      lon: num(r.position_long),
      ele: num(r.enhanced_altitude) ?? num(r.altitude),
      distM: num(r.distance),
      hr: num(r.heart_rate),
      cadenceSpm: cadence !== null ? (cadence + (num(r.fractional_cadence) ?? 0)) * 2 : null,
    };
    if (spans.length === 0) {
      whole.add(point);
      continue;
    }
    const t = r.timestamp?.getTime();
    const span = t === undefined ? spans[0] : spans.find((s) => t >= s.start && t <= s.end);
    span?.track.add(point);
  }

  if (sessions.length === 0) {
    const sport = sportName(sportMesg, null);
    const kind = runningKind(sport);
    const t = whole.summary();
    const indoor = kind.indoor || t.indoor;
    return [{ sport, ...kind, ...t, indoor, surface: indoor ? "treadmill" : kind.surface }];
  }

  return sessions.map((s, i) => {
    const sport = sportName(s, sportName(sportMesg, null));
    const kind = runningKind(sport);
    const t = (spans[i] as (typeof spans)[number]).track.summary();
    const cadence = num(s.avg_running_cadence) ?? num(s.avg_cadence);
    const indoor = kind.indoor || (s.start_position_lat == null && t.indoor);
    const timer = num(s.total_moving_time) ?? num(s.total_timer_time);
    return {
      sport,
      running: kind.running,
      startedAt: s.start_time ?? t.startedAt,
      distanceKm: num(s.total_distance) !== null ? (s.total_distance as number) / 1000 : t.distanceKm,
      durationSec: timer !== null ? Math.round(timer) : t.durationSec,
      elevationGainM: num(s.total_ascent) ?? t.elevationGainM,
      elevationLossM: num(s.total_descent) ?? t.elevationLossM,
      avgHeartRate: num(s.avg_heart_rate) ?? t.avgHeartRate,
      avgCadenceSpm: cadence !== null ? Math.round((cadence + (num(s.avg_fractional_cadence) ?? 0)) * 2) : t.avgCadenceSpm,
      indoor,
      surface: indoor ? "treadmill" : kind.surface,
    };
  });
}
