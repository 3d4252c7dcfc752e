-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'clinician', 'viewer');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('female', 'male', 'other', 'unknown');

-- CreateEnum
CREATE TYPE "RunningLevel" AS ENUM ('novice', 'recreational', 'competitive');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('left', 'right', 'both');

-- CreateEnum
CREATE TYPE "Mechanism" AS ENUM ('gradual', 'acute_trauma');

-- CreateEnum
CREATE TYPE "EpisodeStatus" AS ENUM ('open', 'discharged');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('intake', 'follow_up');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('draft', 'signed', 'entered_in_error');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('draft', 'signed', 'sent', 'cancelled');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('emergency', 'urgent', 'soon', 'routine');

-- CreateEnum
CREATE TYPE "Surface" AS ENUM ('road', 'track', 'treadmill', 'trail');

-- CreateEnum
CREATE TYPE "RunSource" AS ENUM ('manual', 'csv_import', 'seed');

-- CreateTable
CREATE TABLE "Clinic" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT,
    "address" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/London',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicSettings" (
    "clinicId" UUID NOT NULL,
    "persistentPainDays" INTEGER NOT NULL DEFAULT 14,
    "twoWeekIncreasePct" DOUBLE PRECISION NOT NULL DEFAULT 30,
    "spikePct" DOUBLE PRECISION NOT NULL DEFAULT 10,
    "minRestDaysPerWeek" INTEGER NOT NULL DEFAULT 1,
    "shoeReplaceKm" DOUBLE PRECISION NOT NULL DEFAULT 800,
    "importantChangePain" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "importantChangeKoos" DOUBLE PRECISION NOT NULL DEFAULT 10,
    "importantChangeLefs" DOUBLE PRECISION NOT NULL DEFAULT 9,
    "importantChangePsfs" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "importantChangeTegner" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "reviewIntervalDays" INTEGER NOT NULL DEFAULT 14,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "ClinicSettings_pkey" PRIMARY KEY ("clinicId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "mrn" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "runningLevel" "RunningLevel",
    "weeklyDistanceKm" DOUBLE PRECISION,
    "goalEvent" TEXT,
    "goalEventDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Episode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "side" "Side" NOT NULL,
    "complaint" TEXT NOT NULL,
    "onsetDate" DATE,
    "mechanism" "Mechanism",
    "status" "EpisodeStatus" NOT NULL DEFAULT 'open',
    "nextReviewDate" DATE,
    "dischargedAt" TIMESTAMPTZ(3),
    "urgency" "Urgency",
    "screenIncomplete" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenOn" DATE,
    "worsening" BOOLEAN NOT NULL DEFAULT false,
    "draftCount" INTEGER NOT NULL DEFAULT 0,
    "urgencyRank" INTEGER NOT NULL DEFAULT 4,
    "reviewSort" DATE NOT NULL DEFAULT '9999-12-31'::date,
    "seenSort" DATE NOT NULL DEFAULT '0001-01-01'::date,
    "sortName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "assessedOn" DATE NOT NULL,
    "answers" JSONB NOT NULL,
    "evaluation" JSONB,
    "rulesVersion" TEXT,
    "settingsUsed" JSONB,
    "evaluationInput" JSONB,
    "urgency" "Urgency",
    "status" "AssessmentStatus" NOT NULL DEFAULT 'draft',
    "signedById" UUID,
    "signedAt" TIMESTAMPTZ(3),
    "enteredInErrorReason" TEXT,
    "enteredInErrorById" UUID,
    "enteredInErrorAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "updatedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Addendum" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Addendum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "distanceKm" DOUBLE PRECISION NOT NULL,
    "durationSec" INTEGER,
    "surface" "Surface",
    "source" "RunSource" NOT NULL DEFAULT 'manual',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinicId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'draft',
    "urgency" "Urgency" NOT NULL,
    "reason" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "recipient" TEXT,
    "draft" JSONB NOT NULL,
    "snapshot" JSONB,
    "signedById" UUID,
    "signedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "clinicId" UUID NOT NULL,
    "userId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "patientId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_clinicId_name_idx" ON "User"("clinicId", "name");

-- CreateIndex
CREATE INDEX "Patient_clinicId_familyName_givenName_idx" ON "Patient"("clinicId", "familyName", "givenName");

-- CreateIndex
CREATE INDEX "Patient_clinicId_birthDate_idx" ON "Patient"("clinicId", "birthDate");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_clinicId_mrn_key" ON "Patient"("clinicId", "mrn");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_clinicId_id_key" ON "Patient"("clinicId", "id");

-- CreateIndex
CREATE INDEX "Episode_clinicId_patientId_idx" ON "Episode"("clinicId", "patientId");

-- CreateIndex
CREATE INDEX "Episode_clinicId_status_urgencyRank_reviewSort_id_idx" ON "Episode"("clinicId", "status", "urgencyRank", "reviewSort", "id");

-- CreateIndex
CREATE INDEX "Episode_clinicId_status_reviewSort_id_idx" ON "Episode"("clinicId", "status", "reviewSort", "id");

-- CreateIndex
CREATE INDEX "Episode_clinicId_status_seenSort_id_idx" ON "Episode"("clinicId", "status", "seenSort", "id");

-- CreateIndex
CREATE INDEX "Episode_clinicId_status_sortName_id_idx" ON "Episode"("clinicId", "status", "sortName", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Episode_clinicId_id_key" ON "Episode"("clinicId", "id");

-- CreateIndex
CREATE INDEX "Assessment_clinicId_episodeId_assessedOn_idx" ON "Assessment"("clinicId", "episodeId", "assessedOn");

-- CreateIndex
CREATE INDEX "Assessment_clinicId_status_idx" ON "Assessment"("clinicId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_clinicId_id_key" ON "Assessment"("clinicId", "id");

-- CreateIndex
CREATE INDEX "Addendum_clinicId_assessmentId_createdAt_idx" ON "Addendum"("clinicId", "assessmentId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_clinicId_patientId_date_idx" ON "Run"("clinicId", "patientId", "date");

-- CreateIndex
CREATE INDEX "Referral_clinicId_status_createdAt_id_idx" ON "Referral"("clinicId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Referral_clinicId_episodeId_idx" ON "Referral"("clinicId", "episodeId");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_at_id_idx" ON "AuditEvent"("clinicId", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_userId_id_idx" ON "AuditEvent"("clinicId", "userId", "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_patientId_id_idx" ON "AuditEvent"("clinicId", "patientId", "id" DESC);

-- AddForeignKey
ALTER TABLE "ClinicSettings" ADD CONSTRAINT "ClinicSettings_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_clinicId_patientId_fkey" FOREIGN KEY ("clinicId", "patientId") REFERENCES "Patient"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Addendum" ADD CONSTRAINT "Addendum_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Addendum" ADD CONSTRAINT "Addendum_clinicId_assessmentId_fkey" FOREIGN KEY ("clinicId", "assessmentId") REFERENCES "Assessment"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_clinicId_patientId_fkey" FOREIGN KEY ("clinicId", "patientId") REFERENCES "Patient"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_clinicId_episodeId_fkey" FOREIGN KEY ("clinicId", "episodeId") REFERENCES "Episode"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_clinicId_assessmentId_fkey" FOREIGN KEY ("clinicId", "assessmentId") REFERENCES "Assessment"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
