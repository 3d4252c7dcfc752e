"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Asks before something is frozen (signing an assessment or a referral,
 * discharging): a modal dialog (the native `<dialog>` shown with
 * `showModal()`, so the page behind it is inert) that says what will be
 * frozen. Keyboard: focus starts on the first field, or on the confirm
 * button; Tab and Shift+Tab stay inside the dialog; Escape cancels; focus
 * returns to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  busy = false,
  busyLabel,
  error,
  onConfirm,
  onCancel,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy?: boolean;
  busyLabel?: string;
  /** A refusal (from the server or the form), shown above the buttons. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The summary of what will be frozen, and any field the confirmation needs. */
  children: ReactNode;
  testId?: string;
}) {
  const { ref, trapTab } = useModal(open, busy);
  const titleId = useId();
  const bodyId = useId();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Escape: the parent decides (it closes the dialog by setting open to false).
        e.preventDefault();
        if (!busy) onCancel();
      }}
      className="w-[min(40rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-300 backdrop:bg-slate-900/50"
    >
      <form
        className="max-h-[85vh] space-y-3 overflow-y-auto p-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div id={bodyId} className="space-y-3 text-sm">
          {children}
        </div>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-sm font-medium text-red-800 ring-1 ring-red-300">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-3">
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" data-confirm disabled={busy}>
            {busy ? (busyLabel ?? "Working…") : confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Where focus starts: the first field asking for focus that can take it, or
 * the confirm button. Chosen first, then focused once (`a?.focus() ??
 * b?.focus()` focuses both, since focus() returns undefined: b won).
 */
function initialFocus(dialog: HTMLDialogElement): HTMLElement | null {
  return dialog.querySelector<HTMLElement>("[data-autofocus]:not([disabled])") ?? dialog.querySelector<HTMLElement>("[data-confirm]");
}

/**
 * The native modal behind the dialog: shown with `showModal()` while `open`
 * (focus on the first field, or on the confirm button), closed otherwise
 * (focus back on what opened it); Tab and Shift+Tab kept inside.
 */
function useModal(open: boolean, busy: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      initialFocus(dialog)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [open]);

  // Opened while busy (its summary being brought up to date), the confirm button gets focus once it can be pressed.
  useEffect(() => {
    const dialog = ref.current;
    if (!open || busy || !dialog?.open || dialog.contains(document.activeElement)) return;
    initialFocus(dialog)?.focus();
  }, [open, busy]);

  function trapTab(e: React.KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== "Tab") return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return { ref, trapTab };
}
