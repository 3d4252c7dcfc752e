import type { DischargeView } from "@/lib/data/discharge-state";
import { DISCHARGE_REASON_LABELS } from "@/lib/domain/labels";
import { formatDate } from "@/lib/format";
import { DischargeOutcomeTable } from "@/app/_components/patient/discharge-outcome";

/** The discharge of an episode on the patient record: reason, dates, who, notes and the outcome against the baseline. */
export function DischargeSummary({ discharge }: { discharge: DischargeView }) {
  const reason = DISCHARGE_REASON_LABELS[discharge.reason];
  return (
    <section aria-label="Discharge" className="mb-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="discharge">
      <dl className="mb-2 grid gap-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Discharged</dt>
          <dd>
            {formatDate(discharge.date)} by {discharge.dischargedBy.name}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Reason</dt>
          <dd>{discharge.reasonText ? `${reason}: ${discharge.reasonText}` : reason}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Returned to running</dt>
          <dd>{discharge.returnToRunningOn ? formatDate(discharge.returnToRunningOn) : "Not recorded"}</dd>
        </div>
        {discharge.notes ? (
          <div>
            <dt className="text-xs text-slate-500">Notes</dt>
            <dd className="whitespace-pre-line">{discharge.notes}</dd>
          </div>
        ) : null}
      </dl>
      <DischargeOutcomeTable outcome={discharge.outcome} caption="Outcome at discharge against the baseline" />
    </section>
  );
}
