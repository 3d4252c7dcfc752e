-- AlterTable
ALTER TABLE "ClinicSettings" ADD COLUMN     "maxRunPain" INTEGER NOT NULL DEFAULT 3;
