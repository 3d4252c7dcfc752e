-- AlterTable
ALTER TABLE "CaseloadCount" ADD COLUMN     "patients" INTEGER NOT NULL DEFAULT 0;

-- The runner directory's size, kept per statement however many runners it
-- registered or removed (lib/data/patients.ts searchPatients: the position of
-- an unsearched page without counting 50,000 rows). A clinic being deleted
-- is skipped (its counter row goes with it).
CREATE FUNCTION directory_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "patients")
    SELECT n."clinicId", count(*)::int FROM new_rows n
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = n."clinicId")
     GROUP BY n."clinicId"
    ON CONFLICT ("clinicId") DO UPDATE SET "patients" = t."patients" + EXCLUDED."patients";
  ELSE
    UPDATE "CaseloadCount" t SET "patients" = t."patients" - d.n
      FROM (SELECT "clinicId", count(*)::int AS n FROM old_rows GROUP BY "clinicId") d
     WHERE t."clinicId" = d."clinicId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Patient_directory_count_insert" AFTER INSERT ON "Patient"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_count_apply();
CREATE TRIGGER "Patient_directory_count_delete" AFTER DELETE ON "Patient"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_count_apply();

-- The runners registered so far.
INSERT INTO "CaseloadCount" AS t ("clinicId", "patients")
SELECT "clinicId", count(*)::int FROM "Patient" GROUP BY "clinicId"
ON CONFLICT ("clinicId") DO UPDATE SET "patients" = EXCLUDED."patients";

-- A rebuild (after a bulk load without triggers, scripts/synth) sets the runners too.
CREATE OR REPLACE FUNCTION caseload_count_rebuild(clinic uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts", "questionnaires", "diaryAlerts", "openUrgentFlags", "unsentReferrals", "patients")
  SELECT clinic, count(*), count(*) FILTER (WHERE "urgencyRank" <= 2), count(*) FILTER (WHERE worsening), count(*) FILTER (WHERE "draftCount" > 0),
         count(*) FILTER (WHERE "questionnairesToReview" > 0), count(*) FILTER (WHERE "diaryAlertsOpen" > 0),
         count(*) FILTER (WHERE cardinality(coalesce("openUrgentFlags", '{}')) > 0), count(*) FILTER (WHERE "unsentUrgentReferrals" > 0),
         (SELECT count(*) FROM "Patient" p WHERE p."clinicId" = clinic)
    FROM "Episode" WHERE "clinicId" = clinic AND status = 'open'
  ON CONFLICT ("clinicId") DO UPDATE
     SET "open" = EXCLUDED."open", "flagged" = EXCLUDED."flagged", "worsening" = EXCLUDED."worsening", "drafts" = EXCLUDED."drafts",
         "questionnaires" = EXCLUDED."questionnaires", "diaryAlerts" = EXCLUDED."diaryAlerts",
         "openUrgentFlags" = EXCLUDED."openUrgentFlags", "unsentReferrals" = EXCLUDED."unsentReferrals", "patients" = EXCLUDED."patients";
$$;
