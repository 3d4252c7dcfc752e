import { TrackSummary, type TrackPoint } from "./track";
import { UnreadableFileError, runningKind, type ActivitySummary } from "./types";
import { dateOf, numberOf, walkXml } from "./xml";

/**
 * GPX 1.0 / 1.1 tracks (Strava, Garmin, Polar, Suunto, apps), read with a
 * streaming XML parser. Each <trk> is one activity; its <type> names the
 * sport (Strava writes "running" or its old number 9). Heart rate and
 * cadence come from Garmin's TrackPointExtension (cadence there is per foot,
 * so doubled to steps per minute). A GPX file says nothing of pauses:
 * moving time counts the intervals of at least 0.5 m/s. Routes (<rte>) are
 * plans, not activities.
 */
const STRAVA_TYPE_NUMBERS: Record<string, string> = { "1": "cycling", "4": "hiking", "9": "running", "10": "walking" };

export function readGpx(bytes: Uint8Array): ActivitySummary[] {
  const tracks: { sport: string | null; track: TrackSummary }[] = [];
  let current: { sport: string | null; track: TrackSummary } | null = null;
  let point: TrackPoint = {};
  let routes = 0;
  let metadataTime: Date | null = null;
  const root = walkXml(bytes, {
    open(name, attributes) {
      if (name === "trk") {
        current = { sport: null, track: new TrackSummary() };
        tracks.push(current);
      } else if (name === "trkpt") {
        point = { lat: numberOf(attributes.lat), lon: numberOf(attributes.lon) };
      } else if (name === "rte") routes++;
    },
    close(el) {
      const parent = el.path[el.path.length - 1];
      const inPoint = el.path.includes("trkpt");
      if (el.name === "trkpt") {
        current?.track.add(point);
        point = {};
      } else if (inPoint) {
        if (el.name === "ele") point.ele = numberOf(el.text);
        else if (el.name === "time") point.time = dateOf(el.text);
        else if (el.name === "hr" || el.name === "heartrate") point.hr = numberOf(el.text);
        else if (el.name === "cad" || el.name === "cadence") {
          const c = numberOf(el.text);
          point.cadenceSpm = c === null ? null : c * 2;
        }
      } else if (el.name === "type" && parent === "trk" && current) {
        const t = el.text;
        (current as { sport: string | null }).sport = STRAVA_TYPE_NUMBERS[t] ?? (t || null);
      } else if (el.name === "time" && parent === "metadata") metadataTime = dateOf(el.text);
    },
  });
  if (root !== "gpx") throw new UnreadableFileError(`not a GPX file (its root element is <${root}>, not <gpx>)`);
  const recorded = tracks.filter((t) => t.track.points > 0);
  if (recorded.length === 0)
    throw new UnreadableFileError(routes > 0 ? "a GPX route (a plan), not a recorded activity" : "the GPX file holds no track points");
  return recorded.map(({ sport, track }) => {
    const kind = runningKind(sport);
    const t = track.summary();
    const indoor = kind.indoor || t.indoor;
    return { sport, ...kind, ...t, startedAt: t.startedAt ?? metadataTime, indoor, surface: indoor ? "treadmill" : kind.surface };
  });
}
