-- CreateEnum
CREATE TYPE "ReturnToRunStep" AS ENUM ('start', 'advance', 'hold', 'step_back', 'complete');

-- AlterTable
ALTER TABLE "ClinicSettings" ADD COLUMN     "returnToRunLadder" JSONB;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "returnedToRunAt" DATE;

-- AlterTable
ALTER TABLE "Patient" ADD COLUMN     "goalEventDistanceKm" DOUBLE PRECISION,
ADD COLUMN     "gpAddress" TEXT,
ADD COLUMN     "gpName" TEXT,
ADD COLUMN     "gpPractice" TEXT;

-- CreateTable
CREATE TABLE "ReturnToRunPlan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "ladder" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReturnToRunPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnToRunDecision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "step" "ReturnToRunStep" NOT NULL,
    "fromStage" INTEGER NOT NULL,
    "toStage" INTEGER NOT NULL,
    "proposedStep" "ReturnToRunStep",
    "proposedReason" TEXT,
    "reason" TEXT,
    "adviceMode" TEXT NOT NULL,
    "maxPainDuringRun" INTEGER,
    "entryCriteria" JSONB,
    "decidedOn" DATE NOT NULL,
    "decidedById" UUID NOT NULL,
    "decidedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReturnToRunDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnToRunPlan_clinicId_episodeId_key" ON "ReturnToRunPlan"("clinicId", "episodeId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnToRunPlan_clinicId_id_key" ON "ReturnToRunPlan"("clinicId", "id");

-- CreateIndex
CREATE INDEX "ReturnToRunDecision_clinicId_episodeId_createdAt_idx" ON "ReturnToRunDecision"("clinicId", "episodeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnToRunDecision_clinicId_id_key" ON "ReturnToRunDecision"("clinicId", "id");

-- AddForeignKey
ALTER TABLE "ReturnToRunPlan" ADD CONSTRAINT "ReturnToRunPlan_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnToRunPlan" ADD CONSTRAINT "ReturnToRunPlan_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnToRunDecision" ADD CONSTRAINT "ReturnToRunDecision_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnToRunDecision" ADD CONSTRAINT "ReturnToRunDecision_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnToRunDecision" ADD CONSTRAINT "ReturnToRunDecision_clinicId_planId_fkey" FOREIGN KEY ("clinicId", "planId") REFERENCES "ReturnToRunPlan"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the return-to-run plan and its decisions are part of the
-- record, append-only (SQLSTATE KC001): a change of stage is a new decision.
-- The clinician's name is stamped from "User". A decision belongs to its
-- plan's episode. The app's role may only SELECT and INSERT (prisma/grants.ts).
ALTER TABLE "ReturnToRunDecision" ADD CONSTRAINT "ReturnToRunDecision_stages_valid"
  CHECK ("fromStage" >= 0 AND "toStage" >= 0);
ALTER TABLE "ReturnToRunDecision" ADD CONSTRAINT "ReturnToRunDecision_advice_mode_known"
  CHECK ("adviceMode" IN ('stop', 'screen_incomplete', 'pain_free', 'pain_monitored'));
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_goal_distance_range"
  CHECK ("goalEventDistanceKm" IS NULL OR ("goalEventDistanceKm" > 0 AND "goalEventDistanceKm" <= 500));

CREATE OR REPLACE FUNCTION kc_return_to_run_plan_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'return-to-run plan % is part of the record: it can never be changed or deleted (record a decision instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."createdByName" FROM kc_stamp_signer(NEW."clinicId", NEW."createdById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER return_to_run_plan_guard BEFORE INSERT OR UPDATE OR DELETE ON "ReturnToRunPlan"
  FOR EACH ROW EXECUTE FUNCTION kc_return_to_run_plan_guard();
CREATE TRIGGER return_to_run_plan_no_truncate BEFORE TRUNCATE ON "ReturnToRunPlan"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_return_to_run_plan_guard();

CREATE OR REPLACE FUNCTION kc_return_to_run_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'return-to-run decision % is part of the record: it can never be changed or deleted (record a new decision instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "ReturnToRunPlan" p WHERE p.id = NEW."planId" AND p."clinicId" = NEW."clinicId" AND p."episodeId" = NEW."episodeId") THEN
    RAISE EXCEPTION 'return-to-run decision of plan % names another episode', NEW."planId" USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."decidedByName" FROM kc_stamp_signer(NEW."clinicId", NEW."decidedById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER return_to_run_decision_guard BEFORE INSERT OR UPDATE OR DELETE ON "ReturnToRunDecision"
  FOR EACH ROW EXECUTE FUNCTION kc_return_to_run_decision_guard();
CREATE TRIGGER return_to_run_decision_no_truncate BEFORE TRUNCATE ON "ReturnToRunDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_return_to_run_decision_guard();

-- "Episode"."returnedToRunAt": the day the runner returned to running, derived
-- here so that every writer (the app, the seed, a script) keeps it in step and
-- any report can query it: the latest discharge's "returnToRunningOn" when it
-- records one, else the day the clinician confirmed the plan's last stage
-- complete (the first such decision), else null.
CREATE OR REPLACE FUNCTION kc_refresh_returned_to_run(clinic uuid, episode uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  returned date;
BEGIN
  returned := COALESCE(
    (SELECT d."returnToRunningOn" FROM "Discharge" d
      WHERE d."clinicId" = clinic AND d."episodeId" = episode
      ORDER BY d."createdAt" DESC, d.id DESC LIMIT 1),
    (SELECT x."decidedOn" FROM "ReturnToRunDecision" x
      WHERE x."clinicId" = clinic AND x."episodeId" = episode AND x.step = 'complete'
      ORDER BY x."createdAt" ASC, x.id ASC LIMIT 1));
  UPDATE "Episode" SET "returnedToRunAt" = returned
  WHERE id = episode AND "clinicId" = clinic AND "returnedToRunAt" IS DISTINCT FROM returned;
END;
$$;

CREATE OR REPLACE FUNCTION kc_returned_to_run_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kc_refresh_returned_to_run(NEW."clinicId", NEW."episodeId");
  RETURN NULL;
END;
$$;

CREATE TRIGGER discharge_returned_to_run AFTER INSERT ON "Discharge"
  FOR EACH ROW EXECUTE FUNCTION kc_returned_to_run_changed();
CREATE TRIGGER return_to_run_decision_returned_to_run AFTER INSERT ON "ReturnToRunDecision"
  FOR EACH ROW EXECUTE FUNCTION kc_returned_to_run_changed();

-- The discharges recorded before this migration.
UPDATE "Episode" e SET "returnedToRunAt" = d."returnToRunningOn"
FROM (SELECT DISTINCT ON ("clinicId", "episodeId") "clinicId", "episodeId", "returnToRunningOn"
        FROM "Discharge" ORDER BY "clinicId", "episodeId", "createdAt" DESC, id DESC) d
WHERE e."clinicId" = d."clinicId" AND e.id = d."episodeId" AND d."returnToRunningOn" IS NOT NULL;
