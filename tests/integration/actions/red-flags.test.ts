/** Recording what was done about a red flag, and correcting an episode's facts: the four cases of each action. */
import { recordRedFlagActionAction } from "@/lib/actions/red-flags";
import { correctEpisodeAction } from "@/lib/actions/patients";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { patientSchema } from "@/lib/validation/patients";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../../helpers/fixtures";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

/** An episode whose signed intake raised "locked knee" (urgent). */
const flaggedEpisode = async (t: TestClinic) => {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  const d = await saveDraft(t.clinician, {
    episodeId: e.id,
    kind: "intake",
    assessedOn: isoDaysAgo(3),
    answers: { symptoms: { locking: true } },
  });
  await signAssessment(t.clinician, d.id, d.version);
  return { patientId: p.id, episodeId: e.id };
};
const actionsOf = async (id: unknown) =>
  testDb().redFlagAction.findMany({ where: { episodeId: String(id) }, select: { code: true, action: true, reason: true, note: true } });

describeAction(
  "recordRedFlagActionAction",
  () => c,
  (c) => ({
    call: formCall(recordRedFlagActionAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({
      ...(await flaggedEpisode(c.a)),
      code: "locked_knee",
      action: "not_applicable",
      reason: "Stiffness only",
      note: "",
    }),
    observe: (i) => actionsOf(i.episodeId),
    otherClinic: {
      input: async () => ({ ...(await flaggedEpisode(c.b)), code: "locked_knee", action: "sent_to_ed" }),
      observe: (i) => actionsOf(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, reason: "" }), field: "reason", message: /reason is required/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Locked knee: not applicable, recorded.");
      expect(after).toEqual([{ code: "locked_knee", action: "not_applicable", reason: "Stiffness only", note: null }]);
    },
  }),
);

const factsOf = async (id: unknown) =>
  testDb().episode.findUnique({ where: { id: String(id) }, select: { side: true, mechanism: true, onsetDate: true, patientId: true } });

describeAction(
  "correctEpisodeAction",
  () => c,
  (c) => ({
    call: formCall(correctEpisodeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({
      episodeId: (await flaggedEpisode(c.a)).episodeId,
      side: "right",
      mechanism: "gradual",
      onsetDate: isoDaysAgo(30),
      reason: "The runner pointed at the right knee",
    }),
    observe: (i) => factsOf(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: (await flaggedEpisode(c.b)).episodeId, side: "right", mechanism: "gradual", reason: "x" }),
      observe: (i) => factsOf(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, reason: "" }), field: "reason", message: /reason is required/ },
    succeeded: (state, input, before, after) => {
      expect(state.message).toMatch(/^Episode corrected/);
      expect(after).toEqual({ ...(before as object), side: "right", onsetDate: new Date(`${String(input.onsetDate)}T00:00:00Z`) });
    },
  }),
);
