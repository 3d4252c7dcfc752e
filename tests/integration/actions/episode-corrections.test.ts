/** Correcting an episode's facts: role refused, other clinic refused, a field error, success. */
import { correctEpisodeAction } from "@/lib/actions/patients";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, testDb, SCREEN_NOT_DONE, type TestClinic } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

/** An episode with a signed intake. */
const flaggedEpisode = async (t: TestClinic) => {
  const { patientId, episodeId } = await episodeIn(t);
  const d = await saveDraft(t.clinician, {
    episodeId,
    kind: "intake",
    assessedOn: isoDaysAgo(3),
    answers: { symptoms: { locking: true } },
  });
  await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
  return { patientId, episodeId };
};
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
    invalid: { change: (i) => ({ ...i, reason: "" }), field: "reason", message: /reason/i },
    succeeded: (state, input, before, after) => {
      expect(state.message).toMatch(/^Episode corrected/);
      expect(after).toEqual({ ...(before as object), side: "right", onsetDate: new Date(`${String(input.onsetDate)}T00:00:00Z`) });
    },
  }),
);
