-- AlterTable
ALTER TABLE "Patient" ADD COLUMN     "runsLoggedSince" DATE,
ADD COLUMN     "runsLoggedSinceConfirmed" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written: the runners who already have runs get the day their log is proposed complete from,
-- their earliest run (not confirmed: it follows the earliest run until a clinician sets it).
UPDATE "Patient" p
   SET "runsLoggedSince" = r.first
  FROM (SELECT "clinicId", "patientId", min(date) AS first FROM "Run" GROUP BY "clinicId", "patientId") r
 WHERE p."clinicId" = r."clinicId" AND p.id = r."patientId";
