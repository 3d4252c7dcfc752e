"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions/state";
import { initialState } from "@/lib/actions/state-initial";

/**
 * Submits a form to a server action without React's automatic form reset,
 * so a rejected submission keeps everything that was typed. The form is
 * cleared only after a successful submission, and only when asked.
 */
export function useFormAction<T>(
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, initialState as ActionState<T>);
  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Include the clicked button's name/value (e.g. confirm=yes), as a native submit would.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = submitter?.name ? new FormData(event.currentTarget, submitter) : new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  useEffect(() => {
    if (state.ok && options.resetOnSuccess) formRef.current?.reset();
  }, [state, options.resetOnSuccess]);
  return { state, onSubmit, pending, formRef };
}
