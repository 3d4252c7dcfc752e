-- Hand-written, data only (issue 13): which of the runner's returned
-- questionnaires an assessment used is now recorded when its draft is saved
-- pre-filled from them (QuestionnaireRequest.usedInAssessmentId), no longer
-- decided at signing by the draft's creation time. Drafts saved before this
-- change take what signing would have given them: the returned questionnaires
-- not yet used that were submitted before the draft was made (the oldest such
-- draft of the episode, when there are several).
UPDATE "QuestionnaireRequest" AS q
SET "usedInAssessmentId" = d.id
FROM (
  SELECT DISTINCT ON (r.id) r.id AS request_id, a.id
  FROM "QuestionnaireRequest" AS r
  JOIN "Assessment" AS a
    ON a."clinicId" = r."clinicId" AND a."episodeId" = r."episodeId" AND a.status = 'draft' AND r."submittedAt" <= a."createdAt"
  WHERE r.status = 'completed' AND r."usedInAssessmentId" IS NULL
  ORDER BY r.id, a."createdAt", a.id
) AS d
WHERE q.id = d.request_id;
