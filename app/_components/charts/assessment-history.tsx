/**
 * The assessment history under the charts: every assessment (signed, draft
 * and entered in error), oldest first, with its urgency, red flags and, per
 * measure, the score with its change vs the baseline and vs the previous
 * assessment (from evaluation.changes), and the important change it was
 * judged with when signed (the clinic's setting now named where it
 * differs), as the charts judge it. Entered-in-error rows are struck
 * through and get no badges. Plain component (no hooks): renders on the
 * server.
 */
import Link from "next/link";
import { RED_FLAG_LABELS, type ChangeClass, type ChangeMeasure, type ImportantChange } from "@/lib/clinical";
import { scoreOf } from "@/lib/clinical/timeline";
import { MEASURES, type MeasureDefinition } from "@/lib/domain/measures";
import { ChangeBadge } from "@/app/_components/assessment/change-badge";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { displayLevelOf } from "@/lib/domain/urgency";
import { changeUnit, formatDate, formatMeasureValue, valueHeader } from "./format";
import type { AssessmentKind, AssessmentStatus, TimelineAssessment } from "./types";

const KIND_LABEL: Record<AssessmentKind, string> = { intake: "Intake", follow_up: "Follow-up" };
export const STATUS_LABEL: Record<AssessmentStatus, string> = {
  draft: "Draft (unsigned)",
  signed: "Signed",
  entered_in_error: "Entered in error",
};

const thClass = "px-2 py-2 text-left align-bottom text-xs font-semibold text-slate-700";
const tdClass = "px-2 py-2 align-top text-slate-800";

/** Measures with a score in at least one assessment that is not entered in error. */
export function historyMeasures(assessments: readonly TimelineAssessment[]): MeasureDefinition[] {
  return MEASURES.filter((def) =>
    assessments.some((a) => a.status !== "entered_in_error" && a.evaluation && scoreOf(a.evaluation.scores, def.measure) !== null),
  );
}

function ChangeLine({ label, value }: { label: string; value: ChangeClass | undefined }) {
  if (!value) return null;
  return (
    <span className="mt-0.5 flex items-center gap-1 whitespace-nowrap text-xs text-slate-600">
      {label} <ChangeBadge value={value} />
    </span>
  );
}

export function AssessmentHistory({
  assessments,
  caption = "Assessment history, oldest first",
  current,
}: {
  /** Oldest first; drafts and entered-in-error assessments included. */
  assessments: readonly TimelineAssessment[];
  caption?: string;
  /** The clinic's important changes now, named where an assessment was judged with others. */
  current?: ImportantChange;
}) {
  if (assessments.length === 0) return <p className="text-sm text-slate-600">No assessments yet.</p>;
  const measures = historyMeasures(assessments);
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Date
            </th>
            <th scope="col" className={thClass}>
              Assessment
            </th>
            <th scope="col" className={thClass}>
              Status
            </th>
            <th scope="col" className={thClass}>
              Urgency
            </th>
            <th scope="col" className={thClass}>
              Red flags
            </th>
            {measures.map((m) => (
              <th key={m.measure} scope="col" className={thClass}>
                {m.chartLabel}
                <span className="block font-normal text-slate-500">
                  {valueHeader(m.unit, m.range)}, {m.betterIs} is better
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {assessments.map((a) => (
            <HistoryRow key={a.id} assessment={a} measures={measures} current={current} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryRow({
  assessment: a,
  measures,
  current,
}: {
  assessment: TimelineAssessment;
  measures: readonly MeasureDefinition[];
  current: ImportantChange | undefined;
}) {
  const eie = a.status === "entered_in_error";
  const strike = eie ? "line-through decoration-slate-500" : "";
  const flags = a.evaluation?.redFlags ?? [];
  return (
    <tr className={eie ? "bg-slate-50 text-slate-500" : undefined} data-status={a.status}>
      <th scope="row" className={`${tdClass} whitespace-nowrap text-left font-normal`}>
        <Link href={a.href} className={`text-sky-800 underline-offset-2 hover:underline ${strike}`}>
          {formatDate(a.assessedOn)}
        </Link>
        {a.enteredLateOn ? (
          <span className="mt-0.5 block text-xs" data-testid="late-entry">
            <span className="rounded bg-amber-100 px-1 font-semibold text-amber-900 ring-1 ring-amber-300">Late entry</span> entered{" "}
            {formatDate(a.enteredLateOn)}
          </span>
        ) : null}
      </th>
      <td className={`${tdClass} ${strike}`}>{KIND_LABEL[a.kind]}</td>
      <td className={tdClass}>
        {eie ? <strong className="font-semibold text-slate-700">Entered in error</strong> : STATUS_LABEL[a.status]}
        {eie ? <span className="block text-xs">Left out of the charts and comparisons</span> : null}
        {a.status === "draft" ? <span className="block text-xs text-slate-500">Not in the charts until signed</span> : null}
      </td>
      <td className={tdClass}>{eie ? "—" : <DisplayLevelBadge display={displayLevelOf(a.evaluation)} />}</td>
      <td className={`${tdClass} ${strike}`}>
        {flags.length === 0 ? (
          a.evaluation ? (
            "None"
          ) : (
            "—"
          )
        ) : (
          <ul className="space-y-0.5">
            {flags.map((f) => (
              <li key={f.code} className={eie ? undefined : "font-medium text-red-900"}>
                <span aria-hidden="true">▲ </span>
                {RED_FLAG_LABELS[f.code]}
              </li>
            ))}
          </ul>
        )}
      </td>
      {measures.map((m) => (
        <MeasureCell key={m.measure} assessment={a} measure={m} strike={strike} current={current} />
      ))}
    </tr>
  );
}

function MeasureCell({
  assessment: a,
  measure,
  strike,
  current,
}: {
  assessment: TimelineAssessment;
  measure: MeasureDefinition;
  strike: string;
  current: ImportantChange | undefined;
}) {
  const value = a.evaluation ? scoreOf(a.evaluation.scores, measure.measure) : null;
  const eie = a.status === "entered_in_error";
  const change = eie ? undefined : a.evaluation?.changes?.[measure.measure as ChangeMeasure];
  return (
    <td className={tdClass}>
      <span className={strike}>{formatMeasureValue(value, measure.unit)}</span>
      {a.kind === "intake" && !eie && value !== null ? <span className="block text-xs text-slate-500">baseline</span> : null}
      <ChangeLine label="vs baseline" value={change?.vsBaseline} />
      <ChangeLine label="vs previous" value={change?.vsPrevious} />
      {change ? <JudgedWith assessment={a} measure={measure} current={current} /> : null}
    </td>
  );
}

/** "judged with ± 8 points (clinic now ± 10)": the important change stored with the assessment when it was signed. */
function JudgedWith({
  assessment: a,
  measure,
  current,
}: {
  assessment: TimelineAssessment;
  measure: MeasureDefinition;
  current: ImportantChange | undefined;
}) {
  const used = a.judgedWith?.[measure.importantChangeKey];
  const now = current?.[measure.importantChangeKey];
  if (used === undefined) return null;
  return (
    <span className="mt-0.5 block whitespace-nowrap text-xs text-slate-500" data-judged-with={used}>
      judged with ± {used} {changeUnit(measure.unit, used)}
      {now !== undefined && now !== used ? ` (clinic now ± ${now})` : ""}
    </span>
  );
}
