/**
 * The clinic outcome figures (docs/outcomes.md): which measures, which
 * windows, which groupings, and when a cell is too small to show. Defined
 * once here; the maintained summary (lib/data/outcome-summary.ts), the
 * aggregates (lib/data/outcomes.ts), the API, the page and the docs read them.
 */
import type { DischargeReason } from "./codes";
import type { ChangeMeasure, ImportantChangeKey } from "./measures";
import type { ImportantChange } from "./settings";

/** The measures whose important improvement is counted (issue 16): pain, KOOS pain and sport, LEFS, PSFS. */
export const OUTCOME_MEASURES = ["painNow", "koos.pain", "koos.sport", "lefs", "psfs"] as const satisfies readonly ChangeMeasure[];
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

/** The important-change settings the outcome measures use (named on the page). */
export const OUTCOME_THRESHOLD_KEYS = ["painNow", "koos", "lefs", "psfs"] as const satisfies readonly ImportantChangeKey[];

/**
 * The points in time of an episode a measure is compared with its baseline
 * at. Days count from the baseline (day 0: the signed intake). A window is
 * the signed assessment closest to `day` within `from`..`to` (inclusive)
 * that recorded the measure; a tie goes to the earlier day.
 */
export const OUTCOME_WINDOWS = [
  { key: "week6", label: "6 weeks", day: 42, from: 28, to: 56 },
  { key: "week12", label: "12 weeks", day: 84, from: 70, to: 98 },
] as const;
export type OutcomeWindowKey = (typeof OUTCOME_WINDOWS)[number]["key"];

/** Where a measure is compared: the two windows and the discharge. */
export const OUTCOME_POINTS = [...OUTCOME_WINDOWS.map((w) => w.key), "discharge"] as const;
export type OutcomePoint = (typeof OUTCOME_POINTS)[number];
export const OUTCOME_POINT_LABELS: Readonly<Record<OutcomePoint, string>> = Object.freeze({
  week6: "6 weeks",
  week12: "12 weeks",
  discharge: "Discharge",
});

/** A recurrence: a new episode of the same knee opened within this many days of the discharge. */
export const RECURRENCE_DAYS = 365;

/** A cell (a group, or a figure's denominator) with fewer episodes than this is suppressed: "<5". */
export const MIN_CELL_EPISODES = 5;

/**
 * Which cells of one figure, across the groups of one answer, are suppressed
 * (docs/outcomes.md "Small cells"): each cell under MIN_CELL_EPISODES (and
 * those `already` suppressed); then, when there are several groups and the
 * suppressed cells together hold 1 to MIN_CELL_EPISODES - 1 episodes, the
 * smallest shown cells too until they hold at least MIN_CELL_EPISODES, so a
 * total (the whole clinic, asked for separately) minus the shown groups
 * never reveals a small cell.
 */
export function suppressedCells(cells: readonly number[], already: readonly boolean[] = []): boolean[] {
  const hidden = cells.map((n, i) => n < MIN_CELL_EPISODES || (already[i] ?? false));
  if (cells.length < 2) return hidden;
  let held = cells.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  while (held > 0 && held < MIN_CELL_EPISODES) {
    const next = cells.reduce((best, n, i) => (hidden[i] || (best >= 0 && cells[best]! <= n) ? best : i), -1);
    if (next < 0) break;
    hidden[next] = true;
    held += cells[next]!;
  }
  return hidden;
}

/** The longest range of dates one request may cover (in years). */
export const MAX_OUTCOME_RANGE_YEARS = 5;

/** How the figures are grouped. */
export const OUTCOME_GROUP_BYS = ["none", "clinician", "consideration", "month"] as const;
export type OutcomeGroupBy = (typeof OUTCOME_GROUP_BYS)[number];
export const OUTCOME_GROUP_BY_LABELS: Readonly<Record<OutcomeGroupBy, string>> = Object.freeze({
  none: "Whole clinic",
  clinician: "Clinician",
  consideration: "Condition (structure to consider)",
  month: "Month opened",
});

/** The summary's column name of a measure at a point: "painNowWeek6", "koosPainBaseline", "lefsDischarge". */
export function outcomeColumn(measure: OutcomeMeasure, point: OutcomePoint | "baseline"): string {
  const base = measure.replace(/\.(\w)/, (_, c: string) => c.toUpperCase());
  return `${base}${point.charAt(0).toUpperCase()}${point.slice(1)}`;
}

// The report (lib/data/outcomes.ts computes it; the API, the page and the CSV show it).

/** One figure: `value` is the share (0-1, 3 decimals), the count, or the median in days, as docs/outcomes.md says per figure. */
export type OutcomeFigure = {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Fewer than MIN_CELL_EPISODES episodes in the cell: all numbers null. */
  suppressed: boolean;
};

/** A measure compared at a point: also the episodes without a measurement (missing) and those whose window is not over yet. */
export type MeasureFigure = OutcomeFigure & { missing: number | null; notYetDue: number | null };

export type OutcomeFigures = {
  opened: OutcomeFigure;
  discharged: OutcomeFigure;
  open: OutcomeFigure;
  improvement: Record<OutcomeMeasure, Record<OutcomePoint, MeasureFigure>>;
  medianDaysToReturnToRunning: OutcomeFigure;
  medianDaysToDischarge: OutcomeFigure;
  /** Discharged episodes followed by a new episode of the same knee within RECURRENCE_DAYS; `notYetDue`: discharged less than that ago, no recurrence yet. */
  recurrence: OutcomeFigure & { notYetDue: number | null };
  referred: OutcomeFigure;
  redFlag: OutcomeFigure;
  /** Planned reviews (not episodes) done on or before their date. */
  followUpsOnTime: OutcomeFigure;
  dischargeReasons: Record<DischargeReason | "not_recorded", OutcomeFigure>;
};

export type OutcomeGroup = {
  /** "all"; a clinician's id or "none"; a consideration code or "none"; a month "2026-03". */
  key: string;
  label: string;
  /** Episodes in the group (null when suppressed). */
  episodes: number | null;
  suppressed: boolean;
  figures: OutcomeFigures;
};

export type OutcomesReport = {
  from: string;
  to: string;
  /** The clinic's today: what "not yet due" is measured against. */
  today: string;
  groupBy: OutcomeGroupBy;
  clinicianId: string | null;
  consideration: string | null;
  /** The clinic's current important changes, applied to the stored scores. */
  thresholds: Pick<ImportantChange, "painNow" | "koos" | "lefs" | "psfs">;
  groups: OutcomeGroup[];
};
