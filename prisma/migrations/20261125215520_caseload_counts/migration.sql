-- CreateTable
CREATE TABLE "CaseloadCount" (
    "clinicId" UUID NOT NULL,
    "open" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "worsening" INTEGER NOT NULL DEFAULT 0,
    "drafts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseloadCount_pkey" PRIMARY KEY ("clinicId")
);

-- AddForeignKey
ALTER TABLE "CaseloadCount" ADD CONSTRAINT "CaseloadCount_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: keep "CaseloadCount" in step with "Episode".
--
-- Each statement on "Episode" adds, per clinic, the counts of the open
-- episodes it wrote (new rows) and subtracts those it replaced or removed
-- (old rows). Statement-level triggers with transition tables do this once
-- per statement, however many rows it touched, and touch the counter row
-- only when a count changes (an update of last-seen alone does not lock it).
-- A clinic being deleted is skipped (its counter row goes with it).
CREATE FUNCTION caseload_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr
              FROM new_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts")
    SELECT d."clinicId", sum(d.o), sum(d.f), sum(d.w), sum(d.dr)
      FROM (SELECT "clinicId", 1 AS o, ("urgencyRank" <= 2)::int AS f, worsening::int AS w, ("draftCount" > 0)::int AS dr
              FROM new_rows WHERE status = 'open'
            UNION ALL
            SELECT "clinicId", -1, -("urgencyRank" <= 2)::int, -(worsening::int), -("draftCount" > 0)::int
              FROM old_rows WHERE status = 'open') d
     WHERE EXISTS (SELECT 1 FROM "Clinic" c WHERE c.id = d."clinicId")
     GROUP BY d."clinicId"
    HAVING sum(d.o) <> 0 OR sum(d.f) <> 0 OR sum(d.w) <> 0 OR sum(d.dr) <> 0
    ON CONFLICT ("clinicId") DO UPDATE
       SET "open" = t."open" + EXCLUDED."open", "flagged" = t."flagged" + EXCLUDED."flagged",
           "worsening" = t."worsening" + EXCLUDED."worsening", "drafts" = t."drafts" + EXCLUDED."drafts";
  ELSE
    UPDATE "CaseloadCount" t
       SET "open" = t."open" - d.o, "flagged" = t."flagged" - d.f, "worsening" = t."worsening" - d.w, "drafts" = t."drafts" - d.dr
      FROM (SELECT "clinicId", count(*)::int AS o, count(*) FILTER (WHERE "urgencyRank" <= 2)::int AS f,
                   count(*) FILTER (WHERE worsening)::int AS w, count(*) FILTER (WHERE "draftCount" > 0)::int AS dr
              FROM old_rows WHERE status = 'open' GROUP BY "clinicId") d
     WHERE t."clinicId" = d."clinicId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Episode_caseload_count_insert" AFTER INSERT ON "Episode"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caseload_count_apply();
CREATE TRIGGER "Episode_caseload_count_update" AFTER UPDATE ON "Episode"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caseload_count_apply();
CREATE TRIGGER "Episode_caseload_count_delete" AFTER DELETE ON "Episode"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION caseload_count_apply();

-- Recomputes a clinic's counts from "Episode" (after a bulk load that skipped
-- triggers, e.g. scripts/synth with session_replication_role = replica).
CREATE FUNCTION caseload_count_rebuild(clinic uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CaseloadCount" AS t ("clinicId", "open", "flagged", "worsening", "drafts")
  SELECT clinic, count(*), count(*) FILTER (WHERE "urgencyRank" <= 2), count(*) FILTER (WHERE worsening), count(*) FILTER (WHERE "draftCount" > 0)
    FROM "Episode" WHERE "clinicId" = clinic AND status = 'open'
  ON CONFLICT ("clinicId") DO UPDATE
     SET "open" = EXCLUDED."open", "flagged" = EXCLUDED."flagged", "worsening" = EXCLUDED."worsening", "drafts" = EXCLUDED."drafts";
$$;

-- Existing data.
SELECT caseload_count_rebuild(id) FROM "Clinic";
