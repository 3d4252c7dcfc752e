"use client";

import { useEffect, useRef, type MouseEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import type { ActionState } from "@/lib/actions/state";

/** The control of a field path in the form around `from`: by name first, then by id. */
function fieldControl(from: HTMLElement | null, path: string): HTMLElement | null {
  const form = from?.closest("form");
  const byName = form?.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
  return byName ?? document.getElementById(path);
}

/**
 * The outcome of a form submission: success, or the reason it failed with
 * an error summary (each field's message, a link to the field). After a
 * failed submit the summary takes the focus, so a keyboard or screen-reader
 * user hears what to correct and can jump to it.
 */
export function FormStatus({ state }: { state: ActionState }) {
  const summary = useRef<HTMLDivElement>(null);
  const failed = !state.ok && !!state.message;
  useEffect(() => {
    if (failed) summary.current?.focus();
  }, [state, failed]);
  if (!state.message) return null;
  const errors = Object.entries(state.fieldErrors ?? {}).filter(([path]) => path !== "form");
  const jump = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const control = fieldControl(summary.current, path);
    if (!control) return;
    event.preventDefault();
    control.focus();
  };
  return (
    <div ref={summary} tabIndex={-1} data-testid={failed ? "error-summary" : undefined} className="outline-none focus:ring-2 focus:ring-sky-600">
      <Alert tone={state.ok ? "success" : "error"} title={state.ok ? "Saved" : "Not saved"}>
        {state.message}
        {errors.length ? (
          <ul className="ml-4 mt-1 list-disc text-sm">
            {errors.map(([path, message]) => (
              <li key={path}>
                <a href={`#${path}`} onClick={jump(path)} className="underline">
                  {message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    </div>
  );
}
