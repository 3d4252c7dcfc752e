-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "unsentReferralUrgency" "Urgency";

-- The most severe urgency of the emergency or urgent referrals drafted or signed but not sent
-- (lib/data/episode-summary.ts keeps it from now on).
UPDATE "Episode" e SET "unsentReferralUrgency" = r.urgency
  FROM (SELECT DISTINCT ON ("clinicId", "episodeId") "clinicId", "episodeId", urgency FROM "Referral"
         WHERE status IN ('draft', 'signed') AND urgency IN ('emergency', 'urgent')
         ORDER BY "clinicId", "episodeId", CASE urgency WHEN 'emergency' THEN 0 ELSE 1 END) r
 WHERE e.id = r."episodeId" AND e."clinicId" = r."clinicId";
