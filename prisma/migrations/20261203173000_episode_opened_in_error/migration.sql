-- AlterEnum
ALTER TYPE "EpisodeStatus" ADD VALUE 'opened_in_error';

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "openedInErrorAt" TIMESTAMPTZ(3),
ADD COLUMN     "openedInErrorById" UUID,
ADD COLUMN     "openedInErrorReason" TEXT;
