import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { assertCan, type Actor } from "@/lib/domain/access";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";
import { CONSIDERATION_LABELS } from "@/lib/domain/labels";
import { measureDefinition } from "@/lib/domain/measures";
import {
  MAX_OUTCOME_RANGE_YEARS,
  OUTCOME_MEASURES,
  OUTCOME_POINTS,
  OUTCOME_WINDOWS,
  RECURRENCE_DAYS,
  suppressedCells,
  type MeasureFigure,
  type OutcomeFigure,
  type OutcomeFigures,
  type OutcomeGroup,
  type OutcomeGroupBy,
  type OutcomeMeasure,
  type OutcomePoint,
  type OutcomesReport,
} from "@/lib/domain/outcomes";
import { audit } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { clinicSettingsIn } from "@/lib/data/settings";
import { improvedExpr, measuredExpr, REASON_KEYS, sumColumn } from "@/lib/data/outcome-sums";
import { transaction, type Tx } from "@/lib/data/tx";
import { ValidationError } from "@/lib/errors";
import { addDays } from "@/lib/format";
import { lastDayOfYears, type OutcomesQuery } from "@/lib/validation/outcomes";
import { notBefore } from "@/lib/validation/messages";

/**
 * The clinic's outcome figures (docs/outcomes.md), aggregated in SQL from the
 * maintained per-episode summary (lib/data/outcome-summary.ts): one pass over
 * the clinic's episodes opened in the range, read through the index
 * ("clinicId", "openedOn"). Only aggregates leave this module: no patient
 * names or ids; a clinician group carries the clinician's name.
 */

const isDue = (to: number, today: string) => Prisma.sql`(o.status <> 'open' OR o."openedOn" + ${to}::int < ${today}::date)`;

/** Whether the move from the baseline to `point` is at least the important change in the better direction (in tenths, as lib/clinical/changes.ts). */
const improvedSql = (measure: OutcomeMeasure, point: OutcomePoint, threshold: number): Prisma.Sql =>
  Prisma.raw(improvedExpr(measure, point, `${Number(threshold) * 10}::numeric`));

function measureAggregates(measure: OutcomeMeasure, point: OutcomePoint, threshold: number, today: string): Prisma.Sql {
  const both = Prisma.raw(measuredExpr(measure, point));
  const window = OUTCOME_WINDOWS.find((w) => w.key === point);
  const eligible = window ? Prisma.sql`true` : Prisma.sql`o.status = 'discharged'`;
  const due = window ? isDue(window.to, today) : Prisma.sql`true`;
  const name = `${measure}:${point}`;
  return Prisma.sql`
    count(*) FILTER (WHERE ${eligible} AND ${both})::int AS ${Prisma.raw(`"${name}:d"`)},
    count(*) FILTER (WHERE ${eligible} AND ${both} AND ${improvedSql(measure, point, threshold)})::int AS ${Prisma.raw(`"${name}:n"`)},
    count(*) FILTER (WHERE ${eligible} AND NOT (${both}) AND ${due})::int AS ${Prisma.raw(`"${name}:missing"`)},
    count(*) FILTER (WHERE ${eligible} AND NOT (${both}) AND NOT ${due})::int AS ${Prisma.raw(`"${name}:pending"`)}`;
}

type Row = Record<string, number | string | null>;

const SHARE_DECIMALS = 1000;
const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * SHARE_DECIMALS) / SHARE_DECIMALS : null);
const SUPPRESSED: OutcomeFigure = Object.freeze({ numerator: null, denominator: null, value: null, suppressed: true });

function num(row: Row, key: string): number {
  const v = row[key];
  return typeof v === "number" ? v : Number(v ?? 0);
}

/**
 * Says whether the figure at `path` ("referred", "improvement.lefs.week6") is
 * suppressed, given its cell: the episodes it speaks of.
 */
type Hide = (path: string, cell: number) => boolean;

