/** The referral actions: role refused, other clinic refused, a field error, success. */
import {
  cancelReferralAction,
  createReferralAction,
  deleteReferralDraftAction,
  sendReferralAction,
  signReferralAction,
  updateReferralAction,
} from "@/lib/actions/referrals";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { referralDraftIn, signedIn, signedReferralIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const referralsOf = (episodeId: unknown) =>
  testDb().referral.findMany({ where: { episodeId: String(episodeId) }, select: { id: true, status: true } });
const referral = (id: unknown) =>
  testDb().referral.findUnique({ where: { id: String(id) }, select: { status: true, version: true, question: true, cancelReason: true } });

const newReferral = async (t: TestClinic) => {
  const a = await signedIn(t);
  return { episodeId: a.episodeId, assessmentId: a.assessmentId };
};
const edit = async (t: TestClinic) => {
  const r = await referralDraftIn(t);
  return {
    referralId: r.referralId,
    version: r.version,
    assessmentId: r.assessmentId,
    urgency: r.urgency,
    reason: r.reason,
    question: "Is there a displaced meniscal tear?",
  };
};
const toSign = async (t: TestClinic) => {
  const r = await referralDraftIn(t, "Is there a displaced meniscal tear?");
  return { referralId: r.referralId, version: r.version };
};
const signed = async (t: TestClinic) => ({ referralId: (await signedReferralIn(t)).referralId });
const draft = async (t: TestClinic) => ({ referralId: (await referralDraftIn(t)).referralId });
const badId = (i: Record<string, unknown>) => ({ ...i, referralId: "not-an-id" });

describeAction(
  "createReferralAction",
  () => c,
  (c) => ({
    call: formCall(createReferralAction),
    as: "clinician",
    refused: "viewer",
    input: () => newReferral(c.a),
    observe: (i) => referralsOf(i.episodeId),
    otherClinic: { input: () => newReferral(c.b), observe: (i) => referralsOf(i.episodeId) },
    invalid: { change: (i) => ({ ...i, assessmentId: "not-an-id" }), field: "assessmentId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Referral draft created.");
      expect(after).toEqual([{ id: (state.data as { id: string }).id, status: "draft" }]);
    },
  }),
);

describeAction(
  "updateReferralAction",
  () => c,
  (c) => ({
    call: formCall(updateReferralAction),
    as: "clinician",
    refused: "viewer",
    input: () => edit(c.a),
    observe: (i) => referral(i.referralId),
    otherClinic: { input: () => edit(c.b), observe: (i) => referral(i.referralId) },
    invalid: { change: (i) => ({ ...i, urgency: "whenever" }), field: "urgency", message: /Choose the urgency/ },
    succeeded: (state, input, _before, after) => {
      expect(state).toMatchObject({ message: "Referral draft saved.", data: { version: Number(input.version) + 1 } });
      expect(after).toMatchObject({ status: "draft", question: "Is there a displaced meniscal tear?" });
    },
  }),
);

describeAction(
  "signReferralAction",
  () => c,
  (c) => ({
    call: formCall(signReferralAction),
    as: "clinician",
    refused: "viewer",
    input: () => toSign(c.a),
    observe: (i) => referral(i.referralId),
    otherClinic: { input: () => toSign(c.b), observe: (i) => referral(i.referralId) },
    invalid: { change: badId, field: "referralId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Referral signed. Its summary is now frozen.");
      expect(after).toMatchObject({ status: "signed" });
    },
  }),
);

describeAction(
  "sendReferralAction",
  () => c,
  (c) => ({
    call: formCall(sendReferralAction),
    as: "clinician",
    refused: "viewer",
    input: () => signed(c.a),
    observe: (i) => referral(i.referralId),
    otherClinic: { input: () => signed(c.b), observe: (i) => referral(i.referralId) },
    invalid: { change: badId, field: "referralId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Marked as sent.");
      expect(after).toMatchObject({ status: "sent" });
    },
  }),
);

describeAction(
  "cancelReferralAction",
  () => c,
  (c) => ({
    call: formCall(cancelReferralAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ ...(await signed(c.a)), reason: "Symptoms settled with load management" }),
    observe: (i) => referral(i.referralId),
    otherClinic: { input: async () => ({ ...(await signed(c.b)), reason: "Symptoms settled" }), observe: (i) => referral(i.referralId) },
    invalid: { change: (i) => ({ ...i, reason: "ok" }), field: "reason", message: /at least 5 characters/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Referral cancelled.");
      expect(after).toMatchObject({ status: "cancelled", cancelReason: "Symptoms settled with load management" });
    },
  }),
);

describeAction(
  "deleteReferralDraftAction",
  () => c,
  (c) => ({
    call: formCall(deleteReferralDraftAction),
    as: "clinician",
    refused: "viewer",
    input: () => draft(c.a),
    observe: (i) => referral(i.referralId),
    otherClinic: { input: () => draft(c.b), observe: (i) => referral(i.referralId) },
    invalid: { change: badId, field: "referralId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Draft referral deleted.");
      expect(after).toBeNull();
    },
  }),
);
