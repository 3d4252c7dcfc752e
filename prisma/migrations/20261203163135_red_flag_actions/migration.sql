-- CreateEnum
CREATE TYPE "RedFlagActionKind" AS ENUM ('sent_to_ed', 'urgent_referral', 'discussed_with_doctor', 'advised_safety_netted', 'not_applicable');

-- AlterTable
ALTER TABLE "CaseloadCount" ADD COLUMN     "openUrgentFlags" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unsentReferrals" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "openUrgentFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "unsentUrgentReferrals" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RedFlagAction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "action" "RedFlagActionKind" NOT NULL,
    "reason" TEXT,
    "note" TEXT,
    "actedById" UUID NOT NULL,
    "actedByName" TEXT NOT NULL,
    "actedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedFlagAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RedFlagAction_clinicId_episodeId_actedAt_idx" ON "RedFlagAction"("clinicId", "episodeId", "actedAt");

-- AddForeignKey
ALTER TABLE "RedFlagAction" ADD CONSTRAINT "RedFlagAction_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedFlagAction" ADD CONSTRAINT "RedFlagAction_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedFlagAction" ADD CONSTRAINT "RedFlagAction_clinicId_assessmentId_fkey" FOREIGN KEY ("clinicId", "assessmentId") REFERENCES "Assessment"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: red-flag actions are append-only (SQLSTATE KC001, as the
-- sealed records of migration …_sealed_records). A row names a signed
-- assessment of its own episode; "not applicable" carries its reason; the
-- clinician's name is stamped from "User" (as a signer's is), so a later
-- rename does not change who acted. The app's role may only SELECT and
-- INSERT (prisma/grants.ts).
ALTER TABLE "RedFlagAction" ADD CONSTRAINT "RedFlagAction_reason_required"
  CHECK ("action" <> 'not_applicable' OR ("reason" IS NOT NULL AND btrim("reason") <> ''));

