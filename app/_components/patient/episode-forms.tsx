"use client";

import { MECHANISM_LABELS, SIDE_LABELS } from "@/lib/domain";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useState } from "react";
import Link from "next/link";
import type { RefusalLink } from "@/lib/actions/state";
import { createEpisodeAction, reopenEpisodeAction, withdrawEpisodeAction } from "@/lib/actions/patients";

import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, LabelOptions, Select, TextInput } from "@/app/_components/ui/field";

/** The record a refusal points at (the open episode of the same knee). */
function RefusalLinkView({ link }: { link: RefusalLink | undefined }) {
  if (!link) return null;
  return (
    <p className="mt-1 text-sm">
      <Link className="font-medium text-sky-800 underline" href={link.href}>
        {link.text}
      </Link>
    </p>
  );
}

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
        <RefusalLinkView link={state.link} />
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
    <form ref={actionRef} onSubmit={action} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="episodeId" value={episodeId} />
      <Button type="submit" variant="ghost" disabled={pending}>
        Reopen
      </Button>
      {state.message && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
          <RefusalLinkView link={state.link} />
        </span>
      ) : null}
    </form>
  );
}

/** Withdraws a duplicate episode opened by mistake: kept, struck through, not a discharge; the reason is required and audited. */
export function WithdrawEpisodeForm({ episodeId }: { episodeId: string }) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(withdrawEpisodeAction);
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Opened in error…
      </Button>
    );
  return (
    <form
      ref={actionRef}
      onSubmit={action}
      noValidate
      aria-label="Withdraw as opened in error"
      className="flex w-full flex-wrap items-end gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200"
    >
      <input type="hidden" name="episodeId" value={episodeId} />
      <Field id={`withdraw-reason-${episodeId}`} label="Why was it opened in error?" error={state.fieldErrors?.reason} required>
        <TextInput
          id={`withdraw-reason-${episodeId}`}
          name="reason"
          error={state.fieldErrors?.reason}
          placeholder="e.g. Duplicate of the right knee episode"
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Withdraw as opened in error
      </Button>
      <Button variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {state.message && !state.ok ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
