/** The assessment actions: role refused, other clinic refused, a field error, success; and the typed conflict of a stale save. */
import {
  addAddendumAction,
  discardDraftAction,
  enteredInErrorAction,
  saveDraftAction,
  signAssessmentAction,
} from "@/lib/actions/assessments";
import { describeAction, formCall, payloadCall, signInAs, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, SCREEN_NOT_DONE, testDb } from "../../helpers/fixtures";
import { draftIn, episodeIn, signedIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const assessmentsOf = (episodeId: unknown) =>
  testDb().assessment.findMany({ where: { episodeId: String(episodeId) }, select: { id: true, status: true, version: true } });
const assessment = (id: unknown) =>
  testDb().assessment.findUnique({ where: { id: String(id) }, select: { status: true, version: true, enteredInErrorReason: true } });
const addendaOf = (id: unknown) => testDb().addendum.findMany({ where: { assessmentId: String(id) }, select: { text: true } });
const draftInput = async (t: Clinics["a"]) => ({
  episodeId: (await episodeIn(t)).episodeId,
  kind: "intake",
  assessedOn: isoDaysAgo(2),
  answers: { symptoms: { painNow: 3 } },
});

describeAction(
  "saveDraftAction",
  () => c,
  (c) => ({
    call: payloadCall(saveDraftAction),
    as: "clinician",
    refused: "viewer",
    input: () => draftInput(c.a),
    observe: (i) => assessmentsOf(i.episodeId),
    otherClinic: { input: () => draftInput(c.b), observe: (i) => assessmentsOf(i.episodeId) },
    invalid: { change: (i) => ({ ...i, kind: "discharge" }), field: "kind", message: /intake or follow_up/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Draft saved.");
      expect(after).toEqual([{ id: (state.data as { id: string }).id, status: "draft", version: 1 }]);
    },
  }),
);

describeAction(
  "signAssessmentAction",
  () => c,
  (c) => ({
    call: payloadCall(signAssessmentAction),
    as: "clinician",
    refused: "viewer",
    input: async () => {
      const d = await draftIn(c.a);
      return { assessmentId: d.assessmentId, version: d.version, screenAttestation: SCREEN_NOT_DONE };
    },
    observe: (i) => assessment(i.assessmentId),
    otherClinic: {
      input: async () => {
        const d = await draftIn(c.b);
        return { assessmentId: d.assessmentId, version: d.version, screenAttestation: SCREEN_NOT_DONE };
      },
      observe: (i) => assessment(i.assessmentId),
    },
    invalid: { change: (i) => ({ ...i, version: 0 }), field: "version" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Assessment signed. It is now read-only.");
      expect(after).toMatchObject({ status: "signed" });
    },
  }),
);

describeAction(
  "discardDraftAction",
  () => c,
  (c) => ({
    call: payloadCall(discardDraftAction),
    as: "clinician",
    refused: "viewer",
    input: async () => {
      const d = await draftIn(c.a);
      return { assessmentId: d.assessmentId, version: d.version };
    },
    observe: (i) => assessment(i.assessmentId),
    otherClinic: {
      input: async () => {
        const d = await draftIn(c.b);
        return { assessmentId: d.assessmentId, version: d.version };
      },
      observe: (i) => assessment(i.assessmentId),
    },
    invalid: { change: (i) => ({ ...i, assessmentId: "not-an-id" }), field: "assessmentId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Draft discarded.");
      expect(after).toBeNull();
    },
  }),
);

describeAction(
  "addAddendumAction",
  () => c,
  (c) => ({
    call: formCall(addAddendumAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ assessmentId: (await signedIn(c.a)).assessmentId, text: "Seen again by phone: no change." }),
    observe: (i) => addendaOf(i.assessmentId),
    otherClinic: {
      input: async () => ({ assessmentId: (await signedIn(c.b)).assessmentId, text: "Seen again by phone: no change." }),
      observe: (i) => addendaOf(i.assessmentId),
    },
    invalid: { change: (i) => ({ ...i, text: "   " }), field: "text", message: /Enter the addendum text/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Addendum added.");
      expect(after).toEqual([{ text: "Seen again by phone: no change." }]);
    },
  }),
);

describeAction(
  "enteredInErrorAction",
  () => c,
  (c) => ({
    call: formCall(enteredInErrorAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ assessmentId: (await signedIn(c.a)).assessmentId, reason: "Recorded on the wrong patient" }),
    observe: (i) => assessment(i.assessmentId),
    otherClinic: {
      input: async () => ({ assessmentId: (await signedIn(c.b)).assessmentId, reason: "Recorded on the wrong patient" }),
      observe: (i) => assessment(i.assessmentId),
    },
    invalid: { change: (i) => ({ ...i, reason: "oops" }), field: "reason", message: /at least 5 characters/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/^Marked as entered in error/);
      expect(after).toMatchObject({ status: "entered_in_error", enteredInErrorReason: "Recorded on the wrong patient" });
    },
  }),
);

describe("a save from a stale version", () => {
  it("is refused with the record as it now is (a typed conflict), writing nothing", async () => {
    const d = await draftIn(c.a);
    await signInAs(c.a.clinician);
    const first = await saveDraftAction({
      assessmentId: d.assessmentId,
      episodeId: d.episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(1),
      version: d.version,
      answers: { symptoms: { painNow: 5 } },
    });
    expect(first).toMatchObject({ ok: true, data: { version: d.version + 1 } });
    const stale = await saveDraftAction({
      assessmentId: d.assessmentId,
      episodeId: d.episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(1),
      version: d.version,
      answers: { symptoms: { painNow: 7 } },
    });
    expect(stale.ok).toBe(false);
    expect(stale.message).toMatch(/someone else saved this draft/);
    expect(stale.conflict).toMatchObject({ version: d.version + 1, status: "draft", answers: { symptoms: { painNow: 5 } } });
    expect(typeof stale.conflict?.updatedAt).toBe("string");
    expect(await assessment(d.assessmentId)).toMatchObject({ version: d.version + 1 });
  });
});
