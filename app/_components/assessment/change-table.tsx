import type { Changes, Scores } from "@/lib/clinical";
import { scoreOf } from "@/lib/clinical/changes";
import { CHANGE_MEASURE_LABELS } from "@/lib/domain";
import { MEASURES } from "@/lib/domain/measures";
import { formatDelta, formatFromTo, formatMeasureValue } from "@/app/_components/charts/format";
import { SmallTable } from "@/app/_components/ui/small-table";
import { ChangeBadge } from "./change-badge";

const CHANGE_COLUMNS = ["Measure", "Baseline → now", "vs baseline", "vs previous"] as const;

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
    <SmallTable caption="Change of each measure" columns={CHANGE_COLUMNS} testId="change-table">
      {MEASURES.filter((m) => changes[m.measure]).map(({ measure, unit }) => {
        const c = changes[measure];
        const now = scoreOf(scores, measure);
        const before = baseline ? scoreOf(baseline, measure) : undefined;
        const both = now !== undefined && before !== undefined;
        return (
          <tr key={measure} className="border-t border-slate-100 align-top">
            <th scope="row" className="py-1 pr-2 font-normal">
              {CHANGE_MEASURE_LABELS[measure]}
            </th>
            <td className="py-1 pr-2 whitespace-nowrap tabular-nums">
              {both ? formatFromTo(before, now, unit) : formatMeasureValue(now, unit)}
            </td>
            <td className="py-1 pr-2">
              {both ? <span className="block whitespace-nowrap tabular-nums">{formatDelta(before, now, unit)}</span> : null}
              {c?.vsBaseline ? <ChangeBadge value={c.vsBaseline} /> : both ? null : "—"}
            </td>
            <td className="py-1">{c?.vsPrevious ? <ChangeBadge value={c.vsPrevious} /> : "—"}</td>
          </tr>
        );
      })}
    </SmallTable>
  );
}
