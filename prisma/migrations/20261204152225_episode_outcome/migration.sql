-- CreateTable
CREATE TABLE "EpisodeOutcome" (
    "episodeId" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "side" "Side" NOT NULL,
    "status" "EpisodeStatus" NOT NULL,
    "openedOn" DATE NOT NULL,
    "clinicianId" UUID,
    "clinicianName" TEXT,
    "considerations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "dischargedOn" DATE,
    "dischargeReason" "DischargeReason",
    "returnToRunningOn" DATE,
    "referred" BOOLEAN NOT NULL DEFAULT false,
    "redFlag" BOOLEAN NOT NULL DEFAULT false,
    "reviewsFollowed" INTEGER NOT NULL DEFAULT 0,
    "reviewsOnTime" INTEGER NOT NULL DEFAULT 0,
    "reviewPending" DATE,
    "painNowBaseline" DOUBLE PRECISION,
    "painNowWeek6" DOUBLE PRECISION,
    "painNowWeek12" DOUBLE PRECISION,
    "painNowDischarge" DOUBLE PRECISION,
    "koosPainBaseline" DOUBLE PRECISION,
    "koosPainWeek6" DOUBLE PRECISION,
    "koosPainWeek12" DOUBLE PRECISION,
    "koosPainDischarge" DOUBLE PRECISION,
    "koosSportBaseline" DOUBLE PRECISION,
    "koosSportWeek6" DOUBLE PRECISION,
    "koosSportWeek12" DOUBLE PRECISION,
    "koosSportDischarge" DOUBLE PRECISION,
    "lefsBaseline" DOUBLE PRECISION,
    "lefsWeek6" DOUBLE PRECISION,
    "lefsWeek12" DOUBLE PRECISION,
    "lefsDischarge" DOUBLE PRECISION,
    "psfsBaseline" DOUBLE PRECISION,
    "psfsWeek6" DOUBLE PRECISION,
    "psfsWeek12" DOUBLE PRECISION,
    "psfsDischarge" DOUBLE PRECISION,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EpisodeOutcome_pkey" PRIMARY KEY ("episodeId")
);

-- CreateIndex
CREATE INDEX "EpisodeOutcome_clinicId_openedOn_idx" ON "EpisodeOutcome"("clinicId", "openedOn");

-- CreateIndex
CREATE INDEX "EpisodeOutcome_clinicId_patientId_openedOn_idx" ON "EpisodeOutcome"("clinicId", "patientId", "openedOn");

-- CreateIndex
CREATE UNIQUE INDEX "EpisodeOutcome_clinicId_episodeId_key" ON "EpisodeOutcome"("clinicId", "episodeId");

-- AddForeignKey
ALTER TABLE "EpisodeOutcome" ADD CONSTRAINT "EpisodeOutcome_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeOutcome" ADD CONSTRAINT "EpisodeOutcome_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "EpisodeOutcome"."returnToRunningOn" follows "Episode"."returnedToRunAt",
-- which PostgreSQL derives itself (kc_refresh_returned_to_run) when a
-- discharge or a return-to-run decision is recorded: copy each change.
CREATE FUNCTION kc_episode_outcome_returned_to_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EpisodeOutcome" SET "returnToRunningOn" = NEW."returnedToRunAt"
   WHERE "episodeId" = NEW.id AND "clinicId" = NEW."clinicId";
  RETURN NULL;
END $$;

CREATE TRIGGER episode_outcome_returned_to_run
  AFTER UPDATE OF "returnedToRunAt" ON "Episode"
  FOR EACH ROW WHEN (OLD."returnedToRunAt" IS DISTINCT FROM NEW."returnedToRunAt")
  EXECUTE FUNCTION kc_episode_outcome_returned_to_run();
