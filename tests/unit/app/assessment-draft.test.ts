/**
 * The assessment form's draft (app/_components/assessment/draft-state.ts):
 * what each answer of the server does to the form, and the conflict answer
 * parsed, never cast (lib/actions/state.ts with recordConflictSchema).
 */
import { actionError } from "@/lib/actions/state";
import { ConflictError } from "@/lib/errors";
import type { RecordConflict } from "@/lib/validation/assessment";
import { completeLefs, draftReducer, initialDraft, lefsDraftOf, type DraftState } from "@/app/_components/assessment/draft-state";

const theirs: RecordConflict = {
  version: 4,
  status: "draft",
  assessedOn: "2026-11-02",
  answers: { symptoms: { painNow: 3 } },
  updatedAt: "2026-11-03T10:00:00.000Z",
  updatedBy: "Dr A. Other",
};

function opened(): DraftState {
  return initialDraft({ assessmentId: "a1", version: 3, assessedOn: "2026-11-03", answers: { symptoms: { painNow: 8 } } });
}

describe("the draft's state", () => {
  it("opens clean: nothing is saved until something is entered", () => {
    const s = opened();
    expect(s).toMatchObject({ dirty: false, busy: null, conflict: null, confirming: false, version: 3 });
    expect(s.lefsDraft).toHaveLength(20);
  });

  it("an answer marks the draft dirty and clears the server's error on that field only", () => {
    const s = draftReducer(
      { ...opened(), serverErrors: { "symptoms.painNow": "too high", assessedOn: "in the future" } },
      { type: "answer", path: "symptoms.painNow", value: 5 },
    );
    expect(s.answers.symptoms?.painNow).toBe(5);
    expect(s.dirty).toBe(true);
    expect(s.serverErrors).toEqual({ assessedOn: "in the future" });
  });

  it("a save keeps the new version and announces itself only when asked for", () => {
    const dirty = draftReducer(opened(), { type: "assessedOn", value: "2026-11-02" });
    const auto = draftReducer(dirty, { type: "saved", id: "a1", version: 4, at: new Date(0), announce: false });
    expect(auto).toMatchObject({ version: 4, dirty: false, message: null });
    const asked = draftReducer(dirty, { type: "saved", id: "a1", version: 4, at: new Date(0), announce: true });
    expect(asked.message).toEqual({ tone: "success", text: "Draft saved." });
  });

  it("a refused save keeps every entry, shows why and the other version", () => {
    const typed = draftReducer(opened(), { type: "answer", path: "symptoms.painNow", value: 9 });
    const s = draftReducer(typed, { type: "refused", message: "Someone else saved this draft.", conflict: theirs });
    expect(s.answers.symptoms?.painNow).toBe(9);
    expect(s.dirty).toBe(true);
    expect(s.conflict).toEqual(theirs);
    expect(s.message).toEqual({ tone: "error", text: "Someone else saved this draft." });
  });

  it("a refusal without a conflict keeps the conflict already shown and takes the field errors it names", () => {
    const shown = draftReducer(opened(), { type: "refused", message: "x", conflict: theirs });
    const s = draftReducer(shown, { type: "refused", message: "Not saved.", fieldErrors: { assessedOn: "required" } });
    expect(s.conflict).toEqual(theirs);
    expect(s.serverErrors).toEqual({ assessedOn: "required" });
  });

  it("'use their version' loads their answers, date and version, clean", () => {
    const conflicted = draftReducer(draftReducer(opened(), { type: "answer", path: "symptoms.painNow", value: 9 }), {
      type: "refused",
      message: "x",
      conflict: theirs,
    });
    const s = draftReducer(conflicted, { type: "resolve", keep: "theirs" });
    expect(s).toMatchObject({ version: 4, assessedOn: "2026-11-02", dirty: false, conflict: null });
    expect(s.answers).toEqual(theirs.answers);
    expect(s.message?.text).toBe("Loaded the version saved by the other user.");
  });

  it("'keep my version' keeps my answers on their version, to be saved over theirs", () => {
    const conflicted = draftReducer(draftReducer(opened(), { type: "answer", path: "symptoms.painNow", value: 9 }), {
      type: "refused",
      message: "x",
      conflict: theirs,
    });
    const s = draftReducer(conflicted, { type: "resolve", keep: "mine" });
    expect(s).toMatchObject({ version: 4, dirty: true, conflict: null });
    expect(s.answers.symptoms?.painNow).toBe(9);
  });

  it("a signed record is not resolved in the form (the hook opens it)", () => {
    const conflicted = draftReducer(opened(), { type: "refused", message: "x", conflict: { ...theirs, status: "signed" } });
    expect(draftReducer(conflicted, { type: "resolve", keep: "theirs" })).toBe(conflicted);
  });

  it("LEFS counts only when all 20 items are answered", () => {
    const draft = lefsDraftOf({});
    expect(completeLefs(draft)).toBeUndefined();
    expect(completeLefs(draft.map((_, i) => (i === 0 ? null : 2)))).toBeUndefined();
    expect(completeLefs(draft.map(() => 2))).toHaveLength(20);
  });
});

describe("the conflict answer of a refused save", () => {
  it("carries the record as it now is, parsed", () => {
    expect(actionError(new ConflictError("Someone else saved this draft.", theirs)).conflict).toEqual(theirs);
  });

  it.each([
    ["no detail", undefined],
    ["a link only", { link: { href: "/patients/x", text: "open" } }],
    ["answers the form cannot hold", { ...theirs, answers: { symptoms: { painNow: 99 } } }],
    ["no version", { ...theirs, version: undefined }],
    ["updatedBy missing", { ...theirs, updatedBy: undefined }],
  ])("carries none when the detail is %s", (_name, detail) => {
    const state = actionError(new ConflictError("Refused.", detail));
    expect(state.ok).toBe(false);
    expect(state.message).toBe("Refused.");
    expect(state.conflict).toBeUndefined();
  });
});
