-- CreateEnum
CREATE TYPE "LetterKind" AS ENUM ('discharge_summary', 'gp_letter');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DocumentKind" ADD VALUE 'discharge_summary_pdf';
ALTER TYPE "DocumentKind" ADD VALUE 'gp_letter_pdf';

-- AlterTable
ALTER TABLE "StoredDocument" ADD COLUMN     "letterId" UUID;

-- CreateTable
CREATE TABLE "EpisodeLetter" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "kind" "LetterKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "amendmentReason" TEXT,
    "signedById" UUID NOT NULL,
    "signedByName" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EpisodeLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EpisodeLetter_clinicId_episodeId_kind_version_key" ON "EpisodeLetter"("clinicId", "episodeId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "EpisodeLetter_clinicId_id_key" ON "EpisodeLetter"("clinicId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StoredDocument_clinicId_letterId_kind_variant_key" ON "StoredDocument"("clinicId", "letterId", "kind", "variant");

-- AddForeignKey
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_clinicId_letterId_fkey" FOREIGN KEY ("clinicId", "letterId") REFERENCES "EpisodeLetter"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeLetter" ADD CONSTRAINT "EpisodeLetter_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeLetter" ADD CONSTRAINT "EpisodeLetter_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a signed letter is part of the record, append-only (SQLSTATE
-- KC001): an amendment is a new version, which needs its reason. The signer's
-- name is stamped from "User". A letter's stored PDF belongs to a letter of
-- its own clinic, episode and kind. The app's role may only SELECT and INSERT.
ALTER TABLE "EpisodeLetter" ADD CONSTRAINT "EpisodeLetter_version_positive" CHECK ("version" >= 1);
ALTER TABLE "EpisodeLetter" ADD CONSTRAINT "EpisodeLetter_amendment_reason"
  CHECK ("version" = 1 OR ("amendmentReason" IS NOT NULL AND btrim("amendmentReason") <> ''));

CREATE OR REPLACE FUNCTION kc_episode_letter_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'letter % is signed: it can never be changed or deleted (sign a new version instead)', OLD.id USING ERRCODE = 'KC001';
  END IF;
  SELECT signer_name INTO NEW."signedByName" FROM kc_stamp_signer(NEW."clinicId", NEW."signedById");
  RETURN NEW;
END;
$$;

CREATE TRIGGER episode_letter_guard BEFORE INSERT OR UPDATE OR DELETE ON "EpisodeLetter"
  FOR EACH ROW EXECUTE FUNCTION kc_episode_letter_guard();
CREATE TRIGGER episode_letter_no_truncate BEFORE TRUNCATE ON "EpisodeLetter"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_episode_letter_guard();

CREATE OR REPLACE FUNCTION kc_stored_document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ref_status text;
  ref_episode uuid;
  letter_kind text;
  letter_episode uuid;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'stored document % is kept as it was made: it can never be changed or deleted', OLD.id USING ERRCODE = 'KC001';
  END IF;
  IF NEW."sha256" <> encode(sha256(NEW."bytes"), 'hex') OR NEW."byteLength" <> octet_length(NEW."bytes") THEN
    RAISE EXCEPTION 'a stored document''s sha256 and byteLength must be those of its bytes' USING ERRCODE = 'KC001';
  END IF;
  IF NEW."kind" IN ('referral_pdf', 'referral_fhir') THEN
    SELECT r.status::text, r."episodeId" INTO ref_status, ref_episode
      FROM "Referral" r WHERE r.id = NEW."referralId" AND r."clinicId" = NEW."clinicId";
    IF ref_status IS NULL OR ref_status = 'draft' OR ref_episode <> NEW."episodeId" THEN
      RAISE EXCEPTION 'a referral document belongs to a signed referral of its own clinic and episode' USING ERRCODE = 'KC001';
    END IF;
    IF NEW."variant" = 'cancelled' AND ref_status <> 'cancelled' THEN
      RAISE EXCEPTION 'a Cancelled version belongs to a cancelled referral' USING ERRCODE = 'KC001';
    END IF;
  END IF;
  IF NEW."kind" IN ('discharge_summary_pdf', 'gp_letter_pdf') THEN
    SELECT l.kind::text, l."episodeId" INTO letter_kind, letter_episode
      FROM "EpisodeLetter" l WHERE l.id = NEW."letterId" AND l."clinicId" = NEW."clinicId";
    IF letter_kind IS NULL OR letter_episode <> NEW."episodeId" OR NEW."kind"::text <> letter_kind || '_pdf'
       OR NEW."variant" <> 'signed' OR NEW."referralId" IS NOT NULL THEN
      RAISE EXCEPTION 'a letter''s PDF belongs to a signed letter of its own clinic, episode and kind' USING ERRCODE = 'KC001';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
