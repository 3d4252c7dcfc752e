import "server-only";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";
import { measureDefinition } from "@/lib/domain/measures";
import {
  OUTCOME_MEASURES,
  OUTCOME_POINTS,
  OUTCOME_WINDOWS,
  RECURRENCE_DAYS,
  outcomeColumn,
  type OutcomeMeasure,
  type OutcomePoint,
} from "@/lib/domain/outcomes";
import { DEFAULT_SETTINGS } from "@/lib/domain/settings";
import type { Tx } from "@/lib/data/tx";

/**
 * The per-clinic daily sums behind the outcome figures ("OutcomeSum",
 * docs/outcomes.md "How it stays fast"). Every figure but the medians, the
 * recurrences not yet due and the reviews not yet overdue is a sum of counts
 * of the "EpisodeOutcome" rows; this keeps those counts per day opened,
 * clinician and consideration ("*": every episode), so a figure is a sum over
 * at most a few hundred rows a year instead of an aggregate over every
 * episode. The figures that depend on today are split so that the sums do
 * not: a window's unmeasured episodes are kept as closed (missing) and open
 * (missing once the day opened + the window's end is past, decided on read
 * from the row's day); the reviews and recurrences still pending are counted
 * on read from partial indexes that hold only those episodes.
 *
 * Kept in step by `refreshOutcomeSums`, called for the days an episode's
 * summary change touches (lib/data/outcome-summary.ts), in the same
 * transaction; rebuilt whole for a clinic by `rebuildOutcomeSums` (the
 * backfill, a change of the clinic's important changes, which each row
 * records). tests/integration/outcome-sums.test.ts proves the maintained rows
 * equal a rebuild from scratch and the figures equal the direct aggregate.
 */

/** The important-change threshold (in tenths, as numeric) of a measure, read from the clinic's settings row `cs` (defaults when it has none). */
const THRESHOLD_COLUMNS = {
  painNow: ["importantChangePain", "thresholdPain"],
  koos: ["importantChangeKoos", "thresholdKoos"],
  lefs: ["importantChangeLefs", "thresholdLefs"],
  psfs: ["importantChangePsfs", "thresholdPsfs"],
} as const;
type ThresholdKey = keyof typeof THRESHOLD_COLUMNS;
const THRESHOLD_KEYS = Object.keys(THRESHOLD_COLUMNS) as ThresholdKey[];

const thresholdOf = (key: ThresholdKey) => `COALESCE(cs."${THRESHOLD_COLUMNS[key][0]}", ${Number(DEFAULT_SETTINGS.importantChange[key])})`;

/**
 * Whether the move of `measure` from the baseline to `point` of the summary
 * row `o` is at least the important change (`thresholdTenths`, an SQL
 * numeric) in the better direction, compared in tenths as lib/clinical/changes.ts.
 */
export function improvedExpr(measure: OutcomeMeasure, point: OutcomePoint, thresholdTenths: string): string {
  const base = `round((o."${outcomeColumn(measure, "baseline")}" * 10)::numeric)`;
  const now = `round((o."${outcomeColumn(measure, point)}" * 10)::numeric)`;
  const better = measureDefinition(measure).betterIs === "lower" ? `${base} - ${now}` : `${now} - ${base}`;
  return `(${better}) >= ${thresholdTenths} - 0.000001`;
}

/** Whether the summary row `o` has the measure at both the baseline and the point. */
export const measuredExpr = (measure: OutcomeMeasure, point: OutcomePoint) =>
  `o."${outcomeColumn(measure, "baseline")}" IS NOT NULL AND o."${outcomeColumn(measure, point)}" IS NOT NULL`;

