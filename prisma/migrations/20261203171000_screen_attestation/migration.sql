-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "screenAttestation" TEXT;

-- Hand-written: honest screens (issue 9, item 3). Signing an assessment whose
-- red-flag screen is incomplete needs the signer's attestation (why it could
-- not be completed): lib/data/assessments.ts requires it then. PostgreSQL
-- keeps it consistent with the rest of the sealed record:
--   * a draft carries no attestation (it is given at signing, by the signer);
--   * at signing it is either absent or non-blank, and only given when the
--     evaluation has red flags not assessed;
--   * once signed it never changes (the signed state compares the whole row).
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
                      NEW."enteredInErrorReason", NEW."enteredInErrorById", NEW."enteredInErrorAt", NEW."screenAttestation") > 0 THEN
        RAISE EXCEPTION 'a draft assessment has no signer, signing time, screen attestation or entered-in-error mark' USING ERRCODE = 'KC001';
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
    IF NEW."screenAttestation" IS NOT NULL AND btrim(NEW."screenAttestation") = '' THEN
      RAISE EXCEPTION 'a screen attestation states why the red-flag screen is incomplete: it cannot be blank' USING ERRCODE = 'KC001';
    END IF;
    IF NEW."screenAttestation" IS NOT NULL AND jsonb_array_length(coalesce(NEW.evaluation -> 'redFlagsNotAssessed', '[]'::jsonb)) = 0 THEN
      RAISE EXCEPTION 'a screen attestation is given only when red flags are not assessed' USING ERRCODE = 'KC001';
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
