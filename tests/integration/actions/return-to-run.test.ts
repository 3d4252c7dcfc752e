/** The return-to-run actions: refused without the permission, refused on another clinic's episode, a field error, and success. */
import { createReturnToRunPlanAction, decideReturnToRunAction } from "@/lib/actions/return-to-run";
import { createReturnToRunPlan } from "@/lib/data/return-to-run";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const plans = async (episodeId: unknown) => ({
  plans: await testDb().returnToRunPlan.count({ where: { episodeId: String(episodeId) } }),
  decisions: await testDb().returnToRunDecision.findMany({
    where: { episodeId: String(episodeId) },
    select: { step: true, toStage: true },
  }),
});
const withPlan = async (t: TestClinic) => {
  const { episodeId } = await episodeIn(t);
  await createReturnToRunPlan(t.clinician, episodeId);
  return episodeId;
};

describeAction(
  "createReturnToRunPlanAction",
  () => c,
  (c) => ({
    call: formCall(createReturnToRunPlanAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ episodeId: (await episodeIn(c.a)).episodeId }),
    observe: (i) => plans(i.episodeId),
    otherClinic: { input: async () => ({ episodeId: (await episodeIn(c.b)).episodeId }), observe: (i) => plans(i.episodeId) },
    invalid: { change: () => ({ episodeId: "not-an-id" }), field: "episodeId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Return-to-run plan made.");
      expect(after).toEqual({ plans: 1, decisions: [] });
    },
  }),
);

describeAction(
  "decideReturnToRunAction",
  () => c,
  (c) => ({
    call: formCall(decideReturnToRunAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ episodeId: await withPlan(c.a), step: "hold", basedOnDecisions: "0", reason: "Walking only until the review" }),
    observe: (i) => plans(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: await withPlan(c.b), step: "hold", basedOnDecisions: "0" }),
      observe: (i) => plans(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, step: "jump" }), field: "step", message: /Choose the step/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Recorded: hold this stage. Now not running yet.");
      expect(after).toEqual({ plans: 1, decisions: [{ step: "hold", toStage: 0 }] });
    },
  }),
);
