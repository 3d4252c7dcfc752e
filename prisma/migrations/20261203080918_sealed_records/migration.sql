-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "signedByName" TEXT,
ADD COLUMN     "signedByTitle" TEXT;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "signedByName" TEXT,
ADD COLUMN     "signedByTitle" TEXT;

-- Hand-written: sealed records (issue 10). PostgreSQL itself refuses, with
-- SQLSTATE KC001 and a message naming the rule (lib/errors maps it to 409):
--   * an Assessment or Referral inserted in any state but draft (the seed and
--     the synthetic generator insert drafts and sign them afterwards);
--   * an episode moving to another patient or clinic (nor may a patient, run,
--     user, assessment or referral move between clinics, episodes or patients);
--   * any change to a signed assessment except the move to entered in error,
--     so its audit columns (updatedById, version, enteredInErrorById) stay put;
--   * any change to a signed or sent referral except sent (sentAt written
--     once) and cancelled (sentAt kept);
--   * signedAt, the signer and sentAt written more than once;
--   * a User row deleted, or the last active administrator of a clinic
--     demoted or deactivated;
--   * a second intake (not entered in error) in one episode (unique index).
-- At signing, the trigger stamps the signer's name and title from "User"
-- onto the record, so a later rename does not change who signed.

-- Existing signed records get their signer's current name and title, once.
ALTER TABLE "Assessment" DISABLE TRIGGER assessment_guard;
UPDATE "Assessment" a SET "signedByName" = u.name, "signedByTitle" = u.title
  FROM "User" u WHERE u.id = a."signedById" AND a."signedById" IS NOT NULL;
ALTER TABLE "Assessment" ENABLE TRIGGER assessment_guard;
ALTER TABLE "Referral" DISABLE TRIGGER referral_guard;
UPDATE "Referral" r SET "signedByName" = u.name, "signedByTitle" = u.title
  FROM "User" u WHERE u.id = r."signedById" AND r."signedById" IS NOT NULL;
ALTER TABLE "Referral" ENABLE TRIGGER referral_guard;

-- Columns that never change once a row exists: the trigger's arguments name
-- them, and its WHEN clause (evaluated without calling the function) lets
-- only a change to one of them reach the function, which refuses it.
CREATE OR REPLACE FUNCTION kc_columns_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
BEGIN
  FOREACH col IN ARRAY TG_ARGV LOOP
    IF (to_jsonb(OLD) -> col) IS DISTINCT FROM (to_jsonb(NEW) -> col) THEN
      RAISE EXCEPTION '%.% never changes (row %)', TG_TABLE_NAME, col, OLD.id USING ERRCODE = 'KC001';
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;

CREATE TRIGGER episode_columns_fixed BEFORE UPDATE ON "Episode"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."patientId" IS DISTINCT FROM NEW."patientId")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'patientId');
CREATE TRIGGER patient_columns_fixed BEFORE UPDATE ON "Patient"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId")
  EXECUTE FUNCTION kc_columns_fixed('clinicId');
CREATE TRIGGER run_columns_fixed BEFORE UPDATE ON "Run"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."patientId" IS DISTINCT FROM NEW."patientId")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'patientId');
CREATE TRIGGER user_columns_fixed BEFORE UPDATE ON "User"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId")
  EXECUTE FUNCTION kc_columns_fixed('clinicId');
CREATE TRIGGER assessment_columns_fixed BEFORE UPDATE ON "Assessment"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId" OR OLD."createdById" IS DISTINCT FROM NEW."createdById")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'createdById');
CREATE TRIGGER referral_columns_fixed BEFORE UPDATE ON "Referral"
  FOR EACH ROW WHEN (OLD."clinicId" IS DISTINCT FROM NEW."clinicId" OR OLD."episodeId" IS DISTINCT FROM NEW."episodeId" OR OLD."createdById" IS DISTINCT FROM NEW."createdById")
  EXECUTE FUNCTION kc_columns_fixed('clinicId', 'episodeId', 'createdById');

