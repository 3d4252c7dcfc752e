-- CreateTable
CREATE TABLE "ExerciseProgramme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "items" JSONB NOT NULL,
    "notes" TEXT,
    "createdById" UUID NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseProgramme_clinicId_episodeId_version_key" ON "ExerciseProgramme"("clinicId", "episodeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseProgramme_clinicId_id_key" ON "ExerciseProgramme"("clinicId", "id");

-- AddForeignKey
ALTER TABLE "ExerciseProgramme" ADD CONSTRAINT "ExerciseProgramme_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseProgramme" ADD CONSTRAINT "ExerciseProgramme_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a programme version is part of the record, append-only
-- (SQLSTATE KC001): a change is a new version. The clinician's name is
-- stamped from "User". The app's role may only SELECT and INSERT
-- (prisma/grants.ts).
ALTER TABLE "ExerciseProgramme" ADD CONSTRAINT "ExerciseProgramme_version_positive" CHECK ("version" >= 1);

CREATE OR REPLACE FUNCTION kc_exercise_programme_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'exercise programme version % is part of the record: it can never be changed or deleted (save a new version instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."createdByName" FROM kc_stamp_signer(NEW."clinicId", NEW."createdById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER exercise_programme_guard BEFORE INSERT OR UPDATE OR DELETE ON "ExerciseProgramme"
  FOR EACH ROW EXECUTE FUNCTION kc_exercise_programme_guard();
CREATE TRIGGER exercise_programme_no_truncate BEFORE TRUNCATE ON "ExerciseProgramme"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_exercise_programme_guard();
