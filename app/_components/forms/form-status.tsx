"use client";

import { Alert } from "@/app/_components/ui/alert";
import type { ActionState } from "@/lib/actions/state";

/** The outcome of a form submission: success or the reason it failed. */
export function FormStatus({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <Alert tone={state.ok ? "success" : "error"} title={state.ok ? "Saved" : "Not saved"}>
      {state.message}
    </Alert>
  );
}
