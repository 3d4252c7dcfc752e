import { dayNumber } from "@/lib/clinical/dates";
import type { TrainingDetail, TrainingDetailWeek } from "@/lib/clinical/training-detail";
import { formatNumber, formatPace, plural } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { formatDate } from "./format";
import { TrainingDetailPlot } from "./plots";
import type { TrainingDetailPlotProps } from "./training-detail-plot";

/**
 * What the watch files add to the weekly distance: descent (bars), pace and
 * cadence (lines), with a data table of every derived measure (also the
 * consecutive running days and the treadmill share) under the charts.
 */
const dash = (v: number | null, unit = "") => (v === null ? "—" : `${formatNumber(v)}${unit}`);

function Small({ title, label, ...plot }: { title: string; label: string } & TrainingDetailPlotProps) {
  return (
    <div className="min-w-0">
      <h4 className="text-xs font-semibold text-slate-800">{title}</h4>
      <ChartFrame label={label} height={150}>
        <TrainingDetailPlot {...plot} />
      </ChartFrame>
    </div>
  );
}

function trend(weeks: TrainingDetailWeek[], key: "paceSecPerKm" | "cadenceSpm" | "descentM"): [number, number] | null {
  const values = weeks.map((w) => w[key]).filter((v): v is number => v !== null);
  return values.length >= 2 ? [values[0] as number, values[values.length - 1] as number] : null;
}

// eslint-disable-next-line max-lines-per-function -- the three small charts and the table of every measure
export function TrainingDetailChart({ detail, id }: { detail: TrainingDetail; id?: string }) {
  const weeks = detail.weeks;
  const recorded = weeks.some((w) => w.descentM !== null || w.paceSecPerKm !== null || w.cadenceSpm !== null);
  const pace = trend(weeks, "paceSecPerKm");
  const cadence = trend(weeks, "cadenceSpm");
  // The weeks' Mondays, one array for the three plots (the page's payload carries it once).
  const mondays = weeks.map((w) => dayNumber(w.weekStart));
  const values = (key: "paceSecPerKm" | "cadenceSpm" | "descentM") => weeks.map((w) => w[key]);
  return (
    <figure className="min-w-0 rounded-md border border-slate-200 bg-white p-3" data-testid="training-detail">
      <figcaption>
        <h3 id={id} className="text-sm font-semibold text-slate-900">
          Descent, pace and cadence per week
        </h3>
        <p className="mt-0.5 text-xs text-slate-700">
          Consecutive running days now: <strong>{detail.currentStreakDays}</strong> · treadmill share of the last 28 days:{" "}
          <strong>{detail.treadmillPct28d === null ? "no runs" : `${detail.treadmillPct28d}%`}</strong>
          {pace ? ` · pace ${formatPace(pace[0])} → ${formatPace(pace[1])} min/km` : ""}
          {cadence ? ` · cadence ${cadence[0]} → ${cadence[1]} steps/min` : ""}
        </p>
      </figcaption>
      {weeks.length < 2 || !recorded ? (
        <p className="mt-2 text-sm text-slate-600">
          {weeks.length === 0
            ? "No runs logged up to today."
            : "The charts appear with two weeks of runs that record time, elevation or cadence (imported from a watch or app)."}
        </p>
      ) : (
        <div className="mt-2 grid grid-cols-1 gap-3 md:grid-cols-3">
          <Small
            title="Descent (m per week)"
            label={`Weekly descent over ${plural(weeks.length, "week")}`}
            weeks={mondays}
            values={values("descentM")}
            kind="bar"
            unit="m"
            format="metres"
          />
          <Small
            title="Mean pace (min/km, faster is higher)"
            label={pace ? `Mean pace from ${formatPace(pace[0])} to ${formatPace(pace[1])} min per km` : "Mean pace per week"}
            weeks={mondays}
            values={values("paceSecPerKm")}
            kind="line"
            unit="min/km"
            format="pace"
            reversed
          />
          <Small
            title="Cadence (steps/min)"
            label={cadence ? `Cadence from ${cadence[0]} to ${cadence[1]} steps per minute` : "Cadence per week"}
            weeks={mondays}
            values={values("cadenceSpm")}
            kind="line"
            unit="steps/min"
            format="whole"
          />
        </div>
      )}
      {weeks.length ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-sky-800">Data table: training per week</summary>
          <div className="relative overflow-x-auto">
            <table className="detail-table mt-1 w-full text-xs" data-testid="training-detail-table">
              <caption className="sr-only">Training per week: distance, descent, pace, cadence, consecutive days, treadmill share</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  {["Week of", "Distance", "Descent", "Mean pace", "Cadence", "Most consecutive days", "Treadmill"].map((h) => (
                    <th key={h} scope="col" className="font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {weeks.map((w) => (
                  <tr key={w.weekStart}>
                    <td className="whitespace-nowrap">{formatDate(w.weekStart)}</td>
                    <td>{w.km} km</td>
                    <td>{dash(w.descentM, " m")}</td>
                    <td>{w.paceSecPerKm === null ? "—" : `${formatPace(w.paceSecPerKm)} min/km`}</td>
                    <td>{dash(w.cadenceSpm, " steps/min")}</td>
                    <td>{w.longestStreakDays ? `${w.longestStreakDays} d` : "—"}</td>
                    <td>{dash(w.treadmillPct, "%")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
