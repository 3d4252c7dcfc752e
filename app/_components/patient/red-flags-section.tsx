import { RED_FLAG_ACTION_LABELS } from "@/lib/domain";
import type { EpisodeRedFlags } from "@/lib/data/red-flag-state";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { formatDate, formatDateTime } from "@/lib/format";
import { OpenRedFlagItem } from "@/app/_components/patient/red-flag-actions";

/**
 * An episode's red flags on the record: each open item (raised by a signed
 * assessment, nothing recorded about it yet) with its form, and the actions
 * recorded, oldest first (append-only).
 */
export function RedFlagsSection({
  patientId,
  episodeId,
  state,
  assessmentDates,
  canAct,
  timeZone,
}: {
  patientId: string;
  episodeId: string;
  state: EpisodeRedFlags;
  /** Assessed-on date of each assessment of the episode, to name the one that raised an action's flag. */
  assessmentDates: Record<string, string>;
  canAct: boolean;
  timeZone: string;
}) {
  if (!state.openRedFlags.length && !state.redFlagActions.length) return null;
  return (
    <section id={`red-flags-${episodeId}`} aria-labelledby={`red-flags-${episodeId}-title`} className="mb-3 space-y-2">
      <h3 id={`red-flags-${episodeId}-title`} className="text-sm font-semibold">
        Red flags
      </h3>
      {state.openRedFlags.length ? (
        <ul className="space-y-1.5" aria-label="Open red flags">
          {state.openRedFlags.map((f) => (
            <OpenRedFlagItem
              key={f.code}
              patientId={patientId}
              episodeId={episodeId}
              flag={f}
              label={redFlagLabel(f.code)}
              canAct={canAct}
            />
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-600">No open red flag: an action is recorded for each one raised.</p>
      )}
      {state.redFlagActions.length ? (
        <details className="text-sm" open={state.openRedFlags.length === 0}>
          <summary className="cursor-pointer text-xs font-medium text-slate-700">
            What was done ({state.redFlagActions.length} action{state.redFlagActions.length === 1 ? "" : "s"})
          </summary>
          <ol className="mt-1 space-y-1" aria-label="Red-flag actions" data-testid="red-flag-actions">
            {state.redFlagActions.map((a) => (
              <li key={a.id} className="rounded border border-slate-200 px-2 py-1">
                <span className="font-medium">{redFlagLabel(a.code)}</span> (raised {formatDate(assessmentDates[a.assessmentId] ?? null)}):{" "}
                {RED_FLAG_ACTION_LABELS[a.action]}
                {a.reason ? <span> · reason: {a.reason}</span> : null}
                {a.note ? <span> · {a.note}</span> : null}
                <span className="block text-xs text-slate-600">
                  {a.actedBy.name}, {formatDateTime(a.actedAt, timeZone)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
