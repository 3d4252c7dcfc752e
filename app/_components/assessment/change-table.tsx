import type { Changes, Scores } from "@/lib/clinical";
import { scoreOf } from "@/lib/clinical/changes";
import { CHANGE_MEASURE_LABELS } from "@/lib/domain";
import { MEASURES } from "@/lib/domain/measures";
import { formatDelta, formatFromTo, formatMeasureValue } from "@/app/_components/charts/format";
import { ChangeBadge } from "./change-badge";

/**
 * The change of each measure, in the order of the measures (as the scores
 * above, not the stored object's key order), one column order wherever it
 * is shown (the live form, the signed record): the value at the baseline
 * then now; against the baseline, the change with its sign and unit and its
 * class; then the class against the previous assessment. A stored
 * evaluation does not carry the baseline's values: they are the baseline
 * assessment's own scores, read from its stored record.
 */
export function ChangeTable({ scores, changes, baseline }: { scores: Scores; changes: Changes; baseline: Scores | null }) {
  return (
    <table className="mt-1 w-full text-xs" data-testid="change-table">
      <thead>
        <tr className="text-left text-slate-600">
          <th scope="col" className="font-medium">
            Measure
          </th>
          <th scope="col" className="font-medium">
            Baseline → now
          </th>
          <th scope="col" className="font-medium">
            vs baseline
          </th>
          <th scope="col" className="font-medium">
            vs previous
          </th>
        </tr>
      </thead>
      <tbody>
        {MEASURES.filter((m) => changes[m.measure]).map(({ measure, unit }) => {
          const c = changes[measure];
          const now = scoreOf(scores, measure);
          const before = baseline ? scoreOf(baseline, measure) : undefined;
          const both = now !== undefined && before !== undefined;
          return (
            <tr key={measure}>
              <th scope="row" className="py-0.5 text-left font-normal">
                {CHANGE_MEASURE_LABELS[measure]}
              </th>
              <td className="whitespace-nowrap tabular-nums">{both ? formatFromTo(before, now, unit) : formatMeasureValue(now, unit)}</td>
              <td>
                {both ? <span className="block whitespace-nowrap tabular-nums">{formatDelta(before, now, unit)}</span> : null}
                {c?.vsBaseline ? <ChangeBadge value={c.vsBaseline} /> : both ? null : "—"}
              </td>
              <td>{c?.vsPrevious ? <ChangeBadge value={c.vsPrevious} /> : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
