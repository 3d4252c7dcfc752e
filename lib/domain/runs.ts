/**
 * The plausibility limits of any run, whatever its source (manual entry, CSV,
 * file import, the runner's diary): the one definition. A run beyond them is
 * a typing or unit mistake (metres read as km, seconds as minutes), never a
 * record; lib/validation/runs.ts turns them into messages naming the field.
 */
export const RUN_LIMITS = {
  /** Faster than 2:30 min/km ... */
  fastestPaceSecPerKm: 150,
  /** ... over more than 1 km (a sprint may be faster over a shorter distance). */
  paceLimitOverKm: 1,
  /** All runs of one day together. */
  maxKmPerDay: 250,
  maxDurationSec: 48 * 3600,
} as const;

/** Imported runs: the same start within this long is the same run. */
export const DUPLICATE_START_WINDOW_MS = 2 * 60 * 1000;
/** A run without a start time: the same day and a distance within this much is the same run. */
export const DUPLICATE_DISTANCE_KM = 0.1;
