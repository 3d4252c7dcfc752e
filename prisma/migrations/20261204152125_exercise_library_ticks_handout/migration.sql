-- AlterEnum
ALTER TYPE "DocumentKind" ADD VALUE 'programme_handout';

-- AlterTable
ALTER TABLE "ExerciseProgramme" ADD COLUMN     "stopped" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "StoredDocument" ADD COLUMN     "programmeId" UUID;

-- CreateTable
CREATE TABLE "ClinicExercise" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "steps" TEXT[],
    "muscles" TEXT[],
    "sets" INTEGER NOT NULL,
    "reps" INTEGER,
    "holdSeconds" INTEGER,
    "loadKg" DOUBLE PRECISION,
    "daysPerWeek" INTEGER NOT NULL,
    "progression" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClinicExercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExerciseRetirement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "retiredById" UUID NOT NULL,
    "retiredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseRetirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExerciseTick" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "exercise" TEXT NOT NULL,
    "doneOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseTick_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClinicExercise_clinicId_code_key" ON "ClinicExercise"("clinicId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ClinicExercise_clinicId_name_key" ON "ClinicExercise"("clinicId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseRetirement_clinicId_code_key" ON "ExerciseRetirement"("clinicId", "code");

-- CreateIndex
CREATE INDEX "ExerciseTick_clinicId_episodeId_doneOn_idx" ON "ExerciseTick"("clinicId", "episodeId", "doneOn");

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseTick_clinicId_programmeId_exercise_doneOn_key" ON "ExerciseTick"("clinicId", "programmeId", "exercise", "doneOn");

-- CreateIndex
CREATE UNIQUE INDEX "StoredDocument_clinicId_programmeId_kind_variant_key" ON "StoredDocument"("clinicId", "programmeId", "kind", "variant");

-- AddForeignKey
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_clinicId_programmeId_fkey" FOREIGN KEY ("clinicId", "programmeId") REFERENCES "ExerciseProgramme"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicExercise" ADD CONSTRAINT "ClinicExercise_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseRetirement" ADD CONSTRAINT "ExerciseRetirement_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseTick" ADD CONSTRAINT "ExerciseTick_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseTick" ADD CONSTRAINT "ExerciseTick_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseTick" ADD CONSTRAINT "ExerciseTick_clinicId_programmeId_fkey" FOREIGN KEY ("clinicId", "programmeId") REFERENCES "ExerciseProgramme"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (issue 14 item 1). A clinic's own exercise is never changed
-- or deleted (programmes name it by code; retire it instead); a retirement is
-- append-only. A programme handout belongs to a programme version of the same
-- clinic and episode (its own trigger, beside kc_stored_document_guard, which
-- already keeps every stored document write-once). A tick names an exercise
-- of its programme version and the episode of that version. SQLSTATE KC001 as
-- the other record guards. The app's role: SELECT, INSERT on ClinicExercise
-- and ExerciseRetirement; SELECT, INSERT, DELETE on ExerciseTick (a runner
-- unticks) (prisma/grants.ts).
ALTER TABLE "ClinicExercise" ADD CONSTRAINT "ClinicExercise_code_clinic" CHECK ("code" ~ '^clinic_[a-z0-9_]{1,60}$');
ALTER TABLE "ClinicExercise" ADD CONSTRAINT "ClinicExercise_dosage" CHECK (
  "sets" BETWEEN 1 AND 10 AND "daysPerWeek" BETWEEN 1 AND 7 AND (("reps" IS NULL) <> ("holdSeconds" IS NULL))
);

CREATE OR REPLACE FUNCTION kc_exercise_library_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '% rows are part of the exercise library: they can never be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER clinic_exercise_guard BEFORE INSERT OR UPDATE OR DELETE ON "ClinicExercise"
  FOR EACH ROW EXECUTE FUNCTION kc_exercise_library_guard();
CREATE TRIGGER clinic_exercise_no_truncate BEFORE TRUNCATE ON "ClinicExercise"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_exercise_library_guard();
CREATE TRIGGER exercise_retirement_guard BEFORE INSERT OR UPDATE OR DELETE ON "ExerciseRetirement"
  FOR EACH ROW EXECUTE FUNCTION kc_exercise_library_guard();
CREATE TRIGGER exercise_retirement_no_truncate BEFORE TRUNCATE ON "ExerciseRetirement"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_exercise_library_guard();

CREATE OR REPLACE FUNCTION kc_programme_handout_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."kind"::text = 'programme_handout') <> (NEW."programmeId" IS NOT NULL) THEN
    RAISE EXCEPTION 'a programme handout, and only a handout, names its programme version' USING ERRCODE = 'KC001';
  END IF;
  IF NEW."programmeId" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "ExerciseProgramme" p
     WHERE p.id = NEW."programmeId" AND p."clinicId" = NEW."clinicId" AND p."episodeId" = NEW."episodeId" AND NOT p.stopped
  ) THEN
    RAISE EXCEPTION 'a programme handout belongs to a programme version (not a stop) of its own clinic and episode' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER stored_document_programme_guard BEFORE INSERT ON "StoredDocument"
  FOR EACH ROW EXECUTE FUNCTION kc_programme_handout_guard();

CREATE OR REPLACE FUNCTION kc_exercise_tick_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'an exercise tick is kept as the runner made it: untick deletes it' USING ERRCODE = 'KC001';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM "ExerciseProgramme" p, jsonb_array_elements(p.items) AS i
     WHERE p.id = NEW."programmeId" AND p."clinicId" = NEW."clinicId" AND p."episodeId" = NEW."episodeId"
       AND NOT p.stopped AND i->>'exercise' = NEW."exercise"
  ) THEN
    RAISE EXCEPTION 'an exercise tick names an exercise of its programme version, of its own clinic and episode' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER exercise_tick_guard BEFORE INSERT OR UPDATE ON "ExerciseTick"
  FOR EACH ROW EXECUTE FUNCTION kc_exercise_tick_guard();
