import { dayNumber } from "@/lib/clinical/dates";
import { formatDate } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { TableDetails } from "./data-tables";
import { DIARY_VALUES, type DiaryPainRow } from "./plot-data";
import { DiaryPainPlot } from "./plots";

/**
 * The runner's diary pain (issue 13) on the timeline beside the clinic's own
 * measure of it: pain during the run, right after and the next morning as
 * the runner logged them (0-10), the pain during running recorded at each
 * signed assessment, and the stage of the return-to-run plan (issue 14
 * item 2, a step line on its own axis) so stages are read against pain.
 * Each series has its own dash and marker (never colour alone); the table
 * below holds every value.
 */
export type DiaryPainDay = {
  date: string;
  kind: "run" | "rest";
  distanceKm: number | null;
  painDuring: number | null;
  painAfter: number | null;
  painNextMorning: number | null;
  swelling: boolean;
};

export type ClinicPainPoint = { date: string; painDuringRun: number };

/** A return-to-run decision: from `date` the runner is at `stage` (0: not running yet). */
export type StageStep = { date: string; stage: number };

/** The stage in force on a day: the last decision on or before it (undefined before the plan's first). */
function stageOn(steps: readonly StageStep[], date: string): number | undefined {
  let stage: number | undefined;
  for (const s of steps) if (s.date <= date) stage = s.stage;
  return stage;
}

/** One row per day charted (diary days, signed assessments and decisions from the first diary day on), and the chart's summary in words. */
function chartOf(
  days: readonly DiaryPainDay[],
  clinic: readonly ClinicPainPoint[],
  stages: readonly StageStep[],
): { rows: DiaryPainRow[]; summary: string } {
  const byDate = new Map<string, DiaryPainRow>();
  const row = (date: string) => byDate.get(date) ?? byDate.set(date, { date }).get(date)!;
  for (const d of days) {
    const r = row(d.date);
    if (d.painDuring !== null) r.during = d.painDuring;
    if (d.painAfter !== null) r.after = d.painAfter;
    if (d.painNextMorning !== null) r.morning = d.painNextMorning;
  }
  const first = days.length ? days.reduce((m, d) => (d.date < m ? d.date : m), days[0]!.date) : null;
  for (const c of clinic) if (first && c.date >= first) row(c.date).clinic = c.painDuringRun;
  for (const s of stages) if (first && s.date >= first) row(s.date);
  const rows = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const r of rows) r.stage = stageOn(stages, r.date);
  const latest = [...days].sort((a, b) => b.date.localeCompare(a.date))[0];
  const summary = latest
    ? `Runner's diary pain, ${days.length} day${days.length === 1 ? "" : "s"} from ${formatDate(first)} to ${formatDate(latest.date)}; latest: ${
        latest.kind === "run" ? `pain ${latest.painDuring ?? "?"} of 10 during the run` : "rest day"
      }${latest.painNextMorning !== null ? `, ${latest.painNextMorning} of 10 the next morning` : ""}${
        stageOn(stages, latest.date) !== undefined ? `; return-to-run stage ${stageOn(stages, latest.date)}` : ""
      }.`
    : "No diary days yet.";
  return { rows, summary };
}

export function DiaryPainChart({
  days,
  clinic,
  stages = [],
  id,
}: {
  days: readonly DiaryPainDay[];
  clinic: readonly ClinicPainPoint[];
  /** The plan's decisions, oldest first. */
  stages?: readonly StageStep[];
  id: string;
}) {
  const { rows, summary } = chartOf(days, clinic, stages);
  const topStage = Math.max(1, ...stages.map((s) => s.stage));
  return (
    <div>
      <ChartFrame label={summary} height={220}>
        <DiaryPainPlot
          days={rows.map((r) => [dayNumber(r.date), ...DIARY_VALUES.map((k) => r[k] ?? null)])}
          topStage={stages.length ? topStage : null}
        />
      </ChartFrame>
      <DiaryTable id={id} days={days} stages={stages} />
    </div>
  );
}

function DiaryTable({ id, days, stages }: { id: string; days: readonly DiaryPainDay[]; stages: readonly StageStep[] }) {
  return (
    <TableDetails>
      <table id={`${id}-table`} className="mt-2 w-full text-left text-xs">
        <caption className="sr-only">Diary pain by day (0-10)</caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col">Day</th>
            <th scope="col">Run</th>
            <th scope="col">During</th>
            <th scope="col">After</th>
            <th scope="col">Next morning</th>
            <th scope="col">Swelling</th>
            {stages.length ? <th scope="col">Return-to-run stage</th> : null}
          </tr>
        </thead>
        <tbody>
          {[...days]
            .sort((a, b) => a.date.localeCompare(b.date))
            .map((d) => (
              <tr key={d.date} className="border-t border-slate-100">
                <th scope="row" className="font-normal">
                  {formatDate(d.date)}
                </th>
                <td>{d.kind === "run" ? `${d.distanceKm ?? "?"} km` : "Rest"}</td>
                <td>{d.painDuring ?? "—"}</td>
                <td>{d.painAfter ?? "—"}</td>
                <td>{d.painNextMorning ?? "—"}</td>
                <td>{d.swelling ? "Yes" : "No"}</td>
                {stages.length ? <td>{stageOn(stages, d.date) ?? "—"}</td> : null}
              </tr>
            ))}
        </tbody>
      </table>
    </TableDetails>
  );
}