const reasonColumn = (reason: string) => `reason${reason.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;
export const REASON_KEYS = [...DISCHARGE_REASONS, "not_recorded" as const];

/** A sum column: its name and the aggregate over the day's summary rows `o` that fills it. */
type Counter = { column: string; agg: string };
const count = (column: string, cond: string): Counter => ({ column, agg: `count(*) FILTER (WHERE ${cond})::int` });

function measureCounters(measure: OutcomeMeasure, point: OutcomePoint): Counter[] {
  const col = outcomeColumn(measure, point);
  const both = measuredExpr(measure, point);
  const key = measureDefinition(measure).importantChangeKey as ThresholdKey;
  const windowed = point !== "discharge";
  const eligible = windowed ? "true" : `o.status = 'discharged'`;
  return [
    count(`${col}Measured`, `${eligible} AND ${both}`),
    count(`${col}Improved`, `${eligible} AND ${both} AND ${improvedExpr(measure, point, `(${thresholdOf(key)} * 10)::numeric`)}`),
    count(`${col}MissingClosed`, `${eligible} AND NOT (${both}) AND o.status <> 'open'`),
    ...(windowed ? [count(`${col}UnmeasuredOpen`, `NOT (${both}) AND o.status = 'open'`)] : []),
  ];
}

const COUNTERS: Counter[] = [
  count("episodes", "true"),
  count("discharged", `o.status = 'discharged'`),
  count("open", `o.status = 'open'`),
  count("referred", "o.referred"),
  count("redFlag", `o."redFlag"`),
  count("recurred", `o.status = 'discharged' AND o.recurred`),
  { column: "reviewsFollowed", agg: `COALESCE(sum(o."reviewsFollowed"), 0)::int` },
  { column: "reviewsOnTime", agg: `COALESCE(sum(o."reviewsOnTime"), 0)::int` },
  count("reviewFollowedEpisodes", `o."reviewsFollowed" > 0`),
  count("reviewPending", `o."reviewPending" IS NOT NULL`),
  count("reviewPendingFirst", `o."reviewPending" IS NOT NULL AND o."reviewsFollowed" = 0`),
  ...OUTCOME_MEASURES.flatMap((m) => OUTCOME_POINTS.flatMap((p) => measureCounters(m, p))),
  ...REASON_KEYS.map((r) =>
    count(
      reasonColumn(r),
      `o.status = 'discharged' AND ${r === "not_recorded" ? `o."dischargeReason" IS NULL` : `o."dischargeReason" = '${r}'`}`,
    ),
  ),
];

/**
 * Recomputes the sums of a clinic's days ($1 the clinic, $2 the days as
 * date[], or null for every day) from its summary rows; one statement. The
 * caller deletes the days' rows first (DELETE_SUMS_SQL).
 */
export const INSERT_SUMS_SQL = `
INSERT INTO "OutcomeSum" ("clinicId", "openedOn", "clinicianKey", consideration, "clinicianName", ${THRESHOLD_KEYS.map((k) => `"${THRESHOLD_COLUMNS[k][1]}"`).join(", ")}, ${COUNTERS.map((c) => `"${c.column}"`).join(", ")})
SELECT o."clinicId", o."openedOn", COALESCE(o."clinicianId"::text, 'none'), k.code, max(o."clinicianName"),
       ${THRESHOLD_KEYS.map(thresholdOf).join(", ")},
       ${COUNTERS.map((c) => c.agg).join(",\n       ")}
  FROM "EpisodeOutcome" o
  LEFT JOIN "ClinicSettings" cs ON cs."clinicId" = o."clinicId"
  CROSS JOIN LATERAL unnest(ARRAY['*'] || CASE WHEN cardinality(o.considerations) = 0 THEN ARRAY['none'] ELSE o.considerations END) AS k(code)
 WHERE o."clinicId" = $1::uuid AND o.status <> 'opened_in_error' AND ($2::date[] IS NULL OR o."openedOn" = ANY($2::date[]))
 GROUP BY o."clinicId", o."openedOn", 3, k.code, ${THRESHOLD_KEYS.map((_, i) => 6 + i).join(", ")}`;

export const DELETE_SUMS_SQL = `DELETE FROM "OutcomeSum" WHERE "clinicId" = $1::uuid AND ($2::date[] IS NULL OR "openedOn" = ANY($2::date[]))`;

/**
 * Sets "EpisodeOutcome".recurred of the discharged episodes of a clinic ($1),
 * of the runners `runners` selects (RECURRED_SQL: $2 uuid[], or null for all) where it changed: a new
 * episode of the same knee (same side, or either "both"; not opened in error)
 * opened within RECURRENCE_DAYS of the discharge. Returns the days opened of
 * the rows it changed.
 */
export const recurredSql = (runners: string) => `
UPDATE "EpisodeOutcome" o SET recurred = x.r
  FROM (
    SELECT e."episodeId", (e.status = 'discharged' AND EXISTS (
             SELECT 1 FROM "EpisodeOutcome" n
              WHERE n."clinicId" = $1::uuid AND n."patientId" = e."patientId"
                AND n."episodeId" <> e."episodeId" AND n.status <> 'opened_in_error'
                AND (n.side = e.side OR n.side = 'both' OR e.side = 'both')
                AND n."openedOn" >= e."dischargedOn" AND n."openedOn" <= e."dischargedOn" + ${RECURRENCE_DAYS}::int)) AS r
      FROM "EpisodeOutcome" e
     WHERE e."clinicId" = $1::uuid AND ${runners}
  ) x
 WHERE o."clinicId" = $1::uuid AND o."episodeId" = x."episodeId" AND o.recurred IS DISTINCT FROM x.r
