-- CreateEnum
CREATE TYPE "DischargeReason" AS ENUM ('returned_to_full_running', 'goal_race_completed', 'referred_on', 'self_discharged', 'lost_to_follow_up', 'other');

-- CreateTable
CREATE TABLE "Discharge" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "reason" "DischargeReason" NOT NULL,
    "reasonText" TEXT,
    "dischargedOn" DATE NOT NULL,
    "returnToRunningOn" DATE,
    "notes" TEXT,
    "outcome" JSONB NOT NULL,
    "dischargedById" UUID NOT NULL,
    "dischargedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Discharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Discharge_clinicId_episodeId_createdAt_idx" ON "Discharge"("clinicId", "episodeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Discharge_clinicId_id_key" ON "Discharge"("clinicId", "id");

-- AddForeignKey
ALTER TABLE "Discharge" ADD CONSTRAINT "Discharge_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Discharge" ADD CONSTRAINT "Discharge_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a discharge is part of the record, append-only (SQLSTATE
-- KC001, as the sealed records of migration …_sealed_records): a reopened
-- episode keeps its earlier discharges. "other" carries its words; the
-- clinician's name is stamped from "User" (as a signer's is). The app's role
-- may only SELECT and INSERT (prisma/grants.ts).
ALTER TABLE "Discharge" ADD CONSTRAINT "Discharge_reason_text_required"
  CHECK ("reason" <> 'other' OR ("reasonText" IS NOT NULL AND btrim("reasonText") <> ''));

CREATE OR REPLACE FUNCTION kc_discharge_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'discharge % is part of the record: it can never be changed or deleted (reopen the episode and discharge it again instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."dischargedByName" FROM kc_stamp_signer(NEW."clinicId", NEW."dischargedById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER discharge_guard BEFORE INSERT OR UPDATE OR DELETE ON "Discharge"
  FOR EACH ROW EXECUTE FUNCTION kc_discharge_guard();
CREATE TRIGGER discharge_no_truncate BEFORE TRUNCATE ON "Discharge"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_discharge_guard();
