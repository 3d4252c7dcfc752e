"use client";

import { useState } from "react";
import { RED_FLAG_ACTION_LABELS, RED_FLAG_ACTIONS, URGENCY_WORDS, type OpenRedFlag } from "@/lib/domain";
import { recordRedFlagActionAction } from "@/lib/actions/red-flags";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, FieldError, TextArea } from "@/app/_components/ui/field";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { formatDate } from "@/lib/format";

/**
 * One open red flag of an episode with the form that records what was done
 * about it: the action (radio buttons, arrow keys move between them), a
 * reason (required with "not applicable") and a note. Errors are named next
 * to their field and announced.
 */
// eslint-disable-next-line max-lines-per-function -- one open flag with its form and history
export function OpenRedFlagItem({
  patientId,
  episodeId,
  flag,
  label,
  canAct,
}: {
  patientId: string;
  episodeId: string;
  flag: OpenRedFlag;
  label: string;
  canAct: boolean;
}) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit, pending, formRef } = useFormAction(recordRedFlagActionAction);
  const e = state.fieldErrors ?? {};
  const id = `rf-${episodeId}-${flag.code}`;
  return (
    <li className="rounded-md border border-slate-200 bg-white p-2" data-testid="open-red-flag" data-code={flag.code}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <UrgencyBadge urgency={flag.urgency} />
        <span className="font-medium">{label}</span>
        <span className="text-xs text-slate-600">
          raised {formatDate(flag.raisedOn)} · open: nothing recorded yet ({URGENCY_WORDS[flag.urgency].toLowerCase()})
        </span>
        {canAct && !open ? (
          <Button variant="secondary" onClick={() => setOpen(true)} aria-controls={`${id}-form`} aria-expanded={false}>
            Record what was done
          </Button>
        ) : null}
      </p>
      {canAct && open ? (
        <form
          id={`${id}-form`}
          ref={formRef}
          onSubmit={onSubmit}
          noValidate
          className="mt-2 grid gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-2"
          aria-label={`What was done about ${label}`}
        >
          <div className="sm:col-span-2">
            <FormStatus state={state} />
          </div>
          <input type="hidden" name="patientId" value={patientId} />
          <input type="hidden" name="episodeId" value={episodeId} />
          <input type="hidden" name="code" value={flag.code} />
          <input type="hidden" name="assessmentId" value={flag.assessmentId} />
          <fieldset
            className="sm:col-span-2"
            aria-invalid={e.action ? true : undefined}
            aria-describedby={e.action ? `${id}-action-error` : undefined}
          >
            <legend className="mb-1 text-sm font-medium text-slate-800">
              What was done?
              <span className="text-red-700" aria-hidden="true">
                {" "}
                *
              </span>
            </legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {RED_FLAG_ACTIONS.map((a) => (
                <label key={a} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="action" value={a} className="h-4 w-4" required />
                  {RED_FLAG_ACTION_LABELS[a]}
                </label>
              ))}
            </div>
            <FieldError id={`${id}-action`} error={e.action} />
          </fieldset>
          <Field id={`${id}-reason`} label="Reason (required when not applicable)" error={e.reason}>
            <TextArea id={`${id}-reason`} name="reason" rows={2} error={e.reason} />
          </Field>
          <Field id={`${id}-note`} label="Note" error={e.note} hint="Who, where, what the runner was told">
            <TextArea id={`${id}-note`} name="note" rows={2} error={e.note} hint />
          </Field>
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Recording…" : "Record action"}
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