CREATE OR REPLACE FUNCTION kc_red_flag_action_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'red-flag action % is part of the record: it can never be changed or deleted (record another action instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "Assessment" a
                  WHERE a.id = NEW."assessmentId" AND a."clinicId" = NEW."clinicId"
                    AND a."episodeId" = NEW."episodeId" AND a.status = 'signed') THEN
    RAISE EXCEPTION 'a red-flag action names a signed assessment of its own episode' USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."actedByName" FROM kc_stamp_signer(NEW."clinicId", NEW."actedById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER red_flag_action_guard BEFORE INSERT OR UPDATE OR DELETE ON "RedFlagAction"
  FOR EACH ROW EXECUTE FUNCTION kc_red_flag_action_guard();
CREATE TRIGGER red_flag_action_no_truncate BEFORE TRUNCATE ON "RedFlagAction"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_red_flag_action_guard();

-- Hand-written: "CaseloadCount" also counts the open episodes with an open
-- emergency or urgent red flag and with an emergency or urgent referral not
-- yet sent (migration …_caseload_counts explains the mechanism).
CREATE OR REPLACE FUNCTION caseload_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts", "openUrgentFlags", "unsentReferrals")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr), sum(d.q), sum(d.da), sum(d.uf), sum(d.ur)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr,
                   ("questionnairesToReview" > 0)::int AS q, ("diaryAlertsOpen" > 0)::int AS da,
                   (cardinality(coalesce("openUrgentFlags", '{}')) > 0)::int AS uf, ("unsentUrgentReferrals" > 0)::int AS ur
              FROM new_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts",
           "questionnaires" = t."questionnaires" + EXCLUDED."questionnaires", "diaryAlerts" = t."diaryAlerts" + EXCLUDED."diaryAlerts",
           "openUrgentFlags" = t."openUrgentFlags" + EXCLUDED."openUrgentFlags", "unsentReferrals" = t."unsentReferrals" + EXCLUDED."unsentReferrals";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts", "openUrgentFlags", "unsentReferrals")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr), sum(d.q), sum(d.da), sum(d.uf), sum(d.ur)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr,
                   ("questionnairesToReview" > 0)::int AS q, ("diaryAlertsOpen" > 0)::int AS da,
                   (cardinality(coalesce("openUrgentFlags", '{}')) > 0)::int AS uf, ("unsentUrgentReferrals" > 0)::int AS ur
              FROM new_rows WHERE status = 'open'
            UNION ALL
            SELECT "clinicId", -1, -("urgencyRank" <= 2)::int, -(worsening::int), -("draftCount" > 0)::int,
                   -("questionnairesToReview" > 0)::int, -("diaryAlertsOpen" > 0)::int,
                   -(cardinality(coalesce("openUrgentFlags", '{}')) > 0)::int, -("unsentUrgentReferrals" > 0)::int
              FROM old_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    HAVING sum(d.o) <> 0 OR sum(d.f) <> 0 OR sum(d.w) <> 0 OR sum(d.dr) <> 0 OR sum(d.q) <> 0 OR sum(d.da) <> 0
        OR sum(d.uf) <> 0 OR sum(d.ur) <> 0
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts",
           "questionnaires" = t."questionnaires" + EXCLUDED."questionnaires", "diaryAlerts" = t."diaryAlerts" + EXCLUDED."diaryAlerts",
           "openUrgentFlags" = t."openUrgentFlags" + EXCLUDED."openUrgentFlags", "unsentReferrals" = t."unsentReferrals" + EXCLUDED."unsentReferrals";
  ELSE
    UPDATE "CaseloadCount" t
       SET "open" = t."open" - d.o, "flagged" = t."flagged" - d.f, "worsening" = t."worsening" - d.w, "drafts" = t."drafts" - d.dr,
           "questionnaires" = t."questionnaires" - d.q, "diaryAlerts" = t."diaryAlerts" - d.da,
           "openUrgentFlags" = t."openUrgentFlags" - d.uf, "unsentReferrals" = t."unsentReferrals" - d.ur
      FROM (SELECT "clinicId", count(*)::int AS o, count(*) FILTER (WHERE "urgencyRank" <= 2)::int AS f,
                   count(*) FILTER (WHERE worsening)::int AS w, count(*) FILTER (WHERE "draftCount" > 0)::int AS dr,
                   count(*) FILTER (WHERE "questionnairesToReview" > 0)::int AS q, count(*) FILTER (WHERE "diaryAlertsOpen" > 0)::int AS da,
                   count(*) FILTER (WHERE cardinality(coalesce("openUrgentFlags", '{}')) > 0)::int AS uf,
                   count(*) FILTER (WHERE "unsentUrgentReferrals" > 0)::int AS ur
              FROM old_rows WHERE status = 'open' GROUP BY "clinicId") d
     WHERE t."clinicId" = d."clinicId";
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION caseload_count_rebuild(clinic uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts", "openUrgentFlags", "unsentReferrals")
  SELECT clinic, count(*), count(*) FILTER (WHERE "urgencyRank" <= 2), count(*) FILTER (WHERE worsening), count(*) FILTER (WHERE "draftCount" > 0),
         count(*) FILTER (WHERE "questionnairesToReview" > 0), count(*) FILTER (WHERE "diaryAlertsOpen" > 0),
         count(*) FILTER (WHERE cardinality(coalesce("openUrgentFlags", '{}')) > 0), count(*) FILTER (WHERE "unsentUrgentReferrals" > 0)
    FROM "Episode" WHERE "clinicId" = clinic AND status = 'open'
  ON CONFLICT ("clinicId") DO UPDATE
     SET "open" = EXCLUDED."open", "flagged" = EXCLUDED."flagged", "worsening" = EXCLUDED."worsening", "drafts" = EXCLUDED."drafts",
         "questionnaires" = EXCLUDED."questionnaires", "diaryAlerts" = EXCLUDED."diaryAlerts",
         "openUrgentFlags" = EXCLUDED."openUrgentFlags", "unsentReferrals" = EXCLUDED."unsentReferrals";
$$;

-- Existing data: no action has been recorded yet, so every red flag that a
-- signed assessment raised is still open (lib/domain/red-flag-items.ts, with
-- no actions); and the referrals of urgency emergency or urgent not yet sent.
UPDATE "Episode" e SET "openUrgentFlags" = f.codes
  FROM (SELECT a."clinicId", a."episodeId", array_agg(DISTINCT fl->>'code' ORDER BY fl->>'code') AS codes
          FROM "Assessment" a CROSS JOIN LATERAL jsonb_array_elements(a.evaluation->'redFlags') fl
         WHERE a.status = 'signed' AND fl->>'urgency' IN ('emergency', 'urgent')
         GROUP BY a."clinicId", a."episodeId") f
 WHERE e.id = f."episodeId" AND e."clinicId" = f."clinicId";
UPDATE "Episode" e SET "unsentUrgentReferrals" = r.n
  FROM (SELECT "clinicId", "episodeId", count(*)::int AS n FROM "Referral"
         WHERE status IN ('draft', 'signed') AND urgency IN ('emergency', 'urgent') GROUP BY "clinicId", "episodeId") r
 WHERE e.id = r."episodeId" AND e."clinicId" = r."clinicId";
SELECT caseload_count_rebuild(id) FROM "Clinic";
