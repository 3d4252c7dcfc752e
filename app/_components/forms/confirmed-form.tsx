"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { ConfirmDialog } from "@/app/_components/ui/confirm-dialog";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/**
 * Asks before a form's submit reaches its action: `onSubmit` (the form's
 * submit handler) opens the confirmation instead; `confirm` submits the form
 * for real, `cancel` closes the question and sends nothing.
 */
export function useConfirmBeforeSubmit(submit: (e: FormEvent<HTMLFormElement>) => void, formRef: RefObject<HTMLFormElement | null>) {
  const [asking, setAsking] = useState(false);
  const confirmed = useRef(false);
  return {
    asking,
    onSubmit(e: FormEvent<HTMLFormElement>) {
      if (confirmed.current) {
        confirmed.current = false;
        submit(e);
        return;
      }
      e.preventDefault();
      setAsking(true);
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
 * refusal is shown next to the button.
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
  /** Shown under the button (a note, the action's status). */
  children?: (state: ActionState<T>) => ReactNode;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(action);
  const ask = useConfirmBeforeSubmit(onSubmit, formRef);
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
        <Button type="submit" variant={variant} disabled={pending} aria-busy={pending}>
          {pending ? pendingLabel : label}
        </Button>
        {children ? (
          children(state)
        ) : state.message && !state.ok ? (
          <span role="alert" className="text-xs text-red-700">
            {state.message}
          </span>
        ) : null}
      </form>
      <ConfirmDialog open={ask.asking} title={title} confirmLabel={confirmLabel} onCancel={ask.cancel} onConfirm={ask.confirm}>
        {summary}
      </ConfirmDialog>
    </>
  );
}
