import "server-only";
import { OUTCOME_MEASURES, OUTCOME_WINDOWS, outcomeColumn, type OutcomeMeasure } from "@/lib/domain/outcomes";
import { RECURRED_SQL, rebuildOutcomeSums, recurredSql, refreshOutcomeSums } from "@/lib/data/outcome-sums";
import type { Tx } from "@/lib/data/tx";

/**
 * The maintained summary behind the clinic outcome figures (docs/outcomes.md):
 * one "EpisodeOutcome" row per episode, computed by one SQL statement from the
 * episode's signed assessments (entered in error never count), its latest
 * discharge, its referrals and its return to running (`Episode.returnedToRunAt`,
 * derived by PostgreSQL; a trigger of the migration copies its changes here). `refreshEpisodeSummary` runs it for the episode
 * it refreshes, so every change that keeps the caseload in step keeps this in
 * step too; the synthetic generator runs it once for a whole clinic ($2 null).
 *
 * Parameters: $1 the clinic, $2 the episode ids (uuid[]) or null for every
 * episode of the clinic.
 */

/** The stored score of a measure in an evaluation (`scores.painNow`, `scores.koos.pain`). */
function scoreSql(measure: OutcomeMeasure, evaluation: string): string {
  const path = measure.split(".");
  const json = path
    .slice(0, -1)
    .map((p) => `->'${p}'`)
    .join("");
  return `(${evaluation}->'scores'${json}->>'${path.at(-1)}')::float8`;
}

const ISO_DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const q = (name: string) => `"${name}"`;

const measureColumns = OUTCOME_MEASURES.map((m) => outcomeColumn(m, "baseline").replace(/Baseline$/, ""));

/** Per measure and point: the value picked from the scored follow-ups (x) of the episode. */
const pickedColumns = OUTCOME_MEASURES.flatMap((m, i) => {
  const v = `x.${q(measureColumns[i]!)}`;
  return [
    ...OUTCOME_WINDOWS.map(
      (w) =>
        `(array_agg(${v} ORDER BY abs(x.day - ${w.day}), x.day, x."signedAt" DESC, x.id DESC) FILTER (WHERE ${v} IS NOT NULL AND x.day BETWEEN ${w.from} AND ${w.to}))[1] AS ${q(outcomeColumn(m, w.key))}`,
    ),
    `(array_agg(${v} ORDER BY x."assessedOn" DESC, x."signedAt" DESC, x.id DESC) FILTER (WHERE ${v} IS NOT NULL AND x."dischargedOn" IS NOT NULL AND x."assessedOn" <= x."dischargedOn"))[1] AS ${q(outcomeColumn(m, "discharge"))}`,
  ];
});

const valueColumns = OUTCOME_MEASURES.flatMap((m) => [
  outcomeColumn(m, "baseline"),
  ...OUTCOME_WINDOWS.map((w) => outcomeColumn(m, w.key)),
  outcomeColumn(m, "discharge"),
]);

const COLUMNS = [
  "episodeId",
  "clinicId",
  "patientId",
  "side",
  "status",
  "openedOn",
  "clinicianId",
  "clinicianName",
  "considerations",
  "dischargedOn",
  "dischargeReason",
  "returnToRunningOn",
  "referred",
  "redFlag",
  "reviewsFollowed",
  "reviewsOnTime",
  "reviewPending",
  ...valueColumns,
];

