"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useState } from "react";
import { addAddendumAction, enteredInErrorAction } from "@/lib/actions/assessments";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, TextArea } from "@/app/_components/ui/field";

/** Corrections to a signed assessment: an addendum, or marking it entered in error. */
export function AddendumForm({ assessmentId }: { assessmentId: string }) {
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(addAddendumAction, { resetOnSuccess: true });
  const e = state.fieldErrors ?? {};
  return (
    <form ref={actionRef} onSubmit={action} noValidate className="space-y-2" aria-label="Add an addendum">
      <FormStatus state={state} />
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <Field
        id="addendum-text"
        label="Addendum"
        error={e.text}
        hint="Corrections and later findings. The signed assessment itself is not changed."
      >
        <TextArea id="addendum-text" name="text" error={e.text} hint />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {pending ? "Adding…" : "Add addendum"}
      </Button>
    </form>
  );
}

export function EnteredInErrorForm({ assessmentId }: { assessmentId: string }) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(enteredInErrorAction);
  const e = state.fieldErrors ?? {};
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Mark as entered in error…
      </Button>
    );
  return (
    <form
      ref={actionRef}
      onSubmit={action}
      noValidate
      className="space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200"
      aria-label="Mark as entered in error"
    >
      <FormStatus state={state} />
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <Field
        id="eie-reason"
        label="Reason"
        error={e.reason}
        hint="For example: recorded on the wrong patient. The assessment stays visible, struck through, and leaves charts and trends."
        required
      >
        <TextArea id="eie-reason" name="reason" error={e.reason} hint />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
          {pending ? "Marking…" : "Mark as entered in error"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
