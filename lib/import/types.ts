/**
 * What the readers of activity files (FIT, GPX, TCX, Strava and Garmin
 * exports) give: one summary per activity in the file. Tracks are summarised
 * while they are read and never kept: no position leaves the reader.
 */
export type ImportSource = "fit" | "gpx" | "tcx" | "strava_zip" | "garmin_csv" | "csv_import";

export type ActivitySummary = {
  /** The sport as the file names it ("running", "cycling", "Trail Run"), or null when it does not say. */
  sport: string | null;
  /** Running of any kind (road, trail, track, treadmill, virtual). A file that names no sport counts as a run. */
  running: boolean;
  startedAt: Date | null;
  /** The day of the run when the export gives a date without a time (CSV rows). */
  date?: string;
  distanceKm: number;
  /** Moving (timer) time in seconds. */
  durationSec: number | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  /** Steps per minute, both feet. */
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  /** The file says indoor / treadmill / virtual, or it has no position at all. */
  indoor: boolean;
  /** Road, track or trail when the file's sport says so; treadmill for indoor runs. */
  surface: "road" | "track" | "treadmill" | "trail" | null;
};

/** A file that cannot be read at all: reported by name with this reason, the rest of the upload goes on. */
export class UnreadableFileError extends Error {}

/** Sport names that mean running, and the surface they imply. */
export function runningKind(sport: string | null | undefined): { running: boolean; indoor: boolean; surface: ActivitySummary["surface"] } {
  if (!sport) return { running: true, indoor: false, surface: null };
  const s = sport.toLowerCase().replace(/[_-]+/g, " ");
  const running = /\brun|running\b|jog/.test(s);
  const indoor = /treadmill|indoor|virtual/.test(s);
  const surface = indoor ? "treadmill" : /trail/.test(s) ? "trail" : /track/.test(s) ? "track" : /road|street/.test(s) ? "road" : null;
  return { running, indoor, surface };
}