export const REFRESH_EPISODE_OUTCOMES_SQL = `
WITH ep AS (
  SELECT e.id, e."clinicId", e."patientId", e.side, e.status, e."returnedToRunAt", (e."createdAt" AT TIME ZONE c.timezone)::date AS "createdOn",
         (e."dischargedAt" AT TIME ZONE c.timezone)::date AS "dischargedOn"
    FROM "Episode" e JOIN "Clinic" c ON c.id = e."clinicId"
   WHERE e."clinicId" = $1::uuid AND c.id = $1::uuid AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))
), signed AS (
  SELECT a.id, a."episodeId", a.kind, a."assessedOn", a."signedAt", a."signedById", a."signedByName", a.evaluation,
         CASE WHEN a.answers->'plan'->>'nextReviewDate' ~ ${ISO_DATE} THEN (a.answers->'plan'->>'nextReviewDate')::date END AS planned,
         lead(a."assessedOn") OVER (PARTITION BY a."episodeId" ORDER BY a."assessedOn", a."signedAt", a.id) AS "nextOn"
    FROM "Assessment" a JOIN ep ON ep.id = a."episodeId"
   WHERE a."clinicId" = $1::uuid AND a.status = 'signed'
), base AS (
  SELECT DISTINCT ON (s."episodeId") s.*
    FROM signed s
   ORDER BY s."episodeId", (s.kind = 'intake') DESC, s."assessedOn", s."signedAt", s.id
), dis AS (
  SELECT ep.id AS "episodeId", COALESCE(d."dischargedOn", ep."dischargedOn") AS "dischargedOn", d.reason
    FROM ep LEFT JOIN LATERAL (
      SELECT d."dischargedOn", d.reason
        FROM "Discharge" d
       WHERE d."clinicId" = $1::uuid AND d."episodeId" = ep.id
       ORDER BY d."createdAt" DESC, d.id DESC LIMIT 1
    ) d ON true
   WHERE ep.status = 'discharged'
), scored AS (
  SELECT s.id, s."episodeId", s."assessedOn", s."signedAt", s."assessedOn" - b."assessedOn" AS day, dis."dischargedOn",
         ${OUTCOME_MEASURES.map((m, i) => `${scoreSql(m, "s.evaluation")} AS ${q(measureColumns[i]!)}`).join(",\n         ")}
    FROM signed s JOIN base b ON b."episodeId" = s."episodeId" AND b.id <> s.id
    LEFT JOIN dis ON dis."episodeId" = s."episodeId"
), picked AS (
  SELECT x."episodeId",
         ${pickedColumns.join(",\n         ")}
    FROM scored x
   GROUP BY x."episodeId"
), visits AS (
  SELECT s."episodeId",
         bool_or(jsonb_typeof(s.evaluation->'redFlags') = 'array' AND jsonb_array_length(s.evaluation->'redFlags') > 0) AS "redFlag",
         count(*) FILTER (WHERE s.planned IS NOT NULL AND s."nextOn" IS NOT NULL)::int AS "reviewsFollowed",
         count(*) FILTER (WHERE s.planned IS NOT NULL AND s."nextOn" <= s.planned)::int AS "reviewsOnTime",
         max(s.planned) FILTER (WHERE s."nextOn" IS NULL) AS "reviewPending"
    FROM signed s
   GROUP BY s."episodeId"
), referred AS (
  SELECT DISTINCT r."episodeId"
    FROM "Referral" r JOIN ep ON ep.id = r."episodeId"
   WHERE r."clinicId" = $1::uuid AND r.status IN ('signed', 'sent')
)
INSERT INTO "EpisodeOutcome" (${COLUMNS.map(q).join(", ")})
SELECT ep.id, ep."clinicId", ep."patientId", ep.side, ep.status,
       COALESCE(b."assessedOn", ep."createdOn"),
       b."signedById", b."signedByName",
       COALESCE(ARRAY(SELECT c->>'code' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(b.evaluation->'considerations') = 'array' THEN b.evaluation->'considerations' ELSE '[]'::jsonb END) c), '{}'),
       dis."dischargedOn", dis.reason, ep."returnedToRunAt",
       referred."episodeId" IS NOT NULL,
       COALESCE(v."redFlag", false), COALESCE(v."reviewsFollowed", 0), COALESCE(v."reviewsOnTime", 0),
       CASE WHEN ep.status = 'open' THEN v."reviewPending" END,
       ${OUTCOME_MEASURES.flatMap((m) => [
         scoreSql(m, "b.evaluation"),
         ...OUTCOME_WINDOWS.map((w) => `p.${q(outcomeColumn(m, w.key))}`),
         `p.${q(outcomeColumn(m, "discharge"))}`,
       ]).join(", ")}
  FROM ep
  LEFT JOIN base b ON b."episodeId" = ep.id
  LEFT JOIN dis ON dis."episodeId" = ep.id
  LEFT JOIN picked p ON p."episodeId" = ep.id
  LEFT JOIN visits v ON v."episodeId" = ep.id
  LEFT JOIN referred ON referred."episodeId" = ep.id
ON CONFLICT ("episodeId") DO UPDATE SET
  ${COLUMNS.slice(2)
    .map((c) => `${q(c)} = EXCLUDED.${q(c)}`)
    .join(", ")}, "refreshedAt" = now()
`;

const DAY_SQL = `SELECT to_char("openedOn", 'YYYY-MM-DD') AS day FROM "EpisodeOutcome" WHERE "clinicId" = $1::uuid AND "episodeId" = $2::uuid`;

/**
 * Recomputes the outcome summary of one episode (call it in the transaction
 * that changed it), the recurrence of the runner's episodes, and the
 * clinic's daily sums of the days these rows were and are opened on
 * (lib/data/outcome-sums.ts).
 */
export async function refreshEpisodeOutcome(tx: Tx, clinicId: string, episodeId: string): Promise<void> {
  const before = await tx.$queryRawUnsafe<{ day: string }[]>(DAY_SQL, clinicId, episodeId);
  await tx.$executeRawUnsafe(REFRESH_EPISODE_OUTCOMES_SQL, clinicId, [episodeId]);
  const after = await tx.$queryRawUnsafe<{ day: string }[]>(
    `WITH changed AS (${recurredSql(`e."patientId" = (SELECT "patientId" FROM "EpisodeOutcome" WHERE "clinicId" = $1::uuid AND "episodeId" = $2::uuid)`)})
     SELECT day FROM changed UNION ${DAY_SQL}`,
    clinicId,
    episodeId,
  );
  await refreshOutcomeSums(
    tx,
    clinicId,
    [...before, ...after].map((r) => r.day),
  );
}

/**
 * Recomputes the outcome summary of every episode of a clinic in one
 * statement (episodes made before the summary existed; a changed
 * definition), their recurrences, and rebuilds the clinic's daily sums.
 * Returns the number of episodes.
 */
export async function refreshClinicOutcomes(tx: Pick<Tx, "$executeRawUnsafe">, clinicId: string): Promise<number> {
  const episodes = await tx.$executeRawUnsafe(REFRESH_EPISODE_OUTCOMES_SQL, clinicId, null);
  await tx.$executeRawUnsafe(RECURRED_SQL, clinicId, null);
  await rebuildOutcomeSums(tx, clinicId);
  return episodes;
}
