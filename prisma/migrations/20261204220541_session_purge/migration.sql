-- Sessions that can never be used again are deleted at a sign-in (lib/data/auth.ts purgeSessions): the
-- clinic's expired ones are found by this index. The app's role needs DELETE on "Session" (prisma/grants.ts):
-- run `npm run db:grant` after this migration.

-- CreateIndex
CREATE INDEX "Session_clinicId_expiresAt_idx" ON "Session"("clinicId", "expiresAt");
