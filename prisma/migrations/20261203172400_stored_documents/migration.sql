-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('referral_pdf', 'referral_fhir');

-- CreateEnum
CREATE TYPE "DocumentVariant" AS ENUM ('signed', 'cancelled');

-- CreateTable
CREATE TABLE "StoredDocument" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "variant" "DocumentVariant" NOT NULL,
    "episodeId" UUID NOT NULL,
    "referralId" UUID,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoredDocument_clinicId_episodeId_idx" ON "StoredDocument"("clinicId", "episodeId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredDocument_clinicId_referralId_kind_variant_key" ON "StoredDocument"("clinicId", "referralId", "kind", "variant");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_clinicId_id_key" ON "Referral"("clinicId", "id");

-- AddForeignKey
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_clinicId_referralId_fkey" FOREIGN KEY ("clinicId", "referralId") REFERENCES "Referral"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: stored documents are write-once (SQLSTATE KC001, as the
-- sealed records of migration …_sealed_records). On insert PostgreSQL checks
-- that `sha256` is the SHA-256 of `bytes` and `byteLength` their length, and
-- that a referral's document belongs to a signed (or sent, or cancelled)
-- referral of the same clinic and episode; a Cancelled version only to a
-- cancelled referral. Nothing may change or delete a stored document. The
-- app's role may only SELECT and INSERT (prisma/grants.ts).
ALTER TABLE "StoredDocument" ADD CONSTRAINT "StoredDocument_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$');

CREATE OR REPLACE FUNCTION kc_stored_document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ref_status text;
  ref_episode uuid;
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
  RETURN NEW;
END;
$$;

CREATE TRIGGER stored_document_guard BEFORE INSERT OR UPDATE OR DELETE ON "StoredDocument"
  FOR EACH ROW EXECUTE FUNCTION kc_stored_document_guard();
CREATE TRIGGER stored_document_no_truncate BEFORE TRUNCATE ON "StoredDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION kc_stored_document_guard();