-- The signer of a record, as they are now: their name and title are stamped on the record.
CREATE OR REPLACE FUNCTION kc_stamp_signer(clinic uuid, signer uuid, OUT signer_name text, OUT signer_title text) LANGUAGE plpgsql AS $$
BEGIN
  SELECT u.name, u.title INTO signer_name, signer_title FROM "User" u WHERE u.id = signer AND u."clinicId" = clinic;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the signer % is not a user of this clinic', signer USING ERRCODE = 'KC001';
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION kc_assessment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eie_move text[] := ARRAY['status', 'enteredInErrorReason', 'enteredInErrorById', 'enteredInErrorAt', 'updatedAt', 'updatedById', 'version'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'assessment % is %: a signed assessment can never be deleted (mark it entered in error instead)', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    RETURN OLD;
  END IF;

  IF TG_OP = 'INSERT' OR OLD.status = 'draft' THEN
    IF NEW.status = 'draft' OR TG_OP = 'INSERT' THEN
      IF NEW.status <> 'draft' THEN
        RAISE EXCEPTION 'an assessment is inserted as a draft and signed afterwards (this one was inserted %)', NEW.status USING ERRCODE = 'KC001';
      END IF;
      IF num_nonnulls(NEW."signedById", NEW."signedAt", NEW."signedByName", NEW."signedByTitle",
                      NEW."enteredInErrorReason", NEW."enteredInErrorById", NEW."enteredInErrorAt") > 0 THEN
        RAISE EXCEPTION 'a draft assessment has no signer, signing time or entered-in-error mark' USING ERRCODE = 'KC001';
      END IF;
      RETURN NEW;
    END IF;
    IF NEW.status = 'entered_in_error' THEN
      RAISE EXCEPTION 'only a signed assessment can be marked entered in error; a draft can be discarded' USING ERRCODE = 'KC001';
    END IF;
    -- draft -> signed
    IF NEW."signedById" IS NULL OR NEW."signedAt" IS NULL OR NEW.evaluation IS NULL OR NEW."rulesVersion" IS NULL THEN
      RAISE EXCEPTION 'a signed assessment needs its signer, signing time, evaluation and rulesVersion' USING ERRCODE = 'KC001';
    END IF;
    IF num_nonnulls(NEW."enteredInErrorReason", NEW."enteredInErrorById", NEW."enteredInErrorAt") > 0 THEN
      RAISE EXCEPTION 'an assessment is signed before it can be marked entered in error' USING ERRCODE = 'KC001';
    END IF;
    SELECT signer_name, signer_title INTO NEW."signedByName", NEW."signedByTitle" FROM kc_stamp_signer(NEW."clinicId", NEW."signedById");
    RETURN NEW;
  END IF;

  IF OLD.status = 'entered_in_error' THEN
    RAISE EXCEPTION 'assessment % was marked entered in error and can no longer change', OLD.id USING ERRCODE = 'KC001';
  END IF;

  -- OLD.status = 'signed'
  IF NEW.status = 'signed' THEN
    IF to_jsonb(OLD) IS DISTINCT FROM to_jsonb(NEW) THEN
      RAISE EXCEPTION 'assessment % is signed: it can never change (add an addendum instead)', OLD.id USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'draft' THEN
    RAISE EXCEPTION 'a signed assessment cannot return to draft' USING ERRCODE = 'KC001';
  END IF;
  -- signed -> entered_in_error: only the mark, who made it and the version move.
  IF kc_frozen_changed(to_jsonb(OLD), to_jsonb(NEW), eie_move) THEN
    RAISE EXCEPTION 'assessment % is signed: marking it entered in error changes nothing else', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF coalesce(btrim(NEW."enteredInErrorReason"), '') = '' OR NEW."enteredInErrorById" IS NULL OR NEW."enteredInErrorAt" IS NULL THEN
    RAISE EXCEPTION 'marking an assessment entered in error needs a reason, who and when' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER assessment_guard ON "Assessment";
CREATE TRIGGER assessment_guard BEFORE INSERT OR UPDATE OR DELETE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION kc_assessment_guard();

CREATE OR REPLACE FUNCTION kc_referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  send_move text[] := ARRAY['status', 'sentAt', 'updatedAt', 'version'];
  cancel_move text[] := ARRAY['status', 'cancelledAt', 'cancelReason', 'updatedAt', 'version'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'referral % is %: only a draft referral can be deleted', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    RETURN OLD;
  END IF;

  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a referral is inserted as a draft and signed afterwards (this one was inserted %)', NEW.status USING ERRCODE = 'KC001';
    END IF;
  END IF;

  IF TG_OP = 'INSERT' OR OLD.status = 'draft' THEN
    IF NEW.status IN ('draft', 'cancelled') THEN
      IF num_nonnulls(NEW.snapshot, NEW."signedById", NEW."signedAt", NEW."signedByName", NEW."signedByTitle", NEW."sentAt") > 0 THEN
        RAISE EXCEPTION 'an unsigned referral has no snapshot, signer, signing or sending time' USING ERRCODE = 'KC001';
      END IF;
      IF NEW.status = 'draft' AND num_nonnulls(NEW."cancelledAt", NEW."cancelReason") > 0 THEN
        RAISE EXCEPTION 'a draft referral is not cancelled' USING ERRCODE = 'KC001';
      END IF;
      IF NEW.status = 'cancelled' AND (coalesce(btrim(NEW."cancelReason"), '') = '' OR NEW."cancelledAt" IS NULL) THEN
        RAISE EXCEPTION 'cancelling a referral needs a reason and a time' USING ERRCODE = 'KC001';
      END IF;
      RETURN NEW;
    END IF;
    IF NEW.status = 'sent' THEN
      RAISE EXCEPTION 'a referral must be signed before it is sent' USING ERRCODE = 'KC001';
    END IF;
    -- draft -> signed
    IF NEW.snapshot IS NULL OR NEW."signedById" IS NULL OR NEW."signedAt" IS NULL OR coalesce(btrim(NEW.question), '') = '' THEN
      RAISE EXCEPTION 'a signed referral needs its snapshot, signer, signing time and the question for the receiving clinician' USING ERRCODE = 'KC001';
    END IF;
    IF num_nonnulls(NEW."sentAt", NEW."cancelledAt", NEW."cancelReason") > 0 THEN
      RAISE EXCEPTION 'a referral is signed before it is sent or cancelled' USING ERRCODE = 'KC001';
    END IF;
    SELECT signer_name, signer_title INTO NEW."signedByName", NEW."signedByTitle" FROM kc_stamp_signer(NEW."clinicId", NEW."signedById");
    RETURN NEW;
  END IF;

  IF OLD.status = 'cancelled' THEN
    RAISE EXCEPTION 'referral % was cancelled and can no longer change', OLD.id USING ERRCODE = 'KC001';
  END IF;

  -- OLD.status is signed or sent: the content, the signer, signedAt and sentAt are frozen.
  IF NEW.status = OLD.status THEN
    IF to_jsonb(OLD) IS DISTINCT FROM to_jsonb(NEW) THEN
      RAISE EXCEPTION 'referral % is %: it can never change', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'signed' AND NEW.status = 'sent' THEN
    IF kc_frozen_changed(to_jsonb(OLD), to_jsonb(NEW), send_move) THEN
      RAISE EXCEPTION 'referral % is signed: sending it changes nothing else', OLD.id USING ERRCODE = 'KC001';
    END IF;
    IF NEW."sentAt" IS NULL THEN
      RAISE EXCEPTION 'a sent referral needs the time it was sent' USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'cancelled' THEN
    IF kc_frozen_changed(to_jsonb(OLD), to_jsonb(NEW), cancel_move) THEN
      RAISE EXCEPTION 'referral % is %: cancelling it changes nothing else (its signing and sending times stay)', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    IF coalesce(btrim(NEW."cancelReason"), '') = '' OR NEW."cancelledAt" IS NULL THEN
      RAISE EXCEPTION 'cancelling a referral needs a reason and a time' USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'referral % cannot move from % back to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'KC001';
END;
$$;

DROP TRIGGER referral_guard ON "Referral";
CREATE TRIGGER referral_guard BEFORE INSERT OR UPDATE OR DELETE ON "Referral"
  FOR EACH ROW EXECUTE FUNCTION kc_referral_guard();

-- Users are never deleted (they are deactivated): the records they signed and the audit trail name them.
CREATE OR REPLACE FUNCTION kc_user_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a user is never deleted (deactivate the account instead)' USING ERRCODE = 'KC001';
END;
$$;
CREATE TRIGGER user_never_deleted BEFORE DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION kc_user_never_deleted();
CREATE TRIGGER user_no_truncate BEFORE TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_user_never_deleted();

-- A clinic keeps at least one active administrator. The clinic row is locked
-- first, so two administrators demoting each other at the same moment are
-- serialised and the second one sees the first one's change.
CREATE OR REPLACE FUNCTION kc_keep_an_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Clinic" WHERE id = OLD."clinicId" FOR NO KEY UPDATE;
  IF NOT EXISTS (SELECT 1 FROM "User" WHERE "clinicId" = OLD."clinicId" AND role = 'admin' AND active AND id <> OLD.id) THEN
    RAISE EXCEPTION 'this is the clinic''s last active administrator: make another user an administrator first' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER user_keep_an_admin BEFORE UPDATE ON "User"
  FOR EACH ROW WHEN (OLD.role = 'admin' AND OLD.active AND (NEW.role <> 'admin' OR NOT NEW.active))
  EXECUTE FUNCTION kc_keep_an_admin();

-- One intake per episode (an intake entered in error may be replaced).
CREATE UNIQUE INDEX "Assessment_one_intake_per_episode" ON "Assessment" ("clinicId", "episodeId")
  WHERE kind = 'intake' AND status <> 'entered_in_error';
