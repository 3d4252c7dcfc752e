import {
  attestedScreenText,
  CONSIDERATION_LABELS,
  displayLevelOf,
  FINDING_LABELS,
  NO_RUNNING_ADVICE_V1,
  RISK_FACTOR_LABELS,
  RUNNING_ADVICE_DETAILS,
  runningAdviceText,
  URGENCY_LABELS,
} from "@/lib/domain";
import { RED_FLAG_LABELS, type RedFlagCode, type Scores, type StoredEvaluation } from "@/lib/clinical";
import { formatDate } from "@/lib/format";
import { DisplayLevelBadge, UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { ChangeTable } from "./change-table";

/**
 * What the engine found, each item with the findings that caused it. Used
 * live in the form and read-only on a signed assessment. Plain component
 * (no hooks): renders on the server and in the browser alike. An
 * evaluation of rules version 1 is shown as it was made, labelled so.
 */
const findingLabel = (path: string) => FINDING_LABELS[path] ?? path;

/** A load value whose window starts before the run log is complete. */
const NOT_LOGGED = "not enough logged days";

export function Because({ paths }: { paths: string[] }) {
  if (!paths.length) return null;
  return <span className="text-xs text-slate-600"> because: {paths.map(findingLabel).join("; ")}</span>;
}

/** "redFlags.locked_knee" / "redFlagsNotAssessed.scfe_suspected" -> the flag's label. */
const adviceReason = (path: string) => RED_FLAG_LABELS[path.slice(path.indexOf(".") + 1) as RedFlagCode] ?? path;

/** The running advice of a version 2 evaluation; version 1 gave none, and says so. */
export function RunningAdviceView({ evaluation }: { evaluation: StoredEvaluation }) {
  if (evaluation.rulesVersion === "1")
    return (
      <p className="mt-1 text-slate-700" data-testid="running-advice" data-mode="none">
        {NO_RUNNING_ADVICE_V1}.
      </p>
    );
  const advice = evaluation.runningAdvice;
  const tone = advice.mode === "stop" ? "text-red-900" : advice.mode === "screen_incomplete" ? "text-amber-900" : "text-slate-800";
  return (
    <div className="mt-1" data-testid="running-advice" data-mode={advice.mode}>
      <p className={`font-semibold ${tone}`}>{runningAdviceText(advice)}</p>
      <p className="text-xs text-slate-700">{RUNNING_ADVICE_DETAILS[advice.mode]}</p>
      {advice.because.length > 0 ? (
        <p className="text-xs text-slate-600">
          {advice.mode === "stop" ? "Because of: " : "Not yet assessed: "}
          {advice.because.map(adviceReason).join("; ")}
        </p>
      ) : null}
    </div>
  );
}

// eslint-disable-next-line max-lines-per-function -- the evaluation as one reading order: urgency, red flags, load, measures, advice
export function EvaluationPanel({
  evaluation,
  unanswered,
  screenAttestation,
  baseline,
  compact = false,
}: {
  evaluation: StoredEvaluation;
  /** The baseline's scores (the live form's and the signed record's alike), for "baseline → now" and the change. */
  baseline?: Scores | null;
  /** A signed record's attestation of why its screen is incomplete. */
  screenAttestation?: string | null;
  /** Live only: the red-flag questions still to answer (labels), for "not yet screened: N questions". */
  unanswered?: string[];
  compact?: boolean;
}) {
  const { scores, load, changes } = evaluation;
  const display = displayLevelOf(evaluation);
  const count = unanswered?.length;
  return (
    <div className="space-y-3 text-sm" aria-live="polite">
      {evaluation.rulesVersion === "1" ? (
        <p className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-800 ring-1 ring-slate-300" data-testid="rules-version-1">
          Made under rules version 1: shown as it was evaluated then, without running advice.
        </p>
      ) : null}
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Urgency</h3>
        <p className="mt-1 flex flex-wrap items-center gap-2" data-testid="display-level" data-level={display.level}>
          <DisplayLevelBadge display={display} unanswered={count} />
          <span className="text-slate-700">
            {display.level === "not_screened"
              ? "No red flag found so far, but the screen is not complete: not a routine result yet."
              : URGENCY_LABELS[evaluation.urgency]}
          </span>
        </p>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Red flags ({evaluation.redFlags.length})</h3>
        {evaluation.redFlags.length === 0 ? (
          <p className="text-slate-700">None found.</p>
        ) : (
          <ul className="mt-1 space-y-1" data-testid="red-flags">
            {evaluation.redFlags.map((f) => (
              <li key={f.code} className="flex flex-wrap items-baseline gap-1.5">
                <UrgencyBadge urgency={f.urgency} />
                <span className="font-medium">{RED_FLAG_LABELS[f.code]}</span>
                <Because paths={f.because} />
              </li>
            ))}
          </ul>
        )}
        {screenAttestation ? (
          <p className="mt-1 text-xs font-semibold text-amber-900" data-testid="screen-attestation">
            {attestedScreenText(screenAttestation)}
          </p>
        ) : null}
        {evaluation.redFlagsNotAssessed.length > 0 ? (
          <p className="mt-1 text-xs text-amber-900">
            <span className="font-semibold">Not yet assessed:</span>{" "}
            {evaluation.redFlagsNotAssessed.map((c) => RED_FLAG_LABELS[c]).join(", ")}.
          </p>
        ) : (
          <p className="mt-1 text-xs text-emerald-900">Red-flag screen complete.</p>
        )}
        {!compact && evaluation.redFlagsAbsent.length > 0 ? (
          <p className="mt-1 text-xs text-slate-600">
            <span className="font-semibold">Checked and absent:</span> {evaluation.redFlagsAbsent.map((c) => RED_FLAG_LABELS[c]).join(", ")}
            .
          </p>
        ) : null}
        {unanswered && unanswered.length > 0 ? (
          <details className="mt-1 text-xs text-slate-700" data-testid="unanswered-questions">
            <summary className="cursor-pointer">
              {unanswered.length} red-flag question{unanswered.length === 1 ? "" : "s"} still to answer
            </summary>
            <ul className="ml-4 list-disc">
              {unanswered.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Running advice</h3>
        <RunningAdviceView evaluation={evaluation} />
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Risk factors ({evaluation.riskFactors.length})</h3>
        {evaluation.riskFactors.length === 0 ? (
          <p className="text-slate-700">None identified.</p>
        ) : (
          <ul className="mt-1 space-y-0.5">
            {evaluation.riskFactors.map((r) => (
              <li key={r.code}>
                {RISK_FACTOR_LABELS[r.code]}
                <Because paths={r.because} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Structures to consider (not diagnoses)</h3>
        {evaluation.considerations.length === 0 ? (
          <p className="text-slate-700">No pattern yet.</p>
        ) : (
          <ul className="mt-1 space-y-0.5">
            {evaluation.considerations.map((c) => (
              <li key={c.code}>
                {CONSIDERATION_LABELS[c.code]}
                <Because paths={c.supporting} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Scores</h3>
        <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-0.5">
          <dt className="text-slate-600">Pain now</dt>
          <dd>{scores.painNow !== undefined ? `${scores.painNow} / 10` : "—"}</dd>
          {scores.koos
            ? (["pain", "symptoms", "adl", "sport", "qol"] as const).map((k) => (
                <Frag
                  key={k}
                  term={`KOOS ${k === "adl" ? "ADL" : k === "qol" ? "QOL" : k}`}
                  value={scores.koos![k] === null ? "not scored (too few items)" : `${scores.koos![k]} / 100`}
                />
              ))
            : null}
          <Frag term="LEFS" value={scores.lefs !== undefined ? `${scores.lefs} / 80` : "—"} />
          <Frag term="PSFS" value={scores.psfs !== undefined ? `${scores.psfs} / 10` : "—"} />
          <Frag term="Tegner" value={scores.tegner !== undefined ? `level ${scores.tegner}` : "—"} />
        </dl>
      </div>
      {load ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Training load</h3>
          <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-0.5">
            <Frag term="Last 7 days" value={load.acute7dKm === null ? NOT_LOGGED : `${load.acute7dKm} km`} />
            <Frag term="Weekly mean, 28 days" value={load.chronicWeeklyKm === null ? NOT_LOGGED : `${load.chronicWeeklyKm} km`} />
            <Frag
              term="ACWR (weak evidence)"
              value={
                load.acwr === null
                  ? "—"
                  : `${load.acwr}${load.acwr > 1.5 ? " (above 1.5)" : load.acwr < 0.8 || load.acwr > 1.3 ? " (outside 0.8-1.3)" : ""}`
              }
            />
            <Frag
              term="Two-week change"
              value={load.twoWeekChangePct === null ? "—" : `${load.twoWeekChangePct > 0 ? "+" : ""}${load.twoWeekChangePct}%`}
            />
          </dl>
          {load.spikes.length > 0 ? (
            <ul className="mt-1 text-xs">
              {load.spikes.map((s) => (
                <li key={`${s.date}-${s.distanceKm}`}>
                  Spike {formatDate(s.date)}: {s.distanceKm} km vs longest {s.longestPrior30dKm} km in the 30 days before (
                  {s.band === ">100" ? "more than 100%" : `${s.band}%`} longer)
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {changes && Object.keys(changes).length > 0 ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Change</h3>
          <ChangeTable scores={scores} changes={changes} baseline={baseline ?? null} />
        </div>
      ) : null}
    </div>
  );
}

function Frag({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="text-slate-600">{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
