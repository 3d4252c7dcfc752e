/**
 * The data-table alternatives of the charts, inside a closed <details>.
 * Plain components (no hooks): they render on the server and in the browser.
 */
import type { ReactNode } from "react";
import { weekStartOf, type MeasureSeries, type MeasureUnit, type TrainingSeries } from "@/lib/clinical/timeline";
import type { ChangeClass } from "@/lib/clinical";
import type { PainCompanion } from "@/lib/domain/measures";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, type EventMark } from "./events";
import { changeUnit, formatAcwr, formatDate, formatKmValue, formatMeasureValue, judgedWithText, measureTitle, valueHeader } from "./format";
import { formatOneDecimal } from "@/lib/format";
import { spikeText } from "./summary";
import type { AssessmentKind } from "./types";

/** The tables' cells take their classes from globals.css (`.chart-table`): written once, not on every cell. */
const tableClass = "chart-table";
const KIND_LABEL: Record<AssessmentKind, string> = { intake: "Intake", follow_up: "Follow-up" };

/** The marks of a day as text: "▲ Red flag: … (Urgent: physician within days)". */
export function EventList({ marks }: { marks: readonly EventMark[] }) {
  if (!marks.length) return <>—</>;
  return (
    <ul className="space-y-0.5">
      {marks.flatMap((m) =>
        m.labels.map((label, i) => (
          <li key={`${m.date}-${m.kind}-${i}`} {...(m.kind === "red_flag" ? { className: "font-medium text-red-900" } : {})}>
            <span aria-hidden="true">{`${EVENT_SYMBOL[m.kind]} `}</span>
            {label.startsWith(EVENT_KIND_LABEL[m.kind]) ? label : `${EVENT_KIND_LABEL[m.kind]}: ${label}`}
          </li>
        )),
      )}
    </ul>
  );
}

export function TableDetails({ children }: { children: ReactNode }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-sky-800 underline-offset-2 hover:underline">Show the data as a table</summary>
      {/* A region of its own that takes focus, so a keyboard user can scroll a wide table sideways. */}
      <div className="relative mt-2 overflow-x-auto" role="region" aria-label="Data table" tabIndex={0}>
        {children}
      </div>
    </details>
  );
}

function signed(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  if (rounded === 0) return "0";
  return `${rounded > 0 ? "+" : "−"}${formatOneDecimal(Math.abs(rounded))}`;
}

const CHANGE_WORD: Record<ChangeClass, string> = { improved: "Improved", unchanged: "Unchanged", worsened: "Worsened" };

interface MeasureRow {
  date: string;
  assessmentId?: string;
  kind?: AssessmentKind;
  value: number | null;
  /** The important change its assessment was judged with, and the change vs baseline it recorded. */
  judged?: { importantChange: number; baseline: boolean; vsBaseline?: ChangeClass };
  /** The companion series' values of the same assessment (pain: worst of the week, during running). */
  companions: Partial<Record<PainCompanion, number>>;
  marks: EventMark[];
}

/** Points (with their companions' values) and event marks merged by date; a day's marks go with its first point. */
export function measureRows(
  series: MeasureSeries,
  marks: readonly EventMark[],
  kinds: Readonly<Record<string, AssessmentKind>> = {},
): MeasureRow[] {
  const rows: MeasureRow[] = [];
  const rowOf = (p: { assessmentId: string; date: string }): MeasureRow => {
    let row = rows.find((r) => r.assessmentId === p.assessmentId);
    if (!row) {
      const kind = kinds[p.assessmentId];
      row = { date: p.date, assessmentId: p.assessmentId, value: null, companions: {}, marks: [], ...(kind ? { kind } : {}) };
      rows.push(row);
    }
    return row;
  };
  series.points.forEach((p, i) => {
    const row = rowOf(p);
    row.value = p.value;
    row.judged = { importantChange: p.importantChange, baseline: i === 0, ...(p.vsBaseline ? { vsBaseline: p.vsBaseline } : {}) };
  });
  for (const c of series.companions) for (const p of c.points) rowOf(p).companions[c.key] = p.value;
  for (const m of marks) {
    const row = rows.find((r) => r.date === m.date);
    if (row) row.marks.push(m);
    else rows.push({ date: m.date, value: null, companions: {}, marks: [m] });
  }
  // Stable: points of a day stay in order, event-only days slot in by date.
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
    .map(({ r }) => r);
}

/** "Worsened (± 8 points; clinic now ± 10)", "Baseline (± 8 points)"; "—" for a day with marks only. */
function judgedCell(r: MeasureRow, unit: MeasureUnit, now: number): string {
  if (!r.judged) return "—";
  const { importantChange: t, vsBaseline } = r.judged;
  const word = vsBaseline ? CHANGE_WORD[vsBaseline] : r.judged.baseline ? "Baseline" : "Not recorded";
  return `${word} (± ${t} ${changeUnit(unit, t)}${t === now ? "" : `; clinic now ± ${now}`})`;
}

