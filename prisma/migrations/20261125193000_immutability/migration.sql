-- Immutability of the clinical record, enforced by PostgreSQL itself so that
-- no code path (app, script, psql session) can rewrite history:
--   * AuditEvent rows are append-only: never updated, deleted or truncated.
--   * Addendum rows are never updated or deleted, and only attach to a
--     signed (or entered-in-error) assessment.
--   * A signed Assessment is never deleted and its content never changes; the
--     only move allowed is to entered_in_error, with a reason, who and when.
--   * A signed Referral is never deleted and its content never changes; the
--     only moves allowed are to sent, or to cancelled with a reason.
-- Violations raise SQLSTATE KC001 with a message naming the rule.

CREATE OR REPLACE FUNCTION kc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'KC001';
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION kc_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_append_only();

CREATE TRIGGER addendum_append_only BEFORE UPDATE OR DELETE ON "Addendum"
  FOR EACH ROW EXECUTE FUNCTION kc_append_only();
CREATE TRIGGER addendum_no_truncate BEFORE TRUNCATE ON "Addendum"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_append_only();

CREATE OR REPLACE FUNCTION kc_addendum_needs_signed_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s "AssessmentStatus";
BEGIN
  SELECT status INTO s FROM "Assessment" WHERE id = NEW."assessmentId" AND "clinicId" = NEW."clinicId";
  IF s IS NULL OR s = 'draft' THEN
    RAISE EXCEPTION 'an addendum can only be added to a signed assessment' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER addendum_needs_signed_assessment BEFORE INSERT ON "Addendum"
  FOR EACH ROW EXECUTE FUNCTION kc_addendum_needs_signed_assessment();

-- Columns of a signed record that may still change; every other column
-- (including any added later) is frozen.
CREATE OR REPLACE FUNCTION kc_frozen_changed(old_row jsonb, new_row jsonb, mutable text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (old_row - mutable) IS DISTINCT FROM (new_row - mutable);
$$;

CREATE OR REPLACE FUNCTION kc_assessment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status', 'enteredInErrorReason', 'enteredInErrorById', 'enteredInErrorAt', 'updatedAt', 'updatedById', 'version'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'assessment % is %: a signed assessment can never be deleted (mark it entered in error instead)', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    RETURN OLD;
  END IF;

  IF OLD.status = 'draft' THEN
    IF NEW.status = 'signed' AND (NEW."signedById" IS NULL OR NEW."signedAt" IS NULL OR NEW.evaluation IS NULL OR NEW."rulesVersion" IS NULL) THEN
      RAISE EXCEPTION 'a signed assessment needs its signer, signing time, evaluation and rulesVersion' USING ERRCODE = 'KC001';
    END IF;
    IF NEW.status = 'entered_in_error' THEN
      RAISE EXCEPTION 'only a signed assessment can be marked entered in error; a draft can be discarded' USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;

  IF OLD.status = 'entered_in_error' THEN
    RAISE EXCEPTION 'assessment % was marked entered in error and can no longer change', OLD.id USING ERRCODE = 'KC001';
  END IF;

  -- OLD.status = 'signed'
  IF kc_frozen_changed(to_jsonb(OLD), to_jsonb(NEW), mutable) THEN
    RAISE EXCEPTION 'assessment % is signed: its content can never change (add an addendum instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = 'draft' THEN
    RAISE EXCEPTION 'a signed assessment cannot return to draft' USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = 'signed' AND (NEW."enteredInErrorReason" IS DISTINCT FROM OLD."enteredInErrorReason" OR NEW."enteredInErrorAt" IS DISTINCT FROM OLD."enteredInErrorAt") THEN
    RAISE EXCEPTION 'assessment % is signed: its content can never change', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = 'entered_in_error' AND (coalesce(btrim(NEW."enteredInErrorReason"), '') = '' OR NEW."enteredInErrorById" IS NULL OR NEW."enteredInErrorAt" IS NULL) THEN
    RAISE EXCEPTION 'marking an assessment entered in error needs a reason, who and when' USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER assessment_guard BEFORE UPDATE OR DELETE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION kc_assessment_guard();
CREATE TRIGGER assessment_no_truncate BEFORE TRUNCATE ON "Assessment"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_append_only();

CREATE OR REPLACE FUNCTION kc_referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status', 'sentAt', 'cancelledAt', 'cancelReason', 'updatedAt', 'version'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'referral % is %: only a draft referral can be deleted', OLD.id, OLD.status USING ERRCODE = 'KC001';
    END IF;
    RETURN OLD;
  END IF;

  IF NEW.status = 'cancelled' AND OLD.status <> 'cancelled' AND (coalesce(btrim(NEW."cancelReason"), '') = '' OR NEW."cancelledAt" IS NULL) THEN
    RAISE EXCEPTION 'cancelling a referral needs a reason and a time' USING ERRCODE = 'KC001';
  END IF;

  IF OLD.status = 'draft' THEN
    IF NEW.status = 'signed' AND (NEW.snapshot IS NULL OR NEW."signedById" IS NULL OR NEW."signedAt" IS NULL OR coalesce(btrim(NEW.question), '') = '') THEN
      RAISE EXCEPTION 'a signed referral needs its snapshot, signer, signing time and the question for the receiving clinician' USING ERRCODE = 'KC001';
    END IF;
    IF NEW.status = 'sent' THEN
      RAISE EXCEPTION 'a referral must be signed before it is sent' USING ERRCODE = 'KC001';
    END IF;
    RETURN NEW;
  END IF;

  IF OLD.status = 'cancelled' THEN
    RAISE EXCEPTION 'referral % was cancelled and can no longer change', OLD.id USING ERRCODE = 'KC001';
  END IF;

  -- OLD.status is signed or sent: the content is frozen.
  IF kc_frozen_changed(to_jsonb(OLD), to_jsonb(NEW), mutable) THEN
    RAISE EXCEPTION 'referral % is signed: its content can never change', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = 'draft' OR (OLD.status = 'sent' AND NEW.status = 'signed') THEN
    RAISE EXCEPTION 'referral % cannot move from % back to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = 'sent' AND NEW."sentAt" IS NULL THEN
    RAISE EXCEPTION 'a sent referral needs the time it was sent' USING ERRCODE = 'KC001';
  END IF;
  IF NEW.status = OLD.status AND (NEW."sentAt" IS DISTINCT FROM OLD."sentAt" OR NEW."cancelReason" IS DISTINCT FROM OLD."cancelReason" OR NEW."cancelledAt" IS DISTINCT FROM OLD."cancelledAt") THEN
    RAISE EXCEPTION 'referral % is signed: its content can never change', OLD.id USING ERRCODE = 'KC001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER referral_guard BEFORE UPDATE OR DELETE ON "Referral"
  FOR EACH ROW EXECUTE FUNCTION kc_referral_guard();
CREATE TRIGGER referral_no_truncate BEFORE TRUNCATE ON "Referral"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_append_only();
