"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { DischargeOutcome } from "@/lib/clinical/outcome";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";
import { formatDate, plural } from "@/lib/format";
import type { AssessmentKind } from "@/lib/domain/codes";
import { ASSESSMENT_KIND_LABELS, DISCHARGE_REASON_LABELS } from "@/lib/domain/labels";
import { dischargeEpisodeAction } from "@/lib/actions/discharge";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useConfirmBeforeSubmit } from "@/app/_components/forms/confirmed-form";
import { ConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { SummaryList } from "@/app/_components/ui/summary-list";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/app/_components/ui/field";

/**
 * The discharge form: why the episode ends (required; Other needs its words),
 * the return to running if any, notes. Discharging asks first, saying what
 * it freezes (every field as typed, and the outcome against the baseline as
 * it stands) and exactly what it leaves out: each draft assessment of the
 * episode, not signed, so not in the outcome. A form without its reason goes
 * straight to the server, which names the missing field. The server refuses
 * it while an emergency or urgent red flag is open, naming the flag.
 */
export function DischargeForm({
  patientId,
  episodeId,
  today,
  outcome,
  drafts = [],
}: {
  patientId: string;
  episodeId: string;
  today: string;
  /** The outcome the discharge would record (the page shows it in full). */
  outcome: DischargeOutcome;
  /** Draft assessments of the episode: not signed, so not in the outcome. */
  drafts?: DraftAssessment[];
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(dischargeEpisodeAction);
  const ask = useConfirmBeforeSubmit(onSubmit, formRef);
  const [reason, setReason] = useState("");
  const chosen = DISCHARGE_REASONS.find((r) => r === reason);
  const [asked, setAsked] = useState<Asked>({ reasonText: "", returnToRunningOn: "", notes: "" });
  const e = state.fieldErrors ?? {};
  const back = `/patients/${patientId}#episode-${episodeId}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    if (!reason || (reason === "other" && !text("reasonText"))) return onSubmit(event);
    setAsked({ reasonText: text("reasonText"), returnToRunningOn: text("returnToRunningOn"), notes: text("notes") });
    ask.onSubmit(event);
  };
  return (
    <>
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label="Discharge">
        <div className="sm:col-span-2">
          <FormStatus state={state} />
        </div>
        <input type="hidden" name="episodeId" value={episodeId} />
        <Field id="reason" label="Reason for discharge" error={e.reason} required>
          <Select id="reason" value={reason} onChange={(ev) => setReason(ev.target.value)} error={e.reason}>
            <option value="">Choose…</option>
            {DISCHARGE_REASONS.map((r) => (
              <option key={r} value={r}>
                {DISCHARGE_REASON_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="returnToRunningOn" label="Returned to running on (if they did)" error={e.returnToRunningOn}>
          <TextInput id="returnToRunningOn" type="date" max={today} error={e.returnToRunningOn} />
        </Field>
        {reason === "other" || e.reasonText ? (
          <Field id="reasonText" label="Reason in your words" error={e.reasonText} required className="sm:col-span-2">
            <TextInput id="reasonText" maxLength={500} error={e.reasonText} />
          </Field>
        ) : null}
        <Field id="notes" label="Notes" error={e.notes} className="sm:col-span-2">
          <TextArea id="notes" rows={3} maxLength={2000} error={e.notes} />
        </Field>
        <div className="flex items-center gap-2 sm:col-span-2">
          <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
            {pending ? "Discharging…" : "Discharge episode"}
          </Button>
          <Link href={back} className="text-sm text-sky-800 underline">
            Cancel
          </Link>
        </div>
      </form>
      <DischargeConfirm
        open={ask.asking}
        reason={reason === "other" ? `Other: ${asked.reasonText}` : chosen ? DISCHARGE_REASON_LABELS[chosen] : ""}
        asked={asked}
        outcome={outcome}
        drafts={drafts}
        onCancel={ask.cancel}
        onConfirm={ask.confirm}
      />
    </>
  );
}

type Asked = { reasonText: string; returnToRunningOn: string; notes: string };
type DraftAssessment = { kind: AssessmentKind; assessedOn: string };

/** "Discharge this episode?": what the discharge freezes, asked before it is sent. */
function DischargeConfirm({
  open,
  reason,
  asked,
  outcome,
  drafts,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  /** The reason in words, as it will be recorded. */
  reason: string;
  /** The other fields as typed when Discharge was pressed. */
  asked: Asked;
  outcome: DischargeOutcome;
  drafts: DraftAssessment[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open={open}
      title="Discharge this episode?"
      confirmLabel="Discharge"
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="discharge-confirm"
    >
      <p>Discharging records what follows with today&apos;s date; it cannot be edited afterwards.</p>
      <SummaryList
        rows={[
          ["Reason", reason],
          ["Returned to running", asked.returnToRunningOn ? formatDate(asked.returnToRunningOn) : "Not recorded"],
          ["Notes", asked.notes || "None"],
          ["Outcome", outcomeText(outcome)],
        ]}
      />
      {drafts.length ? (
        <div role="note" data-testid="discharge-drafts" className="rounded-md bg-amber-50 px-2 py-1 ring-1 ring-amber-300">
          <p className="font-medium">Not in this discharge: {plural(drafts.length, "draft assessment")}, not signed</p>
          <ul className="list-disc pl-5">
            {drafts.map((d, i) => (
              <li key={i}>
                {ASSESSMENT_KIND_LABELS[d.kind]} of {formatDate(d.assessedOn)}: its measures are not in the outcome
              </li>
            ))}
          </ul>
          <p>Cancel and sign it from the patient page first if it belongs in the outcome.</p>
        </div>
      ) : null}
      <p>
        The episode closes: no assessment can be recorded in it until it is reopened from the patient page, and this discharge stays on the
        record.
      </p>
    </ConfirmDialog>
  );
}

/** "4 measures, baseline 3 Nov 2026, final 1 Dec 2026": the outcome the discharge freezes, in one line. */
function outcomeText(o: DischargeOutcome): string {
  if (!o.baseline) return "No signed assessment: no outcome to record";
  const measures = `${o.measures.length} measure${o.measures.length === 1 ? "" : "s"}`;
  return o.final
    ? `${measures}, baseline ${formatDate(o.baseline.assessedOn)}, final ${formatDate(o.final.assessedOn)} (as shown above)`
    : `Baseline ${formatDate(o.baseline.assessedOn)} only: no later signed assessment to compare with`;
}
