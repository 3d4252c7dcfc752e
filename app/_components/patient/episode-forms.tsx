"use client";

import { MECHANISM_LABELS, SIDE_LABELS } from "@/lib/domain";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useState } from "react";
import { createEpisodeAction, reopenEpisodeAction } from "@/lib/actions/patients";

import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, LabelOptions, Select, TextInput } from "@/app/_components/ui/field";

export function NewEpisodeForm({ patientId, today }: { patientId: string; today: string }) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(createEpisodeAction);
  const e = state.fieldErrors ?? {};
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Open a new episode
      </Button>
    );
  return (
    <form
      ref={actionRef}
      onSubmit={action}
      noValidate
      className="grid gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4"
      aria-label="New episode"
    >
      <div className="sm:col-span-2 lg:col-span-4">
        <FormStatus state={state} />
      </div>
      <input type="hidden" name="patientId" value={patientId} />
      <Field id="side" label="Knee" error={e.side} required>
        <Select id="side" defaultValue="" error={e.side}>
          <option value="" disabled>
            Choose…
          </option>
          <LabelOptions labels={SIDE_LABELS} />
        </Select>
      </Field>
      <Field id="complaint" label="Complaint" error={e.complaint} required className="sm:col-span-2 lg:col-span-3">
        <TextInput id="complaint" error={e.complaint} placeholder="e.g. Inner knee pain after long runs" />
      </Field>
      <Field id="onsetDate" label="Onset date" error={e.onsetDate}>
        <TextInput id="onsetDate" type="date" max={today} error={e.onsetDate} />
      </Field>
      <Field id="mechanism" label="Mechanism" error={e.mechanism}>
        <Select id="mechanism" defaultValue="" error={e.mechanism}>
          <option value="">Not recorded</option>
          <LabelOptions labels={MECHANISM_LABELS} />
        </Select>
      </Field>
      <Field id="nextReviewDate" label="First review date" error={e.nextReviewDate}>
        <TextInput id="nextReviewDate" type="date" error={e.nextReviewDate} />
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Opening…" : "Open episode"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Close
        </Button>
      </div>
    </form>
  );
}

/** Reopens a discharged episode (its discharge stays on the record). Discharging has its own page (DischargeForm). */
export function ReopenEpisodeForm({ episodeId }: { episodeId: string }) {
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(reopenEpisodeAction);
  return (
    <form ref={actionRef} onSubmit={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="episodeId" value={episodeId} />
      <Button type="submit" variant="ghost" disabled={pending}>
        Reopen
      </Button>
      {state.message && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
