import { TrackSummary, type TrackPoint } from "./track";
import { UnreadableFileError, runningKind, type ActivitySummary } from "./types";
import { dateOf, numberOf, walkXml } from "./xml";

/**
 * Garmin Training Center (TCX) activities, read with a streaming XML parser.
 * Each <Activity Sport="..."> is one activity; its laps give timer time and
 * distance (summed), the trackpoints elevation, heart rate and cadence
 * (RunCadence and Cadence are per foot: doubled to steps per minute). An
 * activity without any <Position> was recorded indoors (treadmill).
 * Courses are plans, not activities.
 */
type Acc = {
  sport: string | null;
  id: Date | null;
  track: TrackSummary;
  lapSeconds: number;
  lapMetres: number;
  laps: number;
  lapHr: { sum: number; weight: number };
  lapCadence: { sum: number; weight: number };
};

// eslint-disable-next-line max-lines-per-function -- one streaming reader, its states in one place
export function readTcx(bytes: Uint8Array): ActivitySummary[] {
  const activities: Acc[] = [];
  let current: Acc | null = null;
  let point: TrackPoint = {};
  let lap: { seconds: number | null; metres: number | null; hr: number | null; cadence: number | null } | null = null;
  let courses = 0;
  const root = walkXml(bytes, {
    open(name, attributes) {
      if (name === "Activity") {
        current = {
          sport: attributes.Sport ?? null,
          id: null,
          track: new TrackSummary(),
          lapSeconds: 0,
          lapMetres: 0,
          laps: 0,
          lapHr: { sum: 0, weight: 0 },
          lapCadence: { sum: 0, weight: 0 },
        };
        activities.push(current);
      } else if (name === "Lap" && current) lap = { seconds: null, metres: null, hr: null, cadence: null };
      else if (name === "Trackpoint") point = {};
      else if (name === "Course") courses++;
    },
    close(el) {
      const acc = current as Acc | null;
      if (!acc) return;
      const parent = el.path[el.path.length - 1];
      if (el.name === "Trackpoint") {
        acc.track.add(point);
        point = {};
      } else if (el.path.includes("Trackpoint")) {
        if (el.name === "Time") point.time = dateOf(el.text);
        else if (el.name === "LatitudeDegrees") point.lat = numberOf(el.text);
        else if (el.name === "LongitudeDegrees") point.lon = numberOf(el.text);
        else if (el.name === "AltitudeMeters") point.ele = numberOf(el.text);
        else if (el.name === "DistanceMeters") point.distM = numberOf(el.text);
        else if (el.name === "Value" && parent === "HeartRateBpm") point.hr = numberOf(el.text);
        else if (el.name === "RunCadence" || el.name === "Cadence") {
          const c = numberOf(el.text);
          if (c !== null) point.cadenceSpm = c * 2;
        }
      } else if (el.name === "Id" && parent === "Activity") acc.id = dateOf(el.text);
      else if (lap && parent === "Lap") {
        if (el.name === "TotalTimeSeconds") lap.seconds = numberOf(el.text);
        else if (el.name === "DistanceMeters") lap.metres = numberOf(el.text);
        else if (el.name === "Cadence") lap.cadence = numberOf(el.text);
      } else if (lap && el.name === "Value" && parent === "AverageHeartRateBpm") lap.hr = numberOf(el.text);
      else if (lap && el.name === "AvgRunCadence") lap.cadence = numberOf(el.text);
      else if (el.name === "Lap" && lap) {
        acc.laps++;
        if (lap.seconds !== null) acc.lapSeconds += lap.seconds;
        if (lap.metres !== null) acc.lapMetres += lap.metres;
        const w = lap.seconds ?? 0;
        if (lap.hr !== null && w > 0) {
          acc.lapHr.sum += lap.hr * w;
          acc.lapHr.weight += w;
        }
        if (lap.cadence !== null && w > 0) {
          acc.lapCadence.sum += lap.cadence * w;
          acc.lapCadence.weight += w;
        }
        lap = null;
      }
    },
  });
  if (root !== "TrainingCenterDatabase") throw new UnreadableFileError(`not a TCX file (its root element is <${root}>)`);
  if (activities.length === 0)
    throw new UnreadableFileError(courses > 0 ? "a TCX course (a plan), not a recorded activity" : "the TCX file holds no activity");
  return activities.map((a) => {
    const kind = runningKind(a.sport === "Other" ? null : a.sport);
    const t = a.track.summary();
    const indoor = kind.indoor || t.indoor;
    return {
      sport: a.sport,
      running: kind.running,
      startedAt: a.id ?? t.startedAt,
      distanceKm: a.lapMetres > 0 ? a.lapMetres / 1000 : t.distanceKm,
      durationSec: a.lapSeconds > 0 ? Math.round(a.lapSeconds) : t.durationSec,
      elevationGainM: t.elevationGainM,
      elevationLossM: t.elevationLossM,
      avgHeartRate: a.lapHr.weight > 0 ? Math.round(a.lapHr.sum / a.lapHr.weight) : t.avgHeartRate,
      avgCadenceSpm: a.lapCadence.weight > 0 ? Math.round((a.lapCadence.sum / a.lapCadence.weight) * 2) : t.avgCadenceSpm,
      indoor,
      surface: indoor ? "treadmill" : kind.surface,
    };
  });
}
