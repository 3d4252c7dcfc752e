/**
 * A referral uses only frozen data: its training section comes from the runs
 * its assessment was judged with (stored with the assessment when it was
 * signed), never from the run log as it is when the referral is signed; it
 * includes the addenda of the assessments it draws on and the red flags'
 * follow-up as they were at signing.
 */
import { addAddendum, saveDraft, signAssessment } from "@/lib/data/assessments";
import { createReferralDraft, signReferral, updateReferralDraft } from "@/lib/data/referrals";
import { saveRun } from "@/lib/data/runs";
import { buildReferralOutline } from "@/lib/export/referral-outline";
import { runFormSchema } from "@/lib/validation/runs";
import { closeTestDb, createClinic, isoDaysAgo, SCREEN_NOT_DONE, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

it("the training section is the assessment's runs, not the live log; addenda of its assessments are included", async () => {
  const { patientId, episodeId } = await episodeIn(c, { runner: { familyName: "Frozen-Runs" } });
  for (const [days, km] of [
    [20, 8],
    [13, 10],
    [9, 12],
    [6, 9],
  ] as const)
    await saveRun(c.clinician, runFormSchema.parse({ patientId, date: isoDaysAgo(days), distance: km, unit: "km" }));
  const d = await saveDraft(c.clinician, {
    episodeId,
    kind: "intake",
    assessedOn: isoDaysAgo(5),
    answers: { symptoms: { painNow: 4 } },
  });
  const a = await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);

  // After the assessment was signed: a run entered late into its window, and an addendum.
  await saveRun(c.clinician, runFormSchema.parse({ patientId, date: isoDaysAgo(7), distance: 41.7, unit: "km" }));
  await addAddendum(c.clinician, a.id, "MRI: horizontal tear of the posterior horn of the medial meniscus.");

  const draft = await createReferralDraft(c.clinician, episodeId);
  const edited = await updateReferralDraft(c.clinician, {
    referralId: draft.id,
    version: draft.version,
    assessmentId: a.id,
    urgency: draft.urgency,
    reason: draft.reason,
    question: "Is an arthroscopy indicated?",
    recipient: undefined,
    treatmentSoFar: undefined,
    responseToTreatment: undefined,
    notes: undefined,
  });
  const signed = await signReferral(c.clinician, draft.id, edited.version);
  const s = signed.snapshot!;
  if (s.schemaVersion !== 4) throw new Error("expected a version 4 snapshot");
  expect(s.goalRace).toEqual({ name: null, date: null, distanceKm: null });
  expect(s.trainingLoad.runsRecorded).toBe(true);
  const total = s.trainingLoad.weekly.reduce((n, w) => n + w.km, 0);
  expect(total).toBeCloseTo(8 + 10 + 12 + 9, 5); // not the 41.7 km entered after the assessment
  expect(JSON.stringify(buildReferralOutline(s))).not.toContain("41.7");
  expect(s.addenda.map((x) => x.text)).toEqual(["MRI: horizontal tear of the posterior horn of the medial meniscus."]);
  expect(s.addenda[0]).toMatchObject({ assessmentId: a.id, authorName: expect.any(String) });
  expect(s.redFlagFollowUp).toEqual({ open: [], actions: [] });
  const outline = buildReferralOutline(s);
  expect(JSON.stringify(outline.sections.find((x) => x.id === "addenda"))).toContain("horizontal tear of the posterior horn");
});
