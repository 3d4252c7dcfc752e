"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef, type Dispatch } from "react";
import { discardDraftAction, saveDraftAction, signAssessmentAction } from "@/lib/actions/assessments";
import type { ActionState } from "@/lib/actions/state";
import { useLeaveGuard } from "@/app/_components/forms/use-leave-guard";
import type { AssessmentFormProps } from "./form-props";
import { draftReducer, initialDraft, type DraftEvent, type DraftState } from "./draft-state";
import type { SignOutcome } from "./sign-dialog";
import { useLiveEvaluation, type LiveEvaluation } from "./use-live-evaluation";

const AUTOSAVE_MS = 20_000;
const UNREACHABLE_SAVE = "The server could not be reached. Your entries are still here; try saving again.";
const UNREACHABLE_SIGN = "The server could not be reached. Nothing was signed; try again.";

type Saved = { id: string; version: number };
type Context = { props: AssessmentFormProps; draft: DraftState; live: LiveEvaluation; dispatch: Dispatch<DraftEvent> };

/**
 * Saving the draft, explicitly ("saving") or every 20 seconds while there are
 * unsaved, valid changes ("autosaving", not during a conflict). A save that
 * started from an older version is refused by the server and kept as the
 * conflict to resolve. One request at a time (`busyRef`).
 */
function useSave({ props, draft, live, dispatch }: Context, busyRef: React.RefObject<boolean>) {
  const { assessmentId, version, assessedOn, dirty, conflict } = draft;
  const { valid, effectiveAnswers } = live;
  const { patientId, kind } = props;
  const episodeId = props.episode.id;
  const runnerRequestIds = props.initial.runnerRequestIds;
  const save = useCallback(
    async (mode: "saving" | "autosaving"): Promise<Saved | null> => {
      if (busyRef.current) return null;
      if (!valid) {
        if (mode === "saving")
          dispatch({ type: "message", message: { tone: "error", text: "Not saved: correct the fields marked in red first." } });
        return null;
      }
      busyRef.current = true;
      dispatch({ type: "busy", busy: mode });
      try {
        const result: ActionState<Saved> = await saveDraftAction({
          ...(assessmentId ? { assessmentId, version } : { runnerRequestIds }),
          episodeId,
          kind,
          assessedOn,
          answers: effectiveAnswers,
        });
        if (result.ok && result.data) {
          dispatch({ type: "saved", ...result.data, at: new Date(), announce: mode === "saving" });
          if (!assessmentId)
            window.history.replaceState(null, "", `/patients/${patientId}/episodes/${episodeId}/assessments/${result.data.id}`);
          return result.data;
        }
        dispatch({ type: "refused", message: result.message ?? "Not saved.", fieldErrors: result.fieldErrors, conflict: result.conflict });
        return null;
      } catch {
        dispatch({ type: "message", message: { tone: "error", text: UNREACHABLE_SAVE } });
        return null;
      } finally {
        busyRef.current = false;
        dispatch({ type: "busy", busy: null });
      }
    },
    [busyRef, dispatch, valid, assessmentId, version, episodeId, kind, assessedOn, effectiveAnswers, patientId, runnerRequestIds],
  );

  useEffect(() => {
    if (!dirty || !valid || conflict) return;
    const t = setTimeout(() => void save("autosaving"), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [dirty, valid, conflict, save]);

  return save;
}

/** The intake / follow-up form's draft: its state, the live evaluation of it, and what saves, signs, discards and resolves it. */
export function useAssessmentDraft(props: AssessmentFormProps) {
  const router = useRouter();
  const [draft, dispatch] = useReducer(draftReducer, props.initial, initialDraft);
  const live = useLiveEvaluation(props, draft);
  const busyRef = useRef(false);
  const ctx: Context = { props, draft, live, dispatch };
  const save = useSave(ctx, busyRef);
  const recordPath = `/patients/${props.patientId}/episodes/${props.episode.id}/assessments`;

  // Leaving with unsaved changes (closing the tab, a link within the app) asks first.
  useLeaveGuard(draft.dirty);

  /** Signs after the confirmation (SignAssessmentDialog); a refusal is shown there and in the form. */
  async function sign(screenAttestation: string | undefined): Promise<SignOutcome> {
    let current = draft.assessmentId && draft.version ? { id: draft.assessmentId, version: draft.version } : null;
    if (draft.dirty || !current) current = await save("saving");
    if (!current) return { ok: false, message: "Not signed: the draft could not be saved (see the form)." };
    busyRef.current = true;
    dispatch({ type: "busy", busy: "signing" });
    try {
      const result = await signAssessmentAction({ assessmentId: current.id, version: current.version, screenAttestation });
      if (result.ok) {
        dispatch({ type: "left" });
        router.push(`${recordPath}/${current.id}?signed=1`);
        router.refresh();
        return { ok: true };
      }
      // A conflict closes the confirmation: the form shows both versions.
      if (result.conflict) dispatch({ type: "confirming", open: false });
      const message = result.message ?? "Not signed.";
      dispatch({ type: "refused", message, fieldErrors: result.fieldErrors, conflict: result.conflict });
      return { ok: false, message, fieldErrors: result.fieldErrors };
    } catch {
      dispatch({ type: "message", message: { tone: "error", text: UNREACHABLE_SIGN } });
      return { ok: false, message: UNREACHABLE_SIGN };
    } finally {
      busyRef.current = false;
      dispatch({ type: "busy", busy: null });
    }
  }

  async function discard() {
    const { assessmentId, version } = draft;
    if (!assessmentId || !version) return router.push(`/patients/${props.patientId}`);
    if (!window.confirm("Discard this draft? It will be deleted; this is recorded in the audit log.")) return;
    dispatch({ type: "busy", busy: "discarding" });
    const result = await discardDraftAction({ assessmentId, version });
    dispatch({ type: "busy", busy: null });
    if (!result.ok) {
      const message = result.message ?? "Not discarded.";
      return dispatch({ type: "refused", message, fieldErrors: draft.serverErrors, conflict: result.conflict });
    }
    dispatch({ type: "left" });
    router.push(`/patients/${props.patientId}`);
    router.refresh();
  }

  /** A conflict over a draft is resolved in the form; a signed record is opened instead. */
  function resolveConflict(keep: "mine" | "theirs") {
    if (draft.conflict && draft.conflict.status !== "draft") {
      router.push(`${recordPath}/${draft.assessmentId}`);
      router.refresh();
      return;
    }
    dispatch({ type: "resolve", keep });
  }

  return { draft, live, dispatch, save, sign, discard, resolveConflict };
}

export type AssessmentDraft = ReturnType<typeof useAssessmentDraft>;
