-- Hand-written: "Worsening" on the caseload no longer counts a lower Tegner
-- level (it drops when rest from running is advised). Recomputes
-- "Episode".worsening from each episode's latest signed evaluation as
-- lib/data/episode-summary.ts does, over the measures of WORSENING_MEASURES
-- (lib/domain/measures.ts; tests/unit/domain/sql-drift.test.ts checks the
-- list). The caseload counts follow through the "Episode" update triggers.
WITH latest AS (
  SELECT DISTINCT ON ("episodeId") "episodeId", evaluation
    FROM "Assessment"
   WHERE status = 'signed'
   ORDER BY "episodeId", "assessedOn" DESC, "createdAt" DESC
), recomputed AS (
  SELECT l."episodeId",
         coalesce((SELECT bool_or(c.value->>'vsPrevious' = 'worsened')
                     FROM jsonb_each(CASE WHEN jsonb_typeof(l.evaluation->'changes') = 'object' THEN l.evaluation->'changes' END) c
                    WHERE c.key IN ('painNow', 'koos.pain', 'koos.symptoms', 'koos.adl', 'koos.sport', 'koos.qol', 'lefs', 'psfs')), false) AS worsening
    FROM latest l
)
UPDATE "Episode" e SET worsening = recomputed.worsening
  FROM recomputed
 WHERE e.id = recomputed."episodeId" AND e.worsening IS DISTINCT FROM recomputed.worsening;
