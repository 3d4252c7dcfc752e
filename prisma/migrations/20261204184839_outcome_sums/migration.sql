-- AlterTable
ALTER TABLE "EpisodeOutcome" ADD COLUMN     "recurred" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OutcomeSum" (
    "clinicId" UUID NOT NULL,
    "openedOn" DATE NOT NULL,
    "clinicianKey" TEXT NOT NULL,
    "consideration" TEXT NOT NULL,
    "clinicianName" TEXT,
    "thresholdPain" DOUBLE PRECISION NOT NULL,
    "thresholdKoos" DOUBLE PRECISION NOT NULL,
    "thresholdLefs" DOUBLE PRECISION NOT NULL,
    "thresholdPsfs" DOUBLE PRECISION NOT NULL,
    "episodes" INTEGER NOT NULL DEFAULT 0,
    "discharged" INTEGER NOT NULL DEFAULT 0,
    "open" INTEGER NOT NULL DEFAULT 0,
    "referred" INTEGER NOT NULL DEFAULT 0,
    "redFlag" INTEGER NOT NULL DEFAULT 0,
    "recurred" INTEGER NOT NULL DEFAULT 0,
    "reviewsFollowed" INTEGER NOT NULL DEFAULT 0,
    "reviewsOnTime" INTEGER NOT NULL DEFAULT 0,
    "reviewFollowedEpisodes" INTEGER NOT NULL DEFAULT 0,
    "reviewPending" INTEGER NOT NULL DEFAULT 0,
    "reviewPendingFirst" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek6Measured" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek6Improved" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek6MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek6UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek12Measured" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek12Improved" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek12MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "painNowWeek12UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "painNowDischargeMeasured" INTEGER NOT NULL DEFAULT 0,
    "painNowDischargeImproved" INTEGER NOT NULL DEFAULT 0,
    "painNowDischargeMissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek6Measured" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek6Improved" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek6MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek6UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek12Measured" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek12Improved" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek12MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosPainWeek12UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "koosPainDischargeMeasured" INTEGER NOT NULL DEFAULT 0,
    "koosPainDischargeImproved" INTEGER NOT NULL DEFAULT 0,
    "koosPainDischargeMissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek6Measured" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek6Improved" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek6MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek6UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek12Measured" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek12Improved" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek12MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "koosSportWeek12UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "koosSportDischargeMeasured" INTEGER NOT NULL DEFAULT 0,
    "koosSportDischargeImproved" INTEGER NOT NULL DEFAULT 0,
    "koosSportDischargeMissingClosed" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek6Measured" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek6Improved" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek6MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek6UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek12Measured" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek12Improved" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek12MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "lefsWeek12UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "lefsDischargeMeasured" INTEGER NOT NULL DEFAULT 0,
    "lefsDischargeImproved" INTEGER NOT NULL DEFAULT 0,
    "lefsDischargeMissingClosed" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek6Measured" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek6Improved" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek6MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek6UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek12Measured" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek12Improved" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek12MissingClosed" INTEGER NOT NULL DEFAULT 0,
    "psfsWeek12UnmeasuredOpen" INTEGER NOT NULL DEFAULT 0,
    "psfsDischargeMeasured" INTEGER NOT NULL DEFAULT 0,
    "psfsDischargeImproved" INTEGER NOT NULL DEFAULT 0,
    "psfsDischargeMissingClosed" INTEGER NOT NULL DEFAULT 0,
    "reasonReturnedToFullRunning" INTEGER NOT NULL DEFAULT 0,
    "reasonGoalRaceCompleted" INTEGER NOT NULL DEFAULT 0,
    "reasonReferredOn" INTEGER NOT NULL DEFAULT 0,
    "reasonSelfDischarged" INTEGER NOT NULL DEFAULT 0,
    "reasonLostToFollowUp" INTEGER NOT NULL DEFAULT 0,
    "reasonOther" INTEGER NOT NULL DEFAULT 0,
    "reasonNotRecorded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OutcomeSum_pkey" PRIMARY KEY ("clinicId","openedOn","clinicianKey","consideration")
);

