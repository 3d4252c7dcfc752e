"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { FormStatus } from "@/app/_components/forms/form-status";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/**
 * Asks before a form's submit reaches its action: `onSubmit` (the form's
 * submit handler) opens the confirmation instead; `confirm` submits the form
 * for real, `cancel` closes the question and sends nothing. `prepare` runs
 * before the question is asked (e.g. saving edits not saved yet, so what is
 * signed is what the page shows); when it fails, nothing is asked.
 */
export function useConfirmBeforeSubmit(
  submit: (e: FormEvent<HTMLFormElement>) => void,
  formRef: RefObject<HTMLFormElement | null>,
  prepare?: () => Promise<boolean>,
) {
  const [asking, setAsking] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const confirmed = useRef(false);
  return {
    asking,
    preparing,
    onSubmit(e: FormEvent<HTMLFormElement>) {
      if (confirmed.current) {
        confirmed.current = false;
        submit(e);
        return;
      }
      e.preventDefault();
      if (!prepare) return setAsking(true);
      setPreparing(true);
      void prepare().then((ready) => {
        setPreparing(false);
        if (ready) setAsking(true);
      });
    },
    confirm() {
      setAsking(false);
      confirmed.current = true;
      formRef.current?.requestSubmit();
    },
    cancel: () => setAsking(false),
  };
}

/**
 * A form whose submit freezes something (signing a referral, discharging):
 * its button first opens a confirmation dialog with `summary` (what will be
 * frozen); only "confirm" sends the form's fields to the server action. A
 * refusal is shown next to the button. While `summaryPending` (the summary
 * being brought up to date), the dialog cannot be confirmed.
 */
export function ConfirmedForm<T>({
  action,
  fields,
  label,
  pendingLabel,
  title,
  confirmLabel,
  summary,
  variant = "primary",
  formLabel,
  onState,
  prepare,
  preparingLabel,
  summaryPending = false,
  children,
}: {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  title: string;
  confirmLabel: string;
  summary: ReactNode;
  variant?: Variant;
  formLabel?: string;
  /** Told each outcome of the action (e.g. to show its field errors beside the fields of another form). */
  onState?: (state: ActionState<T>) => void;
  /** Runs when the button is pressed, before the dialog opens; false keeps it closed. */
  prepare?: () => Promise<boolean>;
  /** The button's label while `prepare` runs. */
  preparingLabel?: string;
  /** The summary is being brought up to date: the dialog says so and cannot be confirmed yet. */
  summaryPending?: boolean;
  /** Shown under the button (a note, the action's status). */
  children?: (state: ActionState<T>) => ReactNode;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(action);
  const ask = useConfirmBeforeSubmit(onSubmit, formRef, prepare);
  const router = useRouter();
  const report = useEffectEvent((s: ActionState<T>) => onState?.(s));
  useEffect(() => {
    report(state);
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <>
      <form ref={formRef} aria-label={formLabel} className="inline-flex flex-col gap-1" onSubmit={ask.onSubmit}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button type="submit" variant={variant} disabled={pending || ask.preparing} aria-busy={pending || ask.preparing}>
          {pending ? pendingLabel : ask.preparing ? (preparingLabel ?? pendingLabel) : label}
        </Button>
        {children ? children(state) : <FormStatus state={state} />}
      </form>
      <ConfirmDialog
        open={ask.asking}
        title={title}
        confirmLabel={confirmLabel}
        busy={summaryPending}
        busyLabel="Updating the summary…"
        onCancel={ask.cancel}
        onConfirm={ask.confirm}
      >
        {summary}
      </ConfirmDialog>
    </>
  );
}
