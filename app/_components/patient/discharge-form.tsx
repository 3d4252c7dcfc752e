"use client";

import Link from "next/link";
import { useState } from "react";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";
import { DISCHARGE_REASON_LABELS } from "@/lib/domain/labels";
import { dischargeEpisodeAction } from "@/lib/actions/discharge";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/app/_components/ui/field";

/**
 * The discharge form: why the episode ends (required; Other needs its words),
 * the return to running if any, notes. The server refuses it while an
 * emergency or urgent red flag is open, naming the flag.
 */
export function DischargeForm({ patientId, episodeId, today }: { patientId: string; episodeId: string; today: string }) {
  const { state, onSubmit, pending, formRef } = useFormAction(dischargeEpisodeAction);
  const [reason, setReason] = useState("");
  const e = state.fieldErrors ?? {};
  const back = `/patients/${patientId}#episode-${episodeId}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label="Discharge">
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
  );
}
