-- CreateEnum
CREATE TYPE "AuditActor" AS ENUM ('staff', 'runner');

-- CreateEnum
CREATE TYPE "QuestionnaireStatus" AS ENUM ('open', 'completed', 'withdrawn');

-- CreateEnum
CREATE TYPE "DiaryDayKind" AS ENUM ('run', 'rest');

-- CreateEnum
CREATE TYPE "DiaryAlertCode" AS ENUM ('ran_against_advice', 'pain_over_limit', 'next_morning_higher', 'swelling');

-- AlterEnum
ALTER TYPE "RunSource" ADD VALUE 'diary';

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actor" "AuditActor" NOT NULL DEFAULT 'staff';

-- AlterTable
ALTER TABLE "CaseloadCount" ADD COLUMN     "diaryAlerts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "questionnaires" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "diaryAlertsOpen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "questionnairesToReview" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "runnerRedFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "worklistRank" INTEGER NOT NULL DEFAULT 40;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "diaryEntryId" UUID;

-- CreateTable
CREATE TABLE "QuestionnaireRequest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "instruments" TEXT[],
    "psfsActivities" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "QuestionnaireStatus" NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstOpenedAt" TIMESTAMPTZ(3),
    "draft" JSONB,
    "draftSavedAt" TIMESTAMPTZ(3),
    "answers" JSONB,
    "submittedAt" TIMESTAMPTZ(3),
    "reportedRedFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "usedInAssessmentId" UUID,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnById" UUID,
    "emailedAt" TIMESTAMPTZ(3),

    CONSTRAINT "QuestionnaireRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiaryLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "validUntil" DATE NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,
    "emailedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DiaryLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiaryEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "diaryLinkId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "kind" "DiaryDayKind" NOT NULL,
    "distanceKm" DOUBLE PRECISION,
    "durationSec" INTEGER,
    "surface" "Surface",
    "painDuring" INTEGER,
    "painAfter" INTEGER,
    "painNextMorning" INTEGER,
    "swelling" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiaryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiaryAlert" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "entryId" UUID NOT NULL,
    "code" "DiaryAlertCode" NOT NULL,
    "message" TEXT NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,

    CONSTRAINT "DiaryAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunnerLinkThrottle" (
    "address" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "RunnerLinkThrottle_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "QuestionnaireRequest_clinicId_episodeId_createdAt_idx" ON "QuestionnaireRequest"("clinicId", "episodeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireRequest_clinicId_tokenHash_key" ON "QuestionnaireRequest"("clinicId", "tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireRequest_clinicId_id_key" ON "QuestionnaireRequest"("clinicId", "id");

-- CreateIndex
CREATE INDEX "DiaryLink_clinicId_episodeId_createdAt_idx" ON "DiaryLink"("clinicId", "episodeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryLink_clinicId_tokenHash_key" ON "DiaryLink"("clinicId", "tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryLink_clinicId_id_key" ON "DiaryLink"("clinicId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryEntry_clinicId_episodeId_date_key" ON "DiaryEntry"("clinicId", "episodeId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryEntry_clinicId_id_key" ON "DiaryEntry"("clinicId", "id");

-- CreateIndex
CREATE INDEX "DiaryAlert_clinicId_episodeId_reviewedAt_idx" ON "DiaryAlert"("clinicId", "episodeId", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryAlert_clinicId_entryId_code_key" ON "DiaryAlert"("clinicId", "entryId", "code");

-- CreateIndex
CREATE INDEX "RunnerLinkThrottle_windowStart_idx" ON "RunnerLinkThrottle"("windowStart");

-- CreateIndex
CREATE INDEX "Episode_clinicId_status_worklistRank_reviewSort_id_idx" ON "Episode"("clinicId", "status", "worklistRank", "reviewSort", "id");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_clinicId_diaryEntryId_fkey" FOREIGN KEY ("clinicId", "diaryEntryId") REFERENCES "DiaryEntry"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireRequest" ADD CONSTRAINT "QuestionnaireRequest_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireRequest" ADD CONSTRAINT "QuestionnaireRequest_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryLink" ADD CONSTRAINT "DiaryLink_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryLink" ADD CONSTRAINT "DiaryLink_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryEntry" ADD CONSTRAINT "DiaryEntry_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryEntry" ADD CONSTRAINT "DiaryEntry_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryEntry" ADD CONSTRAINT "DiaryEntry_clinicId_diaryLinkId_fkey" FOREIGN KEY ("clinicId", "diaryLinkId") REFERENCES "DiaryLink"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryAlert" ADD CONSTRAINT "DiaryAlert_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryAlert" ADD CONSTRAINT "DiaryAlert_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryAlert" ADD CONSTRAINT "DiaryAlert_clinicId_entryId_fkey" FOREIGN KEY ("clinicId", "entryId") REFERENCES "DiaryEntry"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the caseload's urgency sort of existing episodes (nothing reported by runners yet).
UPDATE "Episode" SET "worklistRank" = "urgencyRank" * 10;

-- Hand-written: "CaseloadCount" also counts the open episodes with a returned
-- questionnaire not yet reviewed and with a diary alert not yet reviewed
-- (migration …_caseload_counts explains the mechanism).
CREATE OR REPLACE FUNCTION caseload_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr), sum(d.q), sum(d.da)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr,
                   ("questionnairesToReview" > 0)::int AS q, ("diaryAlertsOpen" > 0)::int AS da
              FROM new_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts",
           "questionnaires" = t."questionnaires" + EXCLUDED."questionnaires", "diaryAlerts" = t."diaryAlerts" + EXCLUDED."diaryAlerts";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr), sum(d.q), sum(d.da)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr,
                   ("questionnairesToReview" > 0)::int AS q, ("diaryAlertsOpen" > 0)::int AS da
              FROM new_rows WHERE status = 'open'
            UNION ALL
            SELECT "clinicId", -1, -("urgencyRank" <= 2)::int, -(worsening::int), -("draftCount" > 0)::int,
                   -("questionnairesToReview" > 0)::int, -("diaryAlertsOpen" > 0)::int
              FROM old_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    HAVING sum(d.o) <> 0 OR sum(d.f) <> 0 OR sum(d.w) <> 0 OR sum(d.dr) <> 0 OR sum(d.q) <> 0 OR sum(d.da) <> 0
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts",
           "questionnaires" = t."questionnaires" + EXCLUDED."questionnaires", "diaryAlerts" = t."diaryAlerts" + EXCLUDED."diaryAlerts";
  ELSE
    UPDATE "CaseloadCount" t
       SET "open" = t."open" - d.o, "flagged" = t."flagged" - d.f, "worsening" = t."worsening" - d.w, "drafts" = t."drafts" - d.dr,
           "questionnaires" = t."questionnaires" - d.q, "diaryAlerts" = t."diaryAlerts" - d.da
      FROM (SELECT "clinicId", count(*)::int AS o, count(*) FILTER (WHERE "urgencyRank" <= 2)::int AS f,
                   count(*) FILTER (WHERE worsening)::int AS w, count(*) FILTER (WHERE "draftCount" > 0)::int AS dr,
                   count(*) FILTER (WHERE "questionnairesToReview" > 0)::int AS q, count(*) FILTER (WHERE "diaryAlertsOpen" > 0)::int AS da
              FROM old_rows WHERE status = 'open' GROUP BY "clinicId") d
     WHERE t."clinicId" = d."clinicId";
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION caseload_count_rebuild(clinic uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts")
  SELECT clinic, count(*), count(*) FILTER (WHERE "urgencyRank" <= 2), count(*) FILTER (WHERE worsening), count(*) FILTER (WHERE "draftCount" > 0),
         count(*) FILTER (WHERE "questionnairesToReview" > 0), count(*) FILTER (WHERE "diaryAlertsOpen" > 0)
    FROM "Episode" WHERE "clinicId" = clinic AND status = 'open'
  ON CONFLICT ("clinicId") DO UPDATE
     SET "open" = EXCLUDED."open", "flagged" = EXCLUDED."flagged", "worsening" = EXCLUDED."worsening", "drafts" = EXCLUDED."drafts",
         "questionnaires" = EXCLUDED."questionnaires", "diaryAlerts" = EXCLUDED."diaryAlerts";
$$;

-- Hand-written: what the runner reported is kept as reported (SQLSTATE KC001,
-- kc_columns_fixed of migration …_sealed_records). A request keeps its link,
-- episode, instruments and expiry; once submitted, its answers and status stay
-- (a review or the assessment that used it may still be recorded). A diary
-- entry keeps what was logged; its next-morning pain is written once. An
-- alert keeps what it said. The app's role may not DELETE any of them
-- (prisma/grants.ts).
CREATE TRIGGER questionnaire_request_columns_fixed BEFORE UPDATE ON "QuestionnaireRequest"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId"
    OR OLD."tokenHash" IS DISTINCT FROM NEW."tokenHash" OR OLD.instruments IS DISTINCT FROM NEW.instruments
    OR OLD."psfsActivities" IS DISTINCT FROM NEW."psfsActivities" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD."createdById" IS DISTINCT FROM NEW."createdById" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'tokenHash', 'instruments', 'psfsActivities', 'expiresAt', 'createdById', 'createdAt');
CREATE TRIGGER questionnaire_request_submitted_fixed BEFORE UPDATE ON "QuestionnaireRequest"
  FOR EACH ROW WHEN (OLD."submittedAt" IS NOT NULL AND (OLD.answers IS DISTINCT FROM NEW.answers
    OR OLD."submittedAt" IS DISTINCT FROM NEW."submittedAt" OR OLD."reportedRedFlags" IS DISTINCT FROM NEW."reportedRedFlags"
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.draft IS DISTINCT FROM NEW.draft))
  EXECUTE FUNCTION kc_columns_fixed('answers', 'submittedAt', 'reportedRedFlags', 'status', 'draft');
CREATE TRIGGER diary_link_columns_fixed BEFORE UPDATE ON "DiaryLink"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId"
    OR OLD."tokenHash" IS DISTINCT FROM NEW."tokenHash" OR OLD."validUntil" IS DISTINCT FROM NEW."validUntil"
    OR OLD."createdById" IS DISTINCT FROM NEW."createdById")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'tokenHash', 'validUntil', 'createdById');
CREATE TRIGGER diary_entry_columns_fixed BEFORE UPDATE ON "DiaryEntry"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId"
    OR OLD."diaryLinkId" IS DISTINCT FROM NEW."diaryLinkId" OR OLD.date IS DISTINCT FROM NEW.date OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD."distanceKm" IS DISTINCT FROM NEW."distanceKm" OR OLD."durationSec" IS DISTINCT FROM NEW."durationSec"
    OR OLD.surface IS DISTINCT FROM NEW.surface OR OLD."painDuring" IS DISTINCT FROM NEW."painDuring"
    OR OLD."painAfter" IS DISTINCT FROM NEW."painAfter" OR OLD.swelling IS DISTINCT FROM NEW.swelling)
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'diaryLinkId', 'date', 'kind', 'distanceKm', 'durationSec', 'surface',
    'painDuring', 'painAfter', 'swelling');
CREATE TRIGGER diary_entry_next_morning_fixed BEFORE UPDATE ON "DiaryEntry"
  FOR EACH ROW WHEN (OLD."painNextMorning" IS NOT NULL AND OLD."painNextMorning" IS DISTINCT FROM NEW."painNextMorning")
  EXECUTE FUNCTION kc_columns_fixed('painNextMorning');
CREATE TRIGGER diary_alert_columns_fixed BEFORE UPDATE ON "DiaryAlert"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId"
    OR OLD."entryId" IS DISTINCT FROM NEW."entryId" OR OLD.code IS DISTINCT FROM NEW.code OR OLD.message IS DISTINCT FROM NEW.message
    OR OLD."raisedAt" IS DISTINCT FROM NEW."raisedAt")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'entryId', 'code', 'message', 'raisedAt');
