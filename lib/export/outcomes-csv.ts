/**
 * The clinic outcome figures as rows (the page's tables and the CSV export):
 * aggregates only, never a patient's name or id; a suppressed cell is "<5".
 * Pure: the report comes from lib/data/outcomes.ts.
 */
import { DISCHARGE_REASON_LABELS } from "../domain/labels";
import { CHANGE_MEASURE_LABELS } from "../domain/measures";
import { MIN_CELL_EPISODES, OUTCOME_MEASURES, OUTCOME_POINT_LABELS, OUTCOME_POINTS } from "../domain/outcomes";
import type { OutcomeFigure, OutcomeGroup, OutcomesReport } from "../domain/outcomes";

export type OutcomeRow = {
  group: string;
  figure: string;
  numerator: string;
  denominator: string;
  value: string;
  missing: string;
  notYetDue: string;
};

/** What a suppressed cell shows. */
export const SUPPRESSED_CELL = `<${MIN_CELL_EPISODES}`;

const text = (f: OutcomeFigure, n: number | null | undefined) =>
  f.suppressed ? SUPPRESSED_CELL : n === null || n === undefined ? "" : String(n);

/** The value as written: a share as a percentage, a count, or days. */
export function valueText(f: OutcomeFigure, kind: "share" | "count" | "days"): string {
  if (f.suppressed) return SUPPRESSED_CELL;
  if (f.value === null) return "";
  if (kind === "share") return `${Math.round(f.value * 1000) / 10}%`;
  if (kind === "days") return `${f.value} days`;
  return String(f.value);
}

function row(
  group: OutcomeGroup,
  figure: string,
  f: OutcomeFigure & { missing?: number | null; notYetDue?: number | null },
  kind: "share" | "count" | "days",
): OutcomeRow {
  return {
    group: group.label,
    figure,
    numerator: text(f, f.numerator),
    denominator: text(f, f.denominator),
    value: valueText(f, kind),
    missing: "missing" in f ? text(f, f.missing) : "",
    notYetDue: "notYetDue" in f ? text(f, f.notYetDue) : "",
  };
}

/** Every figure of every group, in the order of docs/outcomes.md. */
export function outcomeRows(report: OutcomesReport): OutcomeRow[] {
  return report.groups.flatMap((g) => {
    const f = g.figures;
    return [
      row(g, "Episodes opened", f.opened, "count"),
      row(g, "Discharged", f.discharged, "count"),
      row(g, "Open", f.open, "count"),
      ...OUTCOME_MEASURES.flatMap((m) =>
        OUTCOME_POINTS.map((p) =>
          row(g, `Important improvement: ${CHANGE_MEASURE_LABELS[m]}, ${OUTCOME_POINT_LABELS[p]}`, f.improvement[m][p], "share"),
        ),
      ),
      row(g, "Median time to return to running", f.medianDaysToReturnToRunning, "days"),
      row(g, "Median time to discharge", f.medianDaysToDischarge, "days"),
      row(g, "Recurrence within 12 months of discharge", f.recurrence, "share"),
      row(g, "Referred", f.referred, "share"),
      row(g, "Red flag raised", f.redFlag, "share"),
      row(g, "Follow-ups done on time", f.followUpsOnTime, "share"),
      ...Object.entries(f.dischargeReasons).map(([reason, fig]) =>
        row(
          g,
          `Discharge reason: ${reason === "not_recorded" ? "Not recorded" : DISCHARGE_REASON_LABELS[reason as keyof typeof DISCHARGE_REASON_LABELS]}`,
          fig,
          "share",
        ),
      ),
    ];
  });
}

const csvCell = (s: string) =>
  /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;

/** The CSV export: the filters and thresholds first, then one line per figure and group. */
export function outcomesCsv(report: OutcomesReport): string {
  const t = report.thresholds;
  const head = [
    ["Clinic outcomes", `episodes opened ${report.from} to ${report.to}`],
    ["Important change", `pain NRS ${t.painNow} points; KOOS ${t.koos} points; LEFS ${t.lefs} points; PSFS ${t.psfs} points`],
    ["Cells under 5 episodes", SUPPRESSED_CELL],
    [],
    ["group", "figure", "numerator", "denominator", "value", "missing", "not yet due"],
  ];
  const body = outcomeRows(report).map((r) => [r.group, r.figure, r.numerator, r.denominator, r.value, r.missing, r.notYetDue]);
  return [...head, ...body].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
