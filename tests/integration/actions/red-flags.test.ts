/** The red-flag action form: role refused, other clinic refused, a field error, success. */
import { recordRedFlagActionAction } from "@/lib/actions/red-flags";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { signedIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

/** An episode whose signed intake raised "locked knee" (urgent), still open. */
const lockedKnee = async (t: TestClinic) => {
  const a = await signedIn(t, { symptoms: { locking: true, painNow: 6 } });
  return {
    episodeId: a.episodeId,
    patientId: a.patientId,
    code: "locked_knee",
    action: "urgent_referral",
    note: "Booked with the knee clinic",
  };
};
const actionsOf = (episodeId: unknown) =>
  testDb().redFlagAction.findMany({ where: { episodeId: String(episodeId) }, select: { code: true, action: true, note: true } });

describeAction(
  "recordRedFlagActionAction",
  () => c,
  (c) => ({
    call: formCall(recordRedFlagActionAction),
    as: "clinician",
    refused: "viewer",
    input: () => lockedKnee(c.a),
    observe: (i) => actionsOf(i.episodeId),
    otherClinic: { input: () => lockedKnee(c.b), observe: (i) => actionsOf(i.episodeId) },
    invalid: {
      change: (i) => ({ ...i, action: "not_applicable" }),
      field: "reason",
      message: /Enter the reason when the red flag is not applicable/,
    },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/recorded\.$/);
      expect(after).toEqual([{ code: "locked_knee", action: "urgent_referral", note: "Booked with the knee clinic" }]);
    },
  }),
);
