import { formAnswers, type Answers, type RecordConflict } from "@/lib/validation/assessment";
import { setPath } from "./paths";

/**
 * The assessment form's draft as one state and the events that change it
 * (a pure reducer: `useAssessmentDraft` runs the saves, this decides what
 * each answer from the server does to the form). Nothing typed is ever lost:
 * a refused save keeps the entries and shows why.
 */
export type Busy = null | "saving" | "autosaving" | "signing" | "discarding";
export type FormMessage = { tone: "success" | "error" | "info"; text: string };

export type DraftState = {
  answers: Answers;
  /** The 20 LEFS items as entered: the measure counts only when all 20 are answered. */
  lefsDraft: (number | null)[];
  assessedOn: string;
  assessmentId?: string;
  version?: number;
  /** Opening a form creates nothing: the draft is made by the first save after something is entered. */
  dirty: boolean;
  busy: Busy;
  message: FormMessage | null;
  serverErrors: Record<string, string>;
  conflict: RecordConflict | null;
  lastSaved: Date | null;
  /** The signing confirmation is open. */
  confirming: boolean;
};

export type DraftEvent =
  | { type: "answer"; path: string; value: unknown }
  | { type: "lefs"; draft: (number | null)[] }
  | { type: "assessedOn"; value: string }
  | { type: "busy"; busy: Busy }
  | { type: "message"; message: FormMessage }
  | { type: "saved"; id: string; version: number; at: Date; announce: boolean }
  | { type: "refused"; message: string; fieldErrors?: Record<string, string>; conflict?: RecordConflict }
  | { type: "confirming"; open: boolean }
  | { type: "left" }
  | { type: "resolve"; keep: "mine" | "theirs" };

export type DraftInitial = {
  assessmentId?: string;
  version?: number;
  assessedOn: string;
  answers: Answers;
  /** A new form pre-filled from the runner's returned questionnaires names them: its first save takes them into the draft. */
  runnerRequestIds?: string[];
};

export function lefsDraftOf(answers: Answers): (number | null)[] {
  const lefs = answers.measures?.lefs;
  return Array.from({ length: 20 }, (_, i) => lefs?.[i] ?? null);
}

/** The 20 LEFS items when all are answered, else none. */
export function completeLefs(draft: (number | null)[]): number[] | undefined {
  const answered = draft.filter((v): v is number => v !== null);
  return answered.length === 20 ? answered : undefined;
}

export function initialDraft(initial: DraftInitial): DraftState {
  return {
    // Shown as the form asks them: no engine input kept hidden behind a question it no longer has.
    answers: formAnswers(initial.answers),
    lefsDraft: lefsDraftOf(initial.answers),
    assessedOn: initial.assessedOn,
    assessmentId: initial.assessmentId,
    version: initial.version,
    dirty: false,
    busy: null,
    message: null,
    serverErrors: {},
    conflict: null,
    lastSaved: null,
    confirming: false,
  };
}

function withoutError(errors: Record<string, string>, path: string): Record<string, string> {
  if (!errors[path]) return errors;
  const { [path]: _removed, ...rest } = errors;
  return rest;
}

/** Resolving a conflict over a draft: their version loaded, or mine kept to save over theirs (a signed record is opened instead). */
function resolve(state: DraftState, keep: "mine" | "theirs"): DraftState {
  const conflict = state.conflict;
  if (!conflict || conflict.status !== "draft") return state;
  const base = { ...state, version: conflict.version, conflict: null };
  if (keep === "mine")
    return { ...base, dirty: true, message: { tone: "info", text: "Your version is kept. Save to replace the other user's changes." } };
  return {
    ...base,
    answers: conflict.answers,
    lefsDraft: lefsDraftOf(conflict.answers),
    assessedOn: conflict.assessedOn,
    dirty: false,
    message: { tone: "info", text: "Loaded the version saved by the other user." },
  };
}

export function draftReducer(state: DraftState, event: DraftEvent): DraftState {
  switch (event.type) {
    case "answer":
      return {
        ...state,
        answers: setPath(state.answers, event.path, event.value),
        serverErrors: withoutError(state.serverErrors, event.path),
        dirty: true,
      };
    case "lefs":
      return { ...state, lefsDraft: event.draft, dirty: true };
    case "assessedOn":
      return { ...state, assessedOn: event.value, dirty: true };
    case "busy":
      return { ...state, busy: event.busy };
    case "message":
      return { ...state, message: event.message };
    case "saved":
      return {
        ...state,
        assessmentId: event.id,
        version: event.version,
        dirty: false,
        serverErrors: {},
        lastSaved: event.at,
        message: event.announce ? { tone: "success", text: "Draft saved." } : state.message,
      };
    case "refused":
      return {
        ...state,
        conflict: event.conflict ?? state.conflict,
        serverErrors: event.fieldErrors ?? {},
        message: { tone: "error", text: event.message },
      };
    case "confirming":
      return { ...state, confirming: event.open };
    case "left":
      return { ...state, dirty: false, confirming: false };
    case "resolve":
      return resolve(state, event.keep);
  }
}
