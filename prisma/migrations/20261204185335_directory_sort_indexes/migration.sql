-- The runner directory's sorts (lib/data/patients.ts DIRECTORY_SORTS) read a page by keyset on
-- (familyName, givenName, id) and (birthDate, id): each index ends with the id that breaks ties.
-- The new indexes are built before the old ones go, so the directory is never without one.

-- CreateIndex
CREATE INDEX "Patient_clinicId_familyName_givenName_id_idx" ON "Patient"("clinicId", "familyName", "givenName", "id");

-- CreateIndex
CREATE INDEX "Patient_clinicId_birthDate_id_idx" ON "Patient"("clinicId", "birthDate", "id");

-- DropIndex
DROP INDEX "Patient_clinicId_birthDate_idx";

-- DropIndex
DROP INDEX "Patient_clinicId_familyName_givenName_idx";
