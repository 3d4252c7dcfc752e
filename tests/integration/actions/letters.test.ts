/** The letter-signing action: refused without the permission, refused on another clinic's episode, a field error, and success. */
import { signLetterAction } from "@/lib/actions/letters";
import { dischargeEpisode } from "@/lib/data/discharges";
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

const discharged = async (t: TestClinic) => {
  const { episodeId } = await episodeIn(t);
  await dischargeEpisode(t.clinician, episodeId, { reason: "self_discharged" });
  return episodeId;
};
const letters = async (episodeId: unknown) =>
  testDb().episodeLetter.findMany({ where: { episodeId: String(episodeId) }, select: { kind: true, version: true } });

describeAction(
  "signLetterAction",
  () => c,
  (c) => ({
    call: formCall(signLetterAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ episodeId: await discharged(c.a), kind: "discharge_summary", amendmentReason: "" }),
    observe: (i) => letters(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: await discharged(c.b), kind: "discharge_summary" }),
      observe: (i) => letters(i.episodeId),
    },
    invalid: {
      change: (i) => ({ ...i, kind: "memo" }),
      field: "kind",
      message: /Choose the kind of letter: discharge_summary or gp_letter/,
    },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Discharge summary signed (version 1).");
      expect(after).toEqual([{ kind: "discharge_summary", version: 1 }]);
    },
  }),
);
