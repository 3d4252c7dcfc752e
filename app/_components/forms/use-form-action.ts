"use client";

import { startTransition, useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions/state";
import { initialState } from "@/lib/actions/state-initial";
import { useLeaveGuard } from "@/app/_components/forms/use-leave-guard";

/** What a form says when its save never got an answer (offline, the server down or failing): the entries stay. */
export const SAVE_FAILED_MESSAGE =
  "The save did not reach the server or got no answer, so it may not have been saved. Your entries are still here: try again in a moment.";

/**
 * Submits a form to a server action without React's automatic form reset,
 * so a rejected submission keeps everything that was typed. The form is
 * cleared only after a successful submission, and only when asked.
 *
 * A save that fails on the way (network down, a server error page) is a
 * "not saved" state like any refusal, never an error page that would throw
 * the form away. While the form holds changes not yet saved, leaving the
 * page asks first (useLeaveGuard).
 */
export function useFormAction<T>(
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [dirty, setDirty] = useState(false);
  // Who waits for the outcome of a given submission (submitNow), by its FormData.
  const waiting = useRef(new WeakMap<FormData, (s: ActionState<T>) => void>());
  const safeAction = useCallback(
    async (prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
      let result: ActionState<T>;
      try {
        result = await action(prev, form);
        if (result.ok) setDirty(false);
      } catch {
        result = { ok: false, message: SAVE_FAILED_MESSAGE };
      }
      waiting.current.get(form)?.(result);
      return result;
    },
    [action],
  );
  const [state, dispatch, pending] = useActionState(safeAction, initialState as ActionState<T>);
  const formRef = useRef<HTMLFormElement>(null);
  useLeaveGuard(dirty);

  // Any typing in the form (however it is mounted) marks it unsaved.
  useEffect(() => {
    const mark = (event: Event) => {
      if (event.target instanceof Node && formRef.current?.contains(event.target)) setDirty(true);
    };
    document.addEventListener("input", mark, true);
    document.addEventListener("change", mark, true);
    return () => {
      document.removeEventListener("input", mark, true);
      document.removeEventListener("change", mark, true);
    };
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Include the clicked button's name/value (e.g. confirm=yes), as a native submit would.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = submitter?.name ? new FormData(event.currentTarget, submitter) : new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  /** Submits the form now (not from its own button) and resolves with the outcome, shown by the form as any submit is. */
  const submitNow = useCallback((): Promise<ActionState<T>> => {
    const form = formRef.current;
    if (!form) return Promise.resolve({ ok: false, message: SAVE_FAILED_MESSAGE });
    const data = new FormData(form);
    return new Promise((resolve) => {
      waiting.current.set(data, resolve);
      startTransition(() => dispatch(data));
    });
  }, [dispatch]);
  useEffect(() => {
    if (state.ok && options.resetOnSuccess) formRef.current?.reset();
  }, [state, options.resetOnSuccess]);
  return { state, onSubmit, submitNow, pending, formRef, dirty };
}
