/**
 * The assessment history under the charts: every assessment (signed, draft
 * and entered in error), oldest first, with its urgency, red flags and, per
 * measure, the score with its change vs the baseline and vs the previous
 * assessment (from evaluation.changes), and the important change it was
 * judged with when signed (the clinic's setting now named where it
 * differs), as the charts judge it. Entered-in-error rows are struck
 * through and get no badges. Plain component (no hooks): renders on the
 * server. A row is plain markup, as the caseload's are: the cells' classes
 * in globals.css (`.history-table`), icons drawn by CSS, plain links (the
 * patient page follows them with one ClientLinks).
 */
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

const STRIKE = "line-through decoration-slate-500";

/** Measures with a score in at least one assessment that is not entered in error. */
export function historyMeasures(assessments: readonly TimelineAssessment[]): MeasureDefinition[] {
  return MEASURES.filter((def) =>
    assessments.some((a) => a.status !== "entered_in_error" && a.evaluation && scoreOf(a.evaluation.scores, def.measure) !== null),
  );
}

function ChangeLine({ label, value }: { label: string; value: ChangeClass | undefined }) {
  if (!value) return null;
  return (
    <span className="history-change">
      {`${label} `}
      <ChangeBadge value={value} />
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
      <table className="history-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Assessment</th>
            <th scope="col">Status</th>
            <th scope="col">Urgency</th>
            <th scope="col">Red flags</th>
            {measures.map((m) => (
              <th key={m.measure} scope="col">
                {m.chartLabel}
                <span className="block font-normal text-slate-500">
                  {valueHeader(m.unit, m.range)}, {m.betterIs} is better
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
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
  // Props of the struck-through cells: none at all on a row that is not entered in error.
  const struck = eie ? { className: STRIKE } : {};
  const flags = a.evaluation?.redFlags ?? [];
  return (
    <tr {...(eie ? { className: "bg-slate-50 text-slate-500" } : {})} data-status={a.status}>
      <th scope="row">
        <a href={a.href} className={`text-sky-800 underline-offset-2 hover:underline${eie ? ` ${STRIKE}` : ""}`}>
          {formatDate(a.assessedOn)}
        </a>
        {a.enteredLateOn ? (
          <span className="mt-0.5 block text-xs" data-testid="late-entry">
            <span className="rounded bg-amber-100 px-1 font-semibold text-amber-900 ring-1 ring-amber-300">Late entry</span> entered{" "}
            {formatDate(a.enteredLateOn)}
          </span>
        ) : null}
      </th>
      <td {...struck}>{KIND_LABEL[a.kind]}</td>
      <td>
        {eie ? <strong className="font-semibold text-slate-700">Entered in error</strong> : STATUS_LABEL[a.status]}
        {eie ? <span className="block text-xs">Left out of the charts and comparisons</span> : null}
        {a.status === "draft" ? <span className="block text-xs text-slate-500">Not in the charts until signed</span> : null}
      </td>
      <td>{eie ? "—" : <DisplayLevelBadge display={displayLevelOf(a.evaluation)} />}</td>
      <td {...struck}>
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
        <MeasureCell key={m.measure} assessment={a} measure={m} current={current} />
      ))}
    </tr>
  );
}

function MeasureCell({
  assessment: a,
  measure,
  current,
}: {
  assessment: TimelineAssessment;
  measure: MeasureDefinition;
  current: ImportantChange | undefined;
}) {
  const value = a.evaluation ? scoreOf(a.evaluation.scores, measure.measure) : null;
  const eie = a.status === "entered_in_error";
  const change = eie ? undefined : a.evaluation?.changes?.[measure.measure as ChangeMeasure];
  return (
    <td>
      {eie ? <span className={STRIKE}>{formatMeasureValue(value, measure.unit)}</span> : formatMeasureValue(value, measure.unit)}
      {a.kind === "intake" && !eie && value !== null ? <span className="history-note">baseline</span> : null}
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
    <span className="history-judged" data-judged-with={used}>
      {`judged with ± ${used} ${changeUnit(measure.unit, used)}${now !== undefined && now !== used ? ` (clinic now ± ${now})` : ""}`}
    </span>
  );
}
