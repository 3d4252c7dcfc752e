import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { createEpisode, createPatient, getPatientRecord } from "@/lib/data/patients";
import { saveDraftSchema } from "@/lib/validation/assessment";
import { patientSchema } from "@/lib/validation/patients";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, SCREEN_NOT_DONE, testDb, type TestClinic } from "../helpers/fixtures";

/** Treatment given at a visit (issue 14 item 3): saved with the answers, frozen at signing, on the record and the API's history. */
let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

type Answers = Parameters<typeof saveDraft>[1]["answers"];

it("saves, signs and shows the treatment given; a bad entry is refused naming its field and nothing is saved", async () => {
  const p = await createPatient(c.clinician, patientSchema.parse(patientInput()));
  const e = await createEpisode(c.clinician, { patientId: p.id, side: "right", complaint: "Medial knee pain", mechanism: "gradual" });
  const given = [
    { code: "education", notes: "Why load matters" },
    { code: "gait_retraining", cadenceTargetSpm: 174 },
  ];
  // The save action parses with the same schema: the bad entry is named, nothing reaches the database.
  const bad = saveDraftSchema.safeParse({
    episodeId: e.id,
    kind: "intake",
    assessedOn: isoDaysAgo(1),
    answers: { treatment: { given: [{ code: "gait_retraining" }] } },
  });
  expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["answers.treatment.given.0.cadenceTargetSpm"]);
  expect(await testDb().assessment.count({ where: { episodeId: e.id } })).toBe(0);

  const d = await saveDraft(c.clinician, {
    episodeId: e.id,
    kind: "intake",
    assessedOn: isoDaysAgo(1),
    answers: { symptoms: { painNow: 5 }, treatment: { given } } as Answers,
  });
  await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
  const record = await getPatientRecord(c.viewer, p.id);
  expect(record.episodes[0]!.assessments[0]!.treatment).toEqual(given);
});