-- AddForeignKey
ALTER TABLE "OutcomeSum" ADD CONSTRAINT "OutcomeSum_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Partial indexes for the parts of the figures that depend on today, counted
-- on read (lib/data/outcomes.ts): the episodes behind the medians and the
-- recurrences not yet due, and the open episodes with a planned review.
CREATE INDEX "EpisodeOutcome_closed_idx" ON "EpisodeOutcome" ("clinicId", "openedOn")
  INCLUDE ("returnToRunningOn", "dischargedOn", status, recurred, "clinicianId", considerations)
  WHERE "returnToRunningOn" IS NOT NULL OR status = 'discharged';
CREATE INDEX "EpisodeOutcome_review_idx" ON "EpisodeOutcome" ("clinicId", "reviewPending")
  INCLUDE ("openedOn", status, "reviewsFollowed", "clinicianId", considerations)
  WHERE "reviewPending" IS NOT NULL;

-- Backfill, generated from lib/data/outcome-sums.ts (RECURRED_SQL,
-- INSERT_SUMS_SQL) as they stood when this migration was written; later
-- changes of the definitions are applied by npm run db:backfill-outcomes.
DO $backfill$
DECLARE c uuid;
BEGIN
  FOR c IN SELECT id FROM "Clinic" LOOP
    EXECUTE $recurred$
UPDATE "EpisodeOutcome" o SET recurred = x.r
  FROM (
    SELECT e."episodeId", (e.status = 'discharged' AND EXISTS (
             SELECT 1 FROM "EpisodeOutcome" n
              WHERE n."clinicId" = $1::uuid AND n."patientId" = e."patientId"
                AND n."episodeId" <> e."episodeId" AND n.status <> 'opened_in_error'
                AND (n.side = e.side OR n.side = 'both' OR e.side = 'both')
                AND n."openedOn" >= e."dischargedOn" AND n."openedOn" <= e."dischargedOn" + 365::int)) AS r
      FROM "EpisodeOutcome" e
     WHERE e."clinicId" = $1::uuid AND ($2::uuid[] IS NULL OR e."patientId" = ANY($2::uuid[]))
  ) x
 WHERE o."clinicId" = $1::uuid AND o."episodeId" = x."episodeId" AND o.recurred IS DISTINCT FROM x.r
RETURNING to_char(o."openedOn", 'YYYY-MM-DD') AS day$recurred$ USING c, NULL::uuid[];
    EXECUTE $sums$