function figuresOf(row: Row, hide: Hide): OutcomeFigures {
  const episodes = num(row, "episodes");
  /** A figure, suppressed when `hide` says so of its cell (`episodes`, by default the denominator). */
  const figure = (path: string, numerator: number, denominator: number, value: number | null, cell = denominator): OutcomeFigure =>
    hide(path, cell) ? { ...SUPPRESSED } : { numerator, denominator, value, suppressed: false };
  const discharged = num(row, "discharged");
  const improvement = Object.fromEntries(
    OUTCOME_MEASURES.map((m) => [
      m,
      Object.fromEntries(
        OUTCOME_POINTS.map((p) => {
          const [d, n, missing, pending] = ["d", "n", "missing", "pending"].map((k) => num(row, `${m}:${p}:${k}`)) as [
            number,
            number,
            number,
            number,
          ];
          // The cell is every episode the figure speaks of: measured, missing and not yet due.
          const f = figure(`improvement.${m}.${p}`, n, d, share(n, d), d + missing + pending);
          const measure: MeasureFigure = f.suppressed ? { ...f, missing: null, notYetDue: null } : { ...f, missing, notYetDue: pending };
          return [p, measure];
        }),
      ),
    ]),
  ) as OutcomeFigures["improvement"];
  const median = (path: string, key: string, n: number) => {
    const v = row[key];
    // The cell of a median is the episodes it is the median of.
    return figure(path, n, episodes, typeof v === "number" ? Math.round(v * 10) / 10 : v === null ? null : Number(v), n);
  };
  const recurred = num(row, "recurred");
  const recurrence = figure("recurrence", recurred, discharged, share(recurred, discharged));
  const reviewsDue = num(row, "reviewsDue");
  return {
    opened: figure("opened", episodes, episodes, episodes),
    discharged: figure("discharged", discharged, episodes, discharged, episodes),
    open: figure("open", num(row, "open"), episodes, num(row, "open"), episodes),
    improvement,
    medianDaysToReturnToRunning: median("medianDaysToReturnToRunning", "rtrMedian", num(row, "rtrN")),
    medianDaysToDischarge: median("medianDaysToDischarge", "dischargeMedian", num(row, "dischargeN")),
    recurrence: { ...recurrence, notYetDue: recurrence.suppressed ? null : num(row, "recurrencePending") },
    referred: figure("referred", num(row, "referred"), episodes, share(num(row, "referred"), episodes)),
    redFlag: figure("redFlag", num(row, "redFlag"), episodes, share(num(row, "redFlag"), episodes)),
    followUpsOnTime: figure(
      "followUpsOnTime",
      num(row, "reviewsOnTime"),
      reviewsDue,
      share(num(row, "reviewsOnTime"), reviewsDue),
      num(row, "reviewEpisodes"),
    ),
    dischargeReasons: Object.fromEntries(
      REASON_KEYS.map((r) => {
        const n = num(row, `reason:${r}`);
        return [r, figure(`dischargeReasons.${r}`, n, discharged, share(n, discharged))];
      }),
    ) as OutcomeFigures["dischargeReasons"],
  };
}

/**
 * The figures of every group of an answer, with the cells to suppress
 * decided across the groups (docs/outcomes.md "Small cells"): for each
 * figure, the cells under MIN_CELL_EPISODES and, where that leaves the
 * suppressed cells of the figure holding 1-4 episodes together, the next
 * smallest cells too, so that a total minus the shown groups never gives a
 * small cell (suppressedCells). A suppressed group is suppressed whole.
 */