export function MeasureTable({
  series,
  marks = [],
  kinds = {},
}: {
  series: MeasureSeries;
  marks?: readonly EventMark[];
  kinds?: Readonly<Record<string, AssessmentKind>>;
}) {
  const rows = measureRows(series, marks, kinds);
  const { unit, baseline } = series;
  return (
    <TableDetails>
      <table className={tableClass}>
        <caption className="mb-1 text-left text-xs text-slate-600">
          {measureTitle(series)} by date, signed assessments only. Baseline {formatMeasureValue(baseline, unit)}; important change{" "}
          {judgedWithText(series)}. Each score is judged as it was when its assessment was signed.
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Assessment</th>
            <th scope="col">{`${series.label}: ${valueHeader(unit, series.domain)}`}</th>
            <th scope="col">{`Difference from baseline (${changeUnit(unit, 2)})`}</th>
            <th scope="col">Judged vs baseline (important change)</th>
            {series.companions.map((c) => (
              <th key={c.key} scope="col">{`${c.label}: ${valueHeader(unit, series.domain)}`}</th>
            ))}
            <th scope="col">Events</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.date}-${i}`}>
              <th scope="row">{formatDate(r.date)}</th>
              <td>{r.assessmentId === undefined ? "—" : r.kind ? KIND_LABEL[r.kind] : "Assessment"}</td>
              <td>{formatMeasureValue(r.value, unit)}</td>
              <td>{r.value === null || baseline === null ? "—" : signed(r.value - baseline)}</td>
              <td data-judged={r.judged?.vsBaseline ?? (r.judged?.baseline ? "baseline" : undefined)}>
                {judgedCell(r, unit, series.currentImportantChange)}
              </td>
              {series.companions.map((c) => (
                <td key={c.key}>{formatMeasureValue(r.companions[c.key], unit)}</td>
              ))}
              <td>
                <EventList marks={r.marks} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableDetails>
  );
}

export function TrainingTable({
  series,
  marks = [],
  spikePct,
}: {
  series: TrainingSeries;
  marks?: readonly EventMark[];
  spikePct?: number;
}) {
  const spikesByWeek = new Map<string, TrainingSeries["spikes"]>();
  const weekOf = weekIndex(series);
  for (const s of series.spikes) {
    const w = weekOf(s.date);
    if (w) spikesByWeek.set(w, [...(spikesByWeek.get(w) ?? []), s]);
  }
  const marksByWeek = new Map<string, EventMark[]>();
  for (const m of marks) {
    const w = weekOf(m.date);
    if (w) marksByWeek.set(w, [...(marksByWeek.get(w) ?? []), m]);
  }
  return (
    <TableDetails>
      <table className={tableClass}>
        <caption className="mb-1 text-left text-xs text-slate-600">
          Weekly distance by ISO week (Monday to Sunday), with the acute:chronic workload ratio (ACWR) at the end of each week (today for
          the current week). ACWR 0.8-1.3 is weak evidence (Lolli 2019, Impellizzeri 2020), never a red flag. A single-run spike is a run
          more than {spikePct ?? 10}% longer than the longest run of the previous 30 days.
        </caption>
        <thead>
          <tr>
            <th scope="col">Week starting (Monday)</th>
            <th scope="col">Distance (km)</th>
            <th scope="col">Runs</th>
            <th scope="col">Longest run (km)</th>
            <th scope="col">ACWR (ratio)</th>
            <th scope="col">Single-run spikes</th>
            <th scope="col">Events</th>
          </tr>
        </thead>
        <tbody>
          {series.weeks.map((w) => {
            const spikes = spikesByWeek.get(w.weekStart) ?? [];
            return (
              <tr key={w.weekStart}>
                <th scope="row">{formatDate(w.weekStart)}</th>
                <td>{formatKmValue(w.km)}</td>
                <td>{w.runs}</td>
                <td>{w.runs ? formatKmValue(w.longestKm) : "—"}</td>
                <td>
                  {formatAcwr(w.acwr)}
                  {w.acwr !== null && w.acwr > 1.5 ? <span className="text-amber-900"> (above 1.5)</span> : null}
                </td>
                <td>
                  {spikes.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="space-y-0.5">
                      {spikes.map((s, i) => (
                        <li key={`${s.date}-${i}`} className="text-orange-900">
                          <span aria-hidden="true">▲ </span>
                          Spike {spikeText(s)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <EventList marks={marksByWeek.get(w.weekStart) ?? []} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableDetails>
  );
}

/** The weekStart (present in the series) of the ISO week holding a date, or undefined. */
export function weekIndex(series: TrainingSeries): (date: string) => string | undefined {
  const starts = new Set(series.weeks.map((w) => w.weekStart));
  return (date: string) => {
    const start = weekStartOf(date);
    return starts.has(start) ? start : undefined;
  };
}
