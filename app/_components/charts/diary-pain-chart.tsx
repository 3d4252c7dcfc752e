import { formatDate } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { TableDetails } from "./data-tables";
import type { DiaryPainRow } from "./diary-pain-plot";
import { DiaryPainPlot } from "./plots";

/**
 * The runner's diary pain (issue 13) on the timeline beside the clinic's own
 * measure of it: pain during the run, right after and the next morning as
 * the runner logged them (0-10), and the pain during running recorded at
 * each signed assessment. Each series has its own dash and marker (never
 * colour alone); the table below holds every value.
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

export function DiaryPainChart({ days, clinic, id }: { days: readonly DiaryPainDay[]; clinic: readonly ClinicPainPoint[]; id: string }) {
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
  const rows = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const latest = [...days].sort((a, b) => b.date.localeCompare(a.date))[0];
  const summary = latest
    ? `Runner's diary pain, ${days.length} day${days.length === 1 ? "" : "s"} from ${formatDate(first)} to ${formatDate(latest.date)}; latest: ${
        latest.kind === "run" ? `pain ${latest.painDuring ?? "?"} of 10 during the run` : "rest day"
      }${latest.painNextMorning !== null ? `, ${latest.painNextMorning} of 10 the next morning` : ""}.`
    : "No diary days yet.";
  return (
    <div>
      <ChartFrame label={summary} height={220}>
        <DiaryPainPlot rows={rows} />
      </ChartFrame>
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
                </tr>
              ))}
          </tbody>
        </table>
      </TableDetails>
    </div>
  );
}
