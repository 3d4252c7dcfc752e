-- Absent dates sort last both ways on the caseload (lib/data/keyset.ts sortedKey): "no review
-- planned" (reviewSort 9999-12-31) when the review date is sorted latest first, and "never seen"
-- (seenSort 0001-01-01) when last seen is sorted earliest first, are sorted by their column with the
-- sentinel turned into the other end's. These indexes hold that expression, in the order of the
-- existing ones (clinicId, status, <keys>, id), so those directions stay an index range too. The
-- column itself is included so counting the rows before a page stays an index-only scan.
-- The expressions must stay exactly what sortedKey writes (tests/integration/list-sorting.test.ts
-- asserts each sort's plan uses its index).

-- Next review, latest first.
CREATE INDEX "Episode_clinicId_status_reviewLastDesc_id_idx" ON "Episode" (
  "clinicId", status,
  (CASE WHEN "reviewSort" = '9999-12-31'::date THEN '0001-01-01'::date ELSE "reviewSort" END),
  id
) INCLUDE ("reviewSort");

-- Urgency, least urgent first (then the review date, latest first).
CREATE INDEX "Episode_clinicId_status_worklistRank_reviewLastDesc_id_idx" ON "Episode" (
  "clinicId", status, "worklistRank",
  (CASE WHEN "reviewSort" = '9999-12-31'::date THEN '0001-01-01'::date ELSE "reviewSort" END),
  id
) INCLUDE ("reviewSort");

-- Last seen, earliest first.
CREATE INDEX "Episode_clinicId_status_seenLastAsc_id_idx" ON "Episode" (
  "clinicId", status,
  (CASE WHEN "seenSort" = '0001-01-01'::date THEN '9999-12-31'::date ELSE "seenSort" END),
  id
) INCLUDE ("seenSort");
