import { Decoder, Stream } from "@garmin/fitsdk";
import { TrackSummary } from "./track";
import { UnreadableFileError, runningKind, type ActivitySummary } from "./types";

/**
 * FIT activity files (Garmin, Coros, Suunto, Wahoo, Polar, Zwift, Strava's
 * originals) read with Garmin's FIT SDK. Each session is one activity: its
 * sport, start, timer time, distance, ascent and descent, mean heart rate and
 * cadence come from the session message when the device wrote them, else
 * from the records. A file without sessions (a course, or a device that
 * wrote only records) is one activity made from its records.
 */
type FitSession = {
  sport?: string | number;
  subSport?: string | number;
  startTime?: Date;
  timestamp?: Date;
  totalTimerTime?: number;
  totalMovingTime?: number;
  totalDistance?: number;
  totalAscent?: number;
  totalDescent?: number;
  avgHeartRate?: number;
  avgRunningCadence?: number;
  avgCadence?: number;
  avgFractionalCadence?: number;
  startPositionLat?: number;
};
type FitRecord = {
  timestamp?: Date;
  positionLat?: number;
  positionLong?: number;
  altitude?: number;
  enhancedAltitude?: number;
  distance?: number;
  heartRate?: number;
  cadence?: number;
  fractionalCadence?: number;
};

const SEMICIRCLE_DEG = 180 / 2 ** 31;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function sportName(s: FitSession | undefined, fallback: string | null): string | null {
  const parts = [s?.sport, s?.subSport].filter((v) => typeof v === "string" && v !== "generic" && v !== "all") as string[];
  return parts.length ? parts.join(" ") : fallback;
}

export function readFit(bytes: Uint8Array): ActivitySummary[] {
  if (bytes.length === 0) throw new UnreadableFileError("the file is empty");
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  if (!decoder.isFIT()) throw new UnreadableFileError("not a FIT file (no FIT header)");
  if (!decoder.checkIntegrity()) throw new UnreadableFileError("the FIT file is corrupt or truncated (its checksum does not match)");
  const { messages, errors } = decoder.read({ mergeHeartRates: false, convertTypesToStrings: true });
  if (errors.length > 0)
    throw new UnreadableFileError(`the FIT file could not be decoded: ${String((errors[0] as Error)?.message ?? errors[0])}`);
  const sessions = (messages.sessionMesgs ?? []) as FitSession[];
  const records = (messages.recordMesgs ?? []) as FitRecord[];
  const sportMesg = (messages.sportMesgs?.[0] ?? undefined) as FitSession | undefined;
  if (sessions.length === 0 && records.length === 0)
    throw new UnreadableFileError("the FIT file holds no activity (no session and no records)");

  // Records per session, by time (sessions of a multisport file follow each other).
  const spans = sessions.map((s) => {
    const start = s.startTime?.getTime() ?? -Infinity;
    const end = s.timestamp?.getTime() ?? (s.totalTimerTime && s.startTime ? start + s.totalTimerTime * 1000 * 2 : Infinity);
    return { start, end, track: new TrackSummary() };
  });
  const whole = new TrackSummary();
  for (const r of records) {
    const point = {
      time: r.timestamp ?? null,
      lat: r.positionLat != null ? r.positionLat * SEMICIRCLE_DEG : null,
      lon: r.positionLong != null ? r.positionLong * SEMICIRCLE_DEG : null,
      ele: num(r.enhancedAltitude) ?? num(r.altitude),
      distM: num(r.distance),
      hr: num(r.heartRate),
      cadenceSpm: num(r.cadence) !== null ? ((r.cadence as number) + (num(r.fractionalCadence) ?? 0)) * 2 : null,
    };
    if (spans.length === 0) whole.add(point);
    const t = r.timestamp?.getTime();
    const span = t === undefined ? spans[0] : spans.find((s) => t >= s.start && t <= s.end);
    span?.track.add(point);
  }

  if (sessions.length === 0) {
    const sport = sportName(sportMesg, null);
    const kind = runningKind(sport);
    const t = whole.summary();
    return [{ sport, ...kind, ...t, indoor: kind.indoor || t.indoor, surface: kind.indoor || t.indoor ? "treadmill" : kind.surface }];
  }

  return sessions.map((s, i) => {
    const sport = sportName(s, sportName(sportMesg, null));
    const kind = runningKind(sport);
    const t = (spans[i] as (typeof spans)[number]).track.summary();
    const cadence = num(s.avgRunningCadence) ?? num(s.avgCadence);
    const noPosition = s.startPositionLat == null && t.indoor;
    const indoor = kind.indoor || noPosition;
    const timer = num(s.totalMovingTime) ?? num(s.totalTimerTime);
    return {
      sport,
      running: kind.running,
      startedAt: s.startTime ?? t.startedAt,
      distanceKm: num(s.totalDistance) !== null ? (s.totalDistance as number) / 1000 : t.distanceKm,
      durationSec: timer !== null ? Math.round(timer) : t.durationSec,
      elevationGainM: num(s.totalAscent) ?? t.elevationGainM,
      elevationLossM: num(s.totalDescent) ?? t.elevationLossM,
      avgHeartRate: num(s.avgHeartRate) ?? t.avgHeartRate,
      avgCadenceSpm: cadence !== null ? Math.round((cadence + (num(s.avgFractionalCadence) ?? 0)) * 2) : t.avgCadenceSpm,
      indoor,
      surface: indoor ? "treadmill" : kind.surface,
    };
  });
}