export function groupFigures(rows: Row[]): { suppressed: boolean; figures: OutcomeFigures }[] {
  const groups = suppressedCells(rows.map((r) => num(r, "episodes")));
  const cells = new Map<string, number[]>();
  rows.forEach((row, i) =>
    figuresOf(row, (path, cell) => {
      const list = cells.get(path) ?? [];
      list[i] = cell;
      cells.set(path, list);
      return false;
    }),
  );
  const hidden = new Map([...cells].map(([path, list]) => [path, suppressedCells(list, groups)]));
  return rows.map((row, i) => ({
    suppressed: groups[i]!,
    figures: figuresOf(row, (path) => groups[i]! || (hidden.get(path)?.[i] ?? true)),
  }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function groupLabel(groupBy: OutcomeGroupBy, key: string, name: string | null): string {
  switch (groupBy) {
    case "none":
      return "Whole clinic";
    case "clinician":
      return key === "none" ? "No signed intake" : (name ?? "Unknown clinician");
    case "consideration":
      return key === "none" ? "No structure recorded" : (CONSIDERATION_LABELS[key as keyof typeof CONSIDERATION_LABELS] ?? key);
    case "month":
      return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
  }
}

/** The range asked for, with the defaults (the last 12 months up to the clinic's today) filled in and the 5-year limit checked. */
export function outcomeRange(query: Pick<OutcomesQuery, "from" | "to">, today: string): { from: string; to: string } {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addDays(lastDayOfYears(to, -1), 2);
  if (to < from) throw new ValidationError([{ path: "from", message: notBefore("to date", "from date", from) }]);
  if (to > lastDayOfYears(from, MAX_OUTCOME_RANGE_YEARS))
    throw new ValidationError([{ path: "from", message: `Enter a from date within ${MAX_OUTCOME_RANGE_YEARS} years of the to date` }]);
  return { from, to };
}

type Range = { from: string; to: string; today: string };

/** The group key of a summary row `o`, the unnest of its considerations when grouped by them, and the filters of the cohort. */
function cohort(clinicId: string, query: OutcomesQuery, range: Range) {
  const groupBy = query.groupBy;
  const key =
    groupBy === "clinician"
      ? Prisma.sql`COALESCE(o."clinicianId"::text, 'none')`
      : groupBy === "consideration"
        ? Prisma.sql`k.code`
        : groupBy === "month"
          ? Prisma.sql`to_char(o."openedOn", 'YYYY-MM')`
          : Prisma.sql`'all'`;
  const unnest =
    groupBy === "consideration"
      ? Prisma.sql`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(o.considerations) = 0 THEN ARRAY['none'] ELSE o.considerations END) AS k(code)`
      : Prisma.empty;
  const where = [
    Prisma.sql`o."clinicId" = ${clinicId}::uuid`,
    Prisma.sql`o.status <> 'opened_in_error'`,
    Prisma.sql`o."openedOn" BETWEEN ${range.from}::date AND ${range.to}::date`,
  ];
  if (query.clinicianId) where.push(Prisma.sql`o."clinicianId" = ${query.clinicianId}::uuid`);
  if (query.consideration) where.push(Prisma.sql`${query.consideration}::text = ANY(o.considerations)`);
  return { key, unnest, where: Prisma.join(where, " AND ") };
}

/** The medians (over the episodes they are taken over): the aggregates that are not sums. */
const medianAggregates = () => Prisma.sql`
           count(*) FILTER (WHERE o."returnToRunningOn" IS NOT NULL)::int AS "rtrN",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY o."returnToRunningOn" - o."openedOn") FILTER (WHERE o."returnToRunningOn" IS NOT NULL) AS "rtrMedian",
           count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargedOn" IS NOT NULL)::int AS "dischargeN",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY o."dischargedOn" - o."openedOn") FILTER (WHERE o.status = 'discharged' AND o."dischargedOn" IS NOT NULL) AS "dischargeMedian"`;

/** The one aggregate statement over the summary rows themselves (the reference the sums are checked against; the fallback). */
function outcomesSql(clinicId: string, query: OutcomesQuery, range: Range, thresholds: OutcomesReport["thresholds"]): Prisma.Sql {
  const { today } = range;
  const { key, unnest, where } = cohort(clinicId, query, range);
  const measures = OUTCOME_MEASURES.flatMap((m) =>
    OUTCOME_POINTS.map((p) =>
      measureAggregates(m, p, thresholds[measureDefinition(m).importantChangeKey as keyof typeof thresholds], today),
    ),
  );
  const reasons = [
    ...DISCHARGE_REASONS.map((r) => ({ key: r, cond: Prisma.sql`o."dischargeReason" = ${r}::"DischargeReason"` })),
    {
      key: "not_recorded",
      cond: Prisma.sql`o."dischargeReason" IS NULL`,
    },
  ].map((r) => Prisma.sql`count(*) FILTER (WHERE o.status = 'discharged' AND ${r.cond})::int AS ${Prisma.raw(`"reason:${r.key}"`)}`);
  const recurred = Prisma.sql`EXISTS (
    SELECT 1 FROM "EpisodeOutcome" n
     WHERE n."clinicId" = ${clinicId}::uuid AND n."clinicId" = o."clinicId" AND n."patientId" = o."patientId"
       AND n."episodeId" <> o."episodeId" AND n.status <> 'opened_in_error'
       AND (n.side = o.side OR n.side = 'both' OR o.side = 'both')
       AND n."openedOn" >= o."dischargedOn" AND n."openedOn" <= o."dischargedOn" + ${RECURRENCE_DAYS}::int)`;
  const reviewOverdue = Prisma.sql`(o."reviewPending" IS NOT NULL AND o."reviewPending" < ${today}::date)`;
  return Prisma.sql`
    SELECT ${key} AS key, max(o."clinicianName") AS name, count(*)::int AS episodes,
           count(*) FILTER (WHERE o.status = 'discharged')::int AS discharged,
           count(*) FILTER (WHERE o.status = 'open')::int AS open,
           ${Prisma.join(measures, ",")},
           ${medianAggregates()},
           count(*) FILTER (WHERE o.status = 'discharged' AND ${recurred})::int AS recurred,
           count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargedOn" + ${RECURRENCE_DAYS}::int > ${today}::date AND NOT ${recurred})::int AS "recurrencePending",
           count(*) FILTER (WHERE o.referred)::int AS referred,
           count(*) FILTER (WHERE o."redFlag")::int AS "redFlag",
           COALESCE(sum(o."reviewsOnTime"), 0)::int AS "reviewsOnTime",
           (COALESCE(sum(o."reviewsFollowed"), 0) + count(*) FILTER (WHERE ${reviewOverdue}))::int AS "reviewsDue",
           count(*) FILTER (WHERE o."reviewsFollowed" > 0 OR ${reviewOverdue})::int AS "reviewEpisodes",
           ${Prisma.join(reasons, ",")}
      FROM "EpisodeOutcome" o ${unnest}
     WHERE ${where}
     GROUP BY 1
     ORDER BY 1`;
}

/** The daily sums of the cohort, grouped, with the count of rows summed with other thresholds than `thresholds` ("stale"). */
function sumsSql(clinicId: string, query: OutcomesQuery, range: Range, thresholds: OutcomesReport["thresholds"]): Prisma.Sql {
  const { from, to, today } = range;
  const key =
    query.groupBy === "clinician"
      ? Prisma.sql`s."clinicianKey"`
      : query.groupBy === "consideration"
        ? Prisma.sql`s.consideration`
        : query.groupBy === "month"
          ? Prisma.sql`to_char(s."openedOn", 'YYYY-MM')`
          : Prisma.sql`'all'`;
  const where = [
    Prisma.sql`s."clinicId" = ${clinicId}::uuid`,
    Prisma.sql`s."openedOn" BETWEEN ${from}::date AND ${to}::date`,
    query.groupBy === "consideration"
      ? Prisma.sql`s.consideration <> '*'`
      : Prisma.sql`s.consideration = ${query.consideration ?? "*"}::text`,
  ];
  if (query.clinicianId) where.push(Prisma.sql`s."clinicianKey" = ${query.clinicianId}::text`);
  const col = (name: string) => Prisma.raw(`s."${name}"`);
  const as = (name: string) => Prisma.raw(`"${name}"`);
  const measures = OUTCOME_MEASURES.flatMap((m) =>
    OUTCOME_POINTS.map((p) => {
      const name = `${m}:${p}`;
      const end = sumColumn.windowEnd(p);
      const open = col(sumColumn.unmeasuredOpen(m, p));
      const missing =
        end === null
          ? Prisma.sql`sum(${col(sumColumn.missingClosed(m, p))})::int`
          : Prisma.sql`(sum(${col(sumColumn.missingClosed(m, p))}) + COALESCE(sum(${open}) FILTER (WHERE s."openedOn" + ${end}::int < ${today}::date), 0))::int`;
      const pending =
        end === null
          ? Prisma.sql`0`
          : Prisma.sql`COALESCE(sum(${open}) FILTER (WHERE s."openedOn" + ${end}::int >= ${today}::date), 0)::int`;
      return Prisma.sql`sum(${col(sumColumn.measured(m, p))})::int AS ${as(`${name}:d`)}, sum(${col(sumColumn.improved(m, p))})::int AS ${as(`${name}:n`)},
           ${missing} AS ${as(`${name}:missing`)}, ${pending} AS ${as(`${name}:pending`)}`;
    }),
  );
  const plain = [
    "episodes",
    "discharged",
    "open",
    "recurred",
    "referred",
    "redFlag",
    "reviewsOnTime",
    "reviewsFollowed",
    "reviewPending",
    "reviewPendingFirst",
    "reviewFollowedEpisodes",
  ];
  const stale = Prisma.join(
    sumColumn.thresholdKeys.map((k) => Prisma.sql`${col(sumColumn.threshold(k))} <> ${thresholds[k]}::float8`),
    " OR ",
  );
  return Prisma.sql`
    SELECT ${key} AS key, max(s."clinicianName") AS name,
           ${Prisma.join(
             plain.map((c) => Prisma.sql`sum(${col(c)})::int AS ${as(c)}`),
             ", ",
           )},
           ${Prisma.join(measures, ",")},
           ${Prisma.join(
             REASON_KEYS.map((r) => Prisma.sql`sum(${col(sumColumn.reason(r))})::int AS ${as(`reason:${r}`)}`),
             ", ",
           )},
           count(*) FILTER (WHERE ${stale})::int AS stale
      FROM "OutcomeSum" s
     WHERE ${Prisma.join(where, " AND ")}
     GROUP BY 1
     ORDER BY 1`;
}

/**
 * The same rows as `outcomesSql`, read from the clinic's daily sums
 * (lib/data/outcome-sums.ts) and two small counts from partial indexes: the
 * medians and the recurrences not yet due (episodes discharged or back to
 * running), and the planned reviews not yet overdue. Null when the sums
 * cannot answer: they were computed with other thresholds, or the figures are
 * grouped by consideration and filtered by one (pairs of considerations are
 * not summed).
 */
async function summedRows(
  tx: Tx,
  clinicId: string,
  query: OutcomesQuery,
  range: Range,
  thresholds: OutcomesReport["thresholds"],
): Promise<Row[] | null> {
  if (query.groupBy === "consideration" && query.consideration) return null;
  const { today } = range;
  const sums = await tx.$queryRaw<Row[]>(sumsSql(clinicId, query, range, thresholds));
  if (sums.some((r) => num(r, "stale") > 0)) return null;
  const c = cohort(clinicId, query, range);
  const [closed, reviews] = await Promise.all([
    tx.$queryRaw<Row[]>(Prisma.sql`
      SELECT ${c.key} AS key, ${medianAggregates()},
             count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargedOn" + ${RECURRENCE_DAYS}::int > ${today}::date AND NOT o.recurred)::int AS "recurrencePending"
        FROM "EpisodeOutcome" o ${c.unnest}
       WHERE ${c.where} AND (o."returnToRunningOn" IS NOT NULL OR o.status = 'discharged')
       GROUP BY 1`),
    tx.$queryRaw<Row[]>(Prisma.sql`
      SELECT ${c.key} AS key, count(*)::int AS future, count(*) FILTER (WHERE o."reviewsFollowed" = 0)::int AS "futureFirst"
        FROM "EpisodeOutcome" o ${c.unnest}
       WHERE ${c.where} AND o."reviewPending" >= ${today}::date
       GROUP BY 1`),
  ]);
  const byKey = (rows: Row[]) => new Map(rows.map((r) => [String(r.key), r]));
  const closedBy = byKey(closed);
  const reviewsBy = byKey(reviews);
  return sums.map((row) => {
    const k = String(row.key);
    const r = reviewsBy.get(k) ?? {};
    const overdue = num(row, "reviewPending") - num(r, "future");
    const overdueFirst = num(row, "reviewPendingFirst") - num(r, "futureFirst");
    return {
      ...row,
      rtrN: 0,
      rtrMedian: null,
      dischargeN: 0,
      dischargeMedian: null,
      recurrencePending: 0,
      ...closedBy.get(k),
      key: k,
      reviewsDue: num(row, "reviewsFollowed") + overdue,
      reviewEpisodes: num(row, "reviewFollowedEpisodes") + overdueFirst,
    };
  });
}

/**
 * The direct aggregate, JIT off for its transaction: PostgreSQL's JIT spends
 * about 2.3 s compiling its 80 aggregates at 50,000 episodes and saves
 * little (docs/benchmarks.md, "Clinic outcomes").
 */
async function directRows(
  tx: Tx,
  clinicId: string,
  query: OutcomesQuery,
  range: Range,
  thresholds: OutcomesReport["thresholds"],
): Promise<Row[]> {
  await tx.$executeRawUnsafe("SET LOCAL jit = off");
  return tx.$queryRaw<Row[]>(outcomesSql(clinicId, query, range, thresholds));
}

/**
 * The outcome figures of the actor's clinic (admins and clinicians:
 * `outcomes.read`), grouped as asked; audited as a read of the clinic's
 * aggregates (no patient is named).
 */
export async function clinicOutcomes(
  actor: Actor,
  query: OutcomesQuery,
  as: "view" | "export" = "view",
  /** "direct": aggregate the summary rows themselves (the reference the tests hold the sums to). */
  source: "sums" | "direct" = "sums",
): Promise<OutcomesReport> {
  assertCan(actor, "outcomes.read");
  return transaction(async (tx) => {
    const { today } = await clinicClock(tx, actor.clinicId);
    const { from, to } = outcomeRange(query, today);
    const settings = await clinicSettingsIn(tx, actor.clinicId);
    const thresholds = {
      painNow: settings.importantChange.painNow,
      koos: settings.importantChange.koos,
      lefs: settings.importantChange.lefs,
      psfs: settings.importantChange.psfs,
    };
    const groupBy = query.groupBy;
    const range = { from, to, today };
    const rows =
      (source === "sums" ? await summedRows(tx, actor.clinicId, query, range, thresholds) : null) ??
      (await directRows(tx, actor.clinicId, query, range, thresholds));
    const decided = groupFigures(rows);
    const groups: OutcomeGroup[] = rows.map((row, i) => {
      const k = String(row.key);
      const { suppressed, figures } = decided[i]!;
      return {
        key: k,
        label: groupLabel(groupBy, k, typeof row.name === "string" ? row.name : null),
        episodes: suppressed ? null : num(row, "episodes"),
        suppressed,
        figures,
      };
    });
    if (groupBy === "clinician" || groupBy === "consideration") groups.sort((a, b) => a.label.localeCompare(b.label));
    if (groupBy === "none" && groups.length === 0)
      groups.push({ key: "all", label: "Whole clinic", episodes: null, suppressed: true, figures: figuresOf({}, () => true) });
    await audit(tx, actor, {
      action: as === "export" ? "outcomes.export" : "outcomes.view",
      entityType: "Clinic",
      entityId: actor.clinicId,
      detail: {
        from,
        to,
        groupBy,
        ...(query.clinicianId ? { clinicianId: query.clinicianId } : {}),
        ...(query.consideration ? { consideration: query.consideration } : {}),
      },
    });
    return {
      from,
      to,
      today,
      groupBy,
      clinicianId: query.clinicianId ?? null,
      consideration: query.consideration ?? null,
      thresholds,
      groups,
    };
  });
}

/** The clinicians who signed an intake in the clinic (for the filter): id and name as signed. */
export async function outcomeClinicians(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "outcomes.read");
  return transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { clinicId: actor.clinicId, role: { in: ["admin", "clinician"] } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return users;
  });
}
