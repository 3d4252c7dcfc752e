"use client";

import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";

/** A "Delete" button that asks first, posts hidden fields to a server action and shows a refusal next to it. */
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
      {state.message && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </>
  );
}
