/** The return-to-run actions: refused without the permission, refused on another clinic's episode, a field error, and success. */
import { createReturnToRunPlanAction, decideReturnToRunAction, updateLadderAction } from "@/lib/actions/return-to-run";
import { createReturnToRunPlan } from "@/lib/data/return-to-run";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
  // The ladder is the admin's: these clinics do not require two-factor sign-in (an admin would otherwise enrol first).
  await testDb().clinic.updateMany({ where: { id: { in: [c.a.clinicId, c.b.clinicId] } }, data: { twoFactorRequired: "off" } });
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

const ladderOf = (clinicId: string) => testDb().clinicSettings.findUnique({ where: { clinicId }, select: { returnToRunLadder: true } });
const ladderForm = (runMinutes: number) => ({
  "ladder.0.walkMinutes": "3",
  "ladder.0.runMinutes": String(runMinutes),
  "ladder.0.repeats": "5",
  "ladder.0.sessionsPerWeek": "3",
  "ladder.1.walkMinutes": "0",
  "ladder.1.runMinutes": "25",
  "ladder.1.repeats": "1",
  "ladder.1.sessionsPerWeek": "4",
});

describeAction(
  "updateLadderAction",
  () => c,
  (c) => ({
    call: formCall(updateLadderAction),
    as: "admin",
    refused: "clinician",
    input: async () => ladderForm(2),
    observe: () => ladderOf(c.a.clinicId),
    // The clinic is the admin's own: the other clinic's ladder is untouched.
    otherClinic: { input: async () => ladderForm(4), observe: () => ladderOf(c.b.clinicId), answer: (s) => expect(s.ok).toBe(true) },
    invalid: {
      change: (i) => ({ ...i, "ladder.1.runMinutes": "500" }),
      field: "ladder.1.runMinutes",
      message: /Enter the run minutes as a whole number from 1 to 120 minutes/,
    },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/^Return-to-run ladder saved \(2 stages\)/);
      expect(after).toEqual({
        returnToRunLadder: [
          { walkMinutes: 3, runMinutes: 2, repeats: 5, sessionsPerWeek: 3 },
          { walkMinutes: 0, runMinutes: 25, repeats: 1, sessionsPerWeek: 4 },
        ],
      });
    },
  }),
);