RETURNING to_char(o."openedOn", 'YYYY-MM-DD') AS day`;
export const RECURRED_SQL = recurredSql(`($2::uuid[] IS NULL OR e."patientId" = ANY($2::uuid[]))`);

const CLINIC_LOCK = `hashtextextended('outcome-sums:' || $1, 0)`;

/**
 * Recomputes the sums of the given days of a clinic (in the transaction that
 * changed the summary rows). Takes the clinic's advisory lock shared and each
 * day's lock, in order, so two transactions touching one day recompute it
 * one after the other, the second seeing the first's rows (READ COMMITTED).
 */
export async function refreshOutcomeSums(tx: Pick<Tx, "$executeRawUnsafe">, clinicId: string, days: string[]): Promise<void> {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return;
  await tx.$executeRawUnsafe(
    `SELECT pg_advisory_xact_lock_shared(${CLINIC_LOCK}), (SELECT count(*) FROM (
       SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended('outcome-sums:' || $1 || ':' || d, 0) AS k FROM unnest($2::text[]) d ORDER BY d) s) l)`,
    clinicId,
    sorted,
  );
  await tx.$executeRawUnsafe(DELETE_SUMS_SQL, clinicId, sorted);
  await tx.$executeRawUnsafe(INSERT_SUMS_SQL, clinicId, sorted);
}

/** Rebuilds every sum of a clinic from its summary rows (the backfill; a change of its important changes). Returns the rows written. */
export async function rebuildOutcomeSums(tx: Pick<Tx, "$executeRawUnsafe">, clinicId: string): Promise<number> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLINIC_LOCK})`, clinicId);
  await tx.$executeRawUnsafe(DELETE_SUMS_SQL, clinicId, null);
  return tx.$executeRawUnsafe(INSERT_SUMS_SQL, clinicId, null);
}

/** The thresholds (points) the clinic's sums must have been computed with to be read. */
export type SumThresholds = Record<ThresholdKey, number>;

/** The sum columns' names, for the reader (lib/data/outcomes.ts). */
export const sumColumn = {
  measured: (m: OutcomeMeasure, p: OutcomePoint) => `${outcomeColumn(m, p)}Measured`,
  improved: (m: OutcomeMeasure, p: OutcomePoint) => `${outcomeColumn(m, p)}Improved`,
  missingClosed: (m: OutcomeMeasure, p: OutcomePoint) => `${outcomeColumn(m, p)}MissingClosed`,
  unmeasuredOpen: (m: OutcomeMeasure, p: OutcomePoint) => `${outcomeColumn(m, p)}UnmeasuredOpen`,
  reason: reasonColumn,
  threshold: (k: ThresholdKey) => THRESHOLD_COLUMNS[k][1],
  thresholdKeys: THRESHOLD_KEYS,
  windowEnd: (p: OutcomePoint) => OUTCOME_WINDOWS.find((w) => w.key === p)?.to ?? null,
};
