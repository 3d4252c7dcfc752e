"use client";

import type { ActionState } from "@/lib/actions/state";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";

/** A "Delete" button that asks first, posts hidden fields to a server action and shows the outcome as every form does (FormStatus). */
export function ConfirmDelete({
  action,
  fields,
  confirm,
  label,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  /** The question asked before deleting. */
  confirm: string;
  /** The button's accessible name, naming the record. */
  label: string;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(action);
  return (
    <>
      <form
        ref={formRef}
        onSubmit={(e) => {
          if (!window.confirm(confirm)) return e.preventDefault();
          onSubmit(e);
        }}
      >
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button type="submit" variant="ghost" disabled={pending} aria-label={label}>
          Delete
        </Button>
      </form>
      <FormStatus state={state} />
    </>
  );
}