INSERT INTO "OutcomeSum" ("clinicId", "openedOn", "clinicianKey", consideration, "clinicianName", "thresholdPain", "thresholdKoos", "thresholdLefs", "thresholdPsfs", "episodes", "discharged", "open", "referred", "redFlag", "recurred", "reviewsFollowed", "reviewsOnTime", "reviewFollowedEpisodes", "reviewPending", "reviewPendingFirst", "painNowWeek6Measured", "painNowWeek6Improved", "painNowWeek6MissingClosed", "painNowWeek6UnmeasuredOpen", "painNowWeek12Measured", "painNowWeek12Improved", "painNowWeek12MissingClosed", "painNowWeek12UnmeasuredOpen", "painNowDischargeMeasured", "painNowDischargeImproved", "painNowDischargeMissingClosed", "koosPainWeek6Measured", "koosPainWeek6Improved", "koosPainWeek6MissingClosed", "koosPainWeek6UnmeasuredOpen", "koosPainWeek12Measured", "koosPainWeek12Improved", "koosPainWeek12MissingClosed", "koosPainWeek12UnmeasuredOpen", "koosPainDischargeMeasured", "koosPainDischargeImproved", "koosPainDischargeMissingClosed", "koosSportWeek6Measured", "koosSportWeek6Improved", "koosSportWeek6MissingClosed", "koosSportWeek6UnmeasuredOpen", "koosSportWeek12Measured", "koosSportWeek12Improved", "koosSportWeek12MissingClosed", "koosSportWeek12UnmeasuredOpen", "koosSportDischargeMeasured", "koosSportDischargeImproved", "koosSportDischargeMissingClosed", "lefsWeek6Measured", "lefsWeek6Improved", "lefsWeek6MissingClosed", "lefsWeek6UnmeasuredOpen", "lefsWeek12Measured", "lefsWeek12Improved", "lefsWeek12MissingClosed", "lefsWeek12UnmeasuredOpen", "lefsDischargeMeasured", "lefsDischargeImproved", "lefsDischargeMissingClosed", "psfsWeek6Measured", "psfsWeek6Improved", "psfsWeek6MissingClosed", "psfsWeek6UnmeasuredOpen", "psfsWeek12Measured", "psfsWeek12Improved", "psfsWeek12MissingClosed", "psfsWeek12UnmeasuredOpen", "psfsDischargeMeasured", "psfsDischargeImproved", "psfsDischargeMissingClosed", "reasonReturnedToFullRunning", "reasonGoalRaceCompleted", "reasonReferredOn", "reasonSelfDischarged", "reasonLostToFollowUp", "reasonOther", "reasonNotRecorded")
SELECT o."clinicId", o."openedOn", COALESCE(o."clinicianId"::text, 'none'), k.code, max(o."clinicianName"),
       COALESCE(cs."importantChangePain", 2), COALESCE(cs."importantChangeKoos", 10), COALESCE(cs."importantChangeLefs", 9), COALESCE(cs."importantChangePsfs", 2),
       count(*) FILTER (WHERE true)::int,
       count(*) FILTER (WHERE o.status = 'discharged')::int,
       count(*) FILTER (WHERE o.status = 'open')::int,
       count(*) FILTER (WHERE o.referred)::int,
       count(*) FILTER (WHERE o."redFlag")::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o.recurred)::int,
       COALESCE(sum(o."reviewsFollowed"), 0)::int,
       COALESCE(sum(o."reviewsOnTime"), 0)::int,
       count(*) FILTER (WHERE o."reviewsFollowed" > 0)::int,
       count(*) FILTER (WHERE o."reviewPending" IS NOT NULL)::int,
       count(*) FILTER (WHERE o."reviewPending" IS NOT NULL AND o."reviewsFollowed" = 0)::int,
       count(*) FILTER (WHERE true AND o."painNowBaseline" IS NOT NULL AND o."painNowWeek6" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."painNowBaseline" IS NOT NULL AND o."painNowWeek6" IS NOT NULL AND (round((o."painNowBaseline" * 10)::numeric) - round((o."painNowWeek6" * 10)::numeric)) >= (COALESCE(cs."importantChangePain", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."painNowBaseline" IS NOT NULL AND o."painNowWeek6" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."painNowBaseline" IS NOT NULL AND o."painNowWeek6" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE true AND o."painNowBaseline" IS NOT NULL AND o."painNowWeek12" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."painNowBaseline" IS NOT NULL AND o."painNowWeek12" IS NOT NULL AND (round((o."painNowBaseline" * 10)::numeric) - round((o."painNowWeek12" * 10)::numeric)) >= (COALESCE(cs."importantChangePain", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."painNowBaseline" IS NOT NULL AND o."painNowWeek12" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."painNowBaseline" IS NOT NULL AND o."painNowWeek12" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."painNowBaseline" IS NOT NULL AND o."painNowDischarge" IS NOT NULL)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."painNowBaseline" IS NOT NULL AND o."painNowDischarge" IS NOT NULL AND (round((o."painNowBaseline" * 10)::numeric) - round((o."painNowDischarge" * 10)::numeric)) >= (COALESCE(cs."importantChangePain", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND NOT (o."painNowBaseline" IS NOT NULL AND o."painNowDischarge" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE true AND o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek6" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek6" IS NOT NULL AND (round((o."koosPainWeek6" * 10)::numeric) - round((o."koosPainBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek6" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek6" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE true AND o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek12" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek12" IS NOT NULL AND (round((o."koosPainWeek12" * 10)::numeric) - round((o."koosPainBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek12" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."koosPainBaseline" IS NOT NULL AND o."koosPainWeek12" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."koosPainBaseline" IS NOT NULL AND o."koosPainDischarge" IS NOT NULL)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."koosPainBaseline" IS NOT NULL AND o."koosPainDischarge" IS NOT NULL AND (round((o."koosPainDischarge" * 10)::numeric) - round((o."koosPainBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND NOT (o."koosPainBaseline" IS NOT NULL AND o."koosPainDischarge" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE true AND o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek6" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek6" IS NOT NULL AND (round((o."koosSportWeek6" * 10)::numeric) - round((o."koosSportBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek6" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek6" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE true AND o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek12" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek12" IS NOT NULL AND (round((o."koosSportWeek12" * 10)::numeric) - round((o."koosSportBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek12" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."koosSportBaseline" IS NOT NULL AND o."koosSportWeek12" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."koosSportBaseline" IS NOT NULL AND o."koosSportDischarge" IS NOT NULL)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."koosSportBaseline" IS NOT NULL AND o."koosSportDischarge" IS NOT NULL AND (round((o."koosSportDischarge" * 10)::numeric) - round((o."koosSportBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeKoos", 10) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND NOT (o."koosSportBaseline" IS NOT NULL AND o."koosSportDischarge" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE true AND o."lefsBaseline" IS NOT NULL AND o."lefsWeek6" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."lefsBaseline" IS NOT NULL AND o."lefsWeek6" IS NOT NULL AND (round((o."lefsWeek6" * 10)::numeric) - round((o."lefsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeLefs", 9) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."lefsBaseline" IS NOT NULL AND o."lefsWeek6" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."lefsBaseline" IS NOT NULL AND o."lefsWeek6" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE true AND o."lefsBaseline" IS NOT NULL AND o."lefsWeek12" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."lefsBaseline" IS NOT NULL AND o."lefsWeek12" IS NOT NULL AND (round((o."lefsWeek12" * 10)::numeric) - round((o."lefsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeLefs", 9) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."lefsBaseline" IS NOT NULL AND o."lefsWeek12" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."lefsBaseline" IS NOT NULL AND o."lefsWeek12" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."lefsBaseline" IS NOT NULL AND o."lefsDischarge" IS NOT NULL)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."lefsBaseline" IS NOT NULL AND o."lefsDischarge" IS NOT NULL AND (round((o."lefsDischarge" * 10)::numeric) - round((o."lefsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangeLefs", 9) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND NOT (o."lefsBaseline" IS NOT NULL AND o."lefsDischarge" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE true AND o."psfsBaseline" IS NOT NULL AND o."psfsWeek6" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."psfsBaseline" IS NOT NULL AND o."psfsWeek6" IS NOT NULL AND (round((o."psfsWeek6" * 10)::numeric) - round((o."psfsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangePsfs", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."psfsBaseline" IS NOT NULL AND o."psfsWeek6" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."psfsBaseline" IS NOT NULL AND o."psfsWeek6" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE true AND o."psfsBaseline" IS NOT NULL AND o."psfsWeek12" IS NOT NULL)::int,
       count(*) FILTER (WHERE true AND o."psfsBaseline" IS NOT NULL AND o."psfsWeek12" IS NOT NULL AND (round((o."psfsWeek12" * 10)::numeric) - round((o."psfsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangePsfs", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE true AND NOT (o."psfsBaseline" IS NOT NULL AND o."psfsWeek12" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE NOT (o."psfsBaseline" IS NOT NULL AND o."psfsWeek12" IS NOT NULL) AND o.status = 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."psfsBaseline" IS NOT NULL AND o."psfsDischarge" IS NOT NULL)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."psfsBaseline" IS NOT NULL AND o."psfsDischarge" IS NOT NULL AND (round((o."psfsDischarge" * 10)::numeric) - round((o."psfsBaseline" * 10)::numeric)) >= (COALESCE(cs."importantChangePsfs", 2) * 10)::numeric - 0.000001)::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND NOT (o."psfsBaseline" IS NOT NULL AND o."psfsDischarge" IS NOT NULL) AND o.status <> 'open')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'returned_to_full_running')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'goal_race_completed')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'referred_on')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'self_discharged')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'lost_to_follow_up')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" = 'other')::int,
       count(*) FILTER (WHERE o.status = 'discharged' AND o."dischargeReason" IS NULL)::int
  FROM "EpisodeOutcome" o
  LEFT JOIN "ClinicSettings" cs ON cs."clinicId" = o."clinicId"
  CROSS JOIN LATERAL unnest(ARRAY['*'] || CASE WHEN cardinality(o.considerations) = 0 THEN ARRAY['none'] ELSE o.considerations END) AS k(code)
 WHERE o."clinicId" = $1::uuid AND o.status <> 'opened_in_error' AND ($2::date[] IS NULL OR o."openedOn" = ANY($2::date[]))
 GROUP BY o."clinicId", o."openedOn", 3, k.code, 6, 7, 8, 9$sums$ USING c, NULL::date[];
  END LOOP;
END
$backfill$;
