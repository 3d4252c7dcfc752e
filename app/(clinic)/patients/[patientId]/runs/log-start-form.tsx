"use client";

import { setRunsLoggedSinceAction } from "@/lib/actions/runs";
import type { RunLogStart } from "@/lib/data/run-log";
import { formatDate } from "@/lib/format";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { Field, TextInput } from "@/app/_components/ui/field";

/**
 * "Run log complete from": the day from which every run of this runner is
 * entered. Every evaluation reads the load from that day on only, so a new
 * log never shows an ACWR of 4.0 or spikes against weeks that were simply
 * not logged. Proposed from the first run until a clinician sets it.
 */
export function RunLogStartForm({
  patientId,
  start,
  today,
  birthDate,
  canWrite,
}: {
  patientId: string;
  start: RunLogStart;
  today: string;
  birthDate: string;
  canWrite: boolean;
}) {
  const { state, onSubmit, pending } = useFormAction(setRunsLoggedSinceAction);
  const error = state.fieldErrors?.runsLoggedSince;
  const current = start.runsLoggedSince
    ? `${formatDate(start.runsLoggedSince)}${start.confirmed ? " (set by a clinician)" : " (proposed from the first run)"}`
    : "not known: no runs recorded";
  return (
    <div className="space-y-2 text-sm" data-testid="run-log-start">
      <p>
        <span className="font-medium">Run log complete from:</span> {current}.
      </p>
      <p className="text-xs text-slate-600">
        The training load of every assessment counts only from this day: a week before it is never read as a week without runs. Change it if
        the runner logged every run from an earlier day, or if the first runs entered are not complete.
      </p>
      {canWrite ? (
        <form
          onSubmit={onSubmit}
          noValidate
          className="flex flex-wrap items-end gap-2"
          aria-label="Set the day the run log is complete from"
        >
          <FormStatus state={state} />
          <input type="hidden" name="patientId" value={patientId} />
          <Field id="runsLoggedSince" label="Run log complete from" error={error} hint="Empty: the first run entered.">
            <TextInput
              id="runsLoggedSince"
              name="runsLoggedSince"
              type="date"
              min={birthDate}
              max={today}
              defaultValue={start.confirmed ? (start.runsLoggedSince ?? "") : ""}
              error={error}
              hint
            />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
