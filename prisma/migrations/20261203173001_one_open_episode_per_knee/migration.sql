-- One open episode per knee (issue 12, item 1). "both" is both knees: it
-- conflicts with an open left or right episode of the same runner, and two
-- open episodes of one knee conflict. Two partial unique indexes say exactly
-- that (left knee: left or both; right knee: right or both), so PostgreSQL
-- refuses a second open episode however it is written, concurrent requests
-- included.

-- First, existing duplicates are withdrawn as opened in error: per runner the
-- episode kept is the one holding the most signed assessments, then the
-- oldest; every later open episode that conflicts with a kept one is marked.
CREATE TEMP TABLE kc_kept_episode (id uuid, "clinicId" uuid, "patientId" uuid, side "Side") ON COMMIT DROP;

DO $$
DECLARE
  e record;
BEGIN
  FOR e IN
    SELECT ep.id, ep."clinicId", ep."patientId", ep.side
      FROM "Episode" ep
     WHERE ep.status = 'open'
     ORDER BY ep."clinicId", ep."patientId",
              (SELECT count(*) FROM "Assessment" a
                WHERE a."clinicId" = ep."clinicId" AND a."episodeId" = ep.id AND a.status = 'signed') DESC,
              ep."createdAt", ep.id
  LOOP
    IF EXISTS (
      SELECT 1 FROM kc_kept_episode k
       WHERE k."clinicId" = e."clinicId" AND k."patientId" = e."patientId"
         AND (k.side = e.side OR k.side = 'both' OR e.side = 'both')
    ) THEN
      UPDATE "Episode"
         SET status = 'opened_in_error',
             "openedInErrorReason" = 'Withdrawn when one open episode per knee became a rule: another open episode of the same knee was kept.',
             "openedInErrorAt" = now(),
             "nextReviewDate" = NULL,
             "reviewSort" = '9999-12-31'
       WHERE id = e.id AND "clinicId" = e."clinicId";
    ELSE
      INSERT INTO kc_kept_episode VALUES (e.id, e."clinicId", e."patientId", e.side);
    END IF;
  END LOOP;
END;
$$;

CREATE UNIQUE INDEX "Episode_one_open_left_knee" ON "Episode" ("clinicId", "patientId")
  WHERE status = 'open' AND side IN ('left', 'both');
CREATE UNIQUE INDEX "Episode_one_open_right_knee" ON "Episode" ("clinicId", "patientId")
  WHERE status = 'open' AND side IN ('right', 'both');

-- An episode opened in error says why, and stays withdrawn: it is kept as a
-- record (struck through), never reopened or discharged.
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_opened_in_error_reason"
  CHECK (status <> 'opened_in_error' OR ("openedInErrorReason" IS NOT NULL AND "openedInErrorAt" IS NOT NULL));

CREATE OR REPLACE FUNCTION kc_episode_opened_in_error_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an episode opened in error stays withdrawn: open a new episode instead' USING ERRCODE = 'KC001';
END;
$$;
CREATE TRIGGER episode_opened_in_error_final BEFORE UPDATE ON "Episode"
  FOR EACH ROW WHEN (OLD.status = 'opened_in_error' AND (NEW.status <> 'opened_in_error'
    OR NEW."openedInErrorReason" IS DISTINCT FROM OLD."openedInErrorReason"
    OR NEW."openedInErrorAt" IS DISTINCT FROM OLD."openedInErrorAt"))
  EXECUTE FUNCTION kc_episode_opened_in_error_final();
