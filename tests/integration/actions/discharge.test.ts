/** The discharge action: refused without the permission, refused on another clinic's episode, a field error, and success. */
import { dischargeEpisodeAction } from "@/lib/actions/discharge";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const episodeRow = async (id: unknown) => ({
  episode: await testDb().episode.findUnique({ where: { id: String(id) }, select: { status: true } }),
  discharges: await testDb().discharge.findMany({ where: { episodeId: String(id) }, select: { reason: true, reasonText: true } }),
});

describeAction(
  "dischargeEpisodeAction",
  () => c,
  (c) => ({
    call: formCall(dischargeEpisodeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({
      episodeId: (await episodeIn(c.a)).episodeId,
      reason: "other",
      reasonText: "Moved abroad",
      returnToRunningOn: "",
    }),
    observe: (i) => episodeRow(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: (await episodeIn(c.b)).episodeId, reason: "self_discharged" }),
      observe: (i) => episodeRow(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, reason: "" }), field: "reason", message: /Choose why the episode ends/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Episode discharged.");
      expect(after).toEqual({ episode: { status: "discharged" }, discharges: [{ reason: "other", reasonText: "Moved abroad" }] });
    },
  }),
);
