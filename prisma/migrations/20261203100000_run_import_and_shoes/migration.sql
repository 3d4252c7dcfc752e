-- CreateEnum
CREATE TYPE "ShoeType" AS ENUM ('neutral', 'stability', 'cushioned', 'minimalist', 'racing', 'trail', 'track_spikes', 'other');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RunSource" ADD VALUE 'fit';
ALTER TYPE "RunSource" ADD VALUE 'gpx';
ALTER TYPE "RunSource" ADD VALUE 'tcx';
ALTER TYPE "RunSource" ADD VALUE 'strava_zip';
ALTER TYPE "RunSource" ADD VALUE 'garmin_csv';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "avgCadenceSpm" DOUBLE PRECISION,
ADD COLUMN     "avgHeartRate" INTEGER,
ADD COLUMN     "elevationGainM" DOUBLE PRECISION,
ADD COLUMN     "elevationLossM" DOUBLE PRECISION,
ADD COLUMN     "fileName" TEXT,
ADD COLUMN     "fileSha256" TEXT,
ADD COLUMN     "indoor" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shoeId" UUID,
ADD COLUMN     "startedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Shoe" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ShoeType",
    "dropMm" DOUBLE PRECISION,
    "introducedOn" DATE NOT NULL,
    "retiredOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shoe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shoe_clinicId_patientId_introducedOn_idx" ON "Shoe"("clinicId", "patientId", "introducedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Shoe_clinicId_id_key" ON "Shoe"("clinicId", "id");

-- CreateIndex
CREATE INDEX "Run_clinicId_patientId_startedAt_idx" ON "Run"("clinicId", "patientId", "startedAt");

-- CreateIndex
CREATE INDEX "Run_clinicId_shoeId_idx" ON "Run"("clinicId", "shoeId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_clinicId_shoeId_fkey" FOREIGN KEY ("clinicId", "shoeId") REFERENCES "Shoe"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shoe" ADD CONSTRAINT "Shoe_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shoe" ADD CONSTRAINT "Shoe_clinicId_patientId_fkey" FOREIGN KEY ("clinicId", "patientId") REFERENCES "Patient"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
