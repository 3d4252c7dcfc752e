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
 * The label of a field, as the page shows it (without the required marker),
 * read from the page: the summary appears only after a submit, in the
 * browser, so the form's labels are there. Falls back to the field's path.
 */
function fieldLabel(path: string): string {
  if (typeof document === "undefined") return path;
  const control = document.getElementsByName(path)[0] ?? document.getElementById(path);
  const label = control && "labels" in control ? (control as HTMLInputElement).labels?.[0] : null;
  const text = label?.textContent?.replace(/\s*\*\s*$/, "").trim();
  return text || path;
}

/**
 * The outcome of a form submission: success, or the reason it failed with
 * an error summary (a link to each field to correct, by its label; the
 * message itself is written beside the field). After a
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
    <div
      ref={summary}
      tabIndex={-1}
      data-testid={failed ? "error-summary" : undefined}
      className="outline-none focus:ring-2 focus:ring-sky-600"
    >
      <Alert tone={state.ok ? "success" : "error"} title={state.ok ? "Saved" : "Not saved"}>
        {state.message}
        {errors.length ? (
          <>
            <p className="mt-1 text-sm">{errors.length === 1 ? "Correct this field:" : `Correct these ${errors.length} fields:`}</p>
            <ul className="ml-4 list-disc text-sm">
              {errors.map(([path]) => (
                <li key={path}>
                  <a href={`#${path}`} onClick={jump(path)} className="underline">
                    {fieldLabel(path)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Alert>
    </div>
  );
}
