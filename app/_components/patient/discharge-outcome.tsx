import type { DischargeOutcome } from "@/lib/clinical/outcome";
import { CHANGE_CLASS_LABELS } from "@/lib/domain/labels";
import { measureDefinition } from "@/lib/domain/measures";
import { formatMeasureValue } from "@/app/_components/charts/format";
import { formatDate, formatOneDecimal } from "@/lib/format";

const th = "px-2 py-1 text-left text-xs font-medium text-slate-600";
const td = "px-2 py-1 tabular-nums";

function signed(n: number, unit: string): string {
  const text = `${n > 0 ? "+" : n < 0 ? "−" : "±"}${formatOneDecimal(Math.abs(n))}`;
  return `${text} ${unit}`;
}

/**
 * The outcome against the baseline, one row per measure: the value at the
 * intake and at the last signed assessment, the difference, the clinic's
 * important change and the result in words (never colour alone).
 */
export function DischargeOutcomeTable({ outcome, caption }: { outcome: DischargeOutcome; caption: string }) {
  if (!outcome.baseline) return <p className="text-sm text-slate-600">No signed assessment: there is no baseline to compare with.</p>;
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-600">
        Baseline {formatDate(outcome.baseline.assessedOn)}
        {outcome.final
          ? ` · final measures ${formatDate(outcome.final.assessedOn)}${outcome.final.questionnaireRequestId ? " (the runner's returned questionnaire)" : ""}`
          : " · no signed assessment after the baseline: no final measures"}
      </p>
      <table className="w-full text-sm" data-testid="discharge-outcome">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={th}>
              Measure
            </th>
            <th scope="col" className={th}>
              Baseline
            </th>
            <th scope="col" className={th}>
              Final
            </th>
            <th scope="col" className={th}>
              Difference
            </th>
            <th scope="col" className={th}>
              Important change
            </th>
            <th scope="col" className={th}>
              Outcome
            </th>
          </tr>
        </thead>
        <tbody>
          {outcome.measures.map((m) => {
            const def = measureDefinition(m.measure);
            const points = def.unit === "level" ? "levels" : "points";
            return (
              <tr key={m.measure} className="border-b border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {def.label}
                </th>
                <td className={td}>{formatMeasureValue(m.baseline, def.unit)}</td>
                <td className={td}>{formatMeasureValue(m.final, def.unit)}</td>
                <td className={td}>{m.difference === null ? "—" : signed(m.difference, points)}</td>
                <td className={td}>
                  {m.importantChange} {points} ({def.betterIs} is better)
                </td>
                <td className="px-2 py-1">{m.change ? CHANGE_CLASS_LABELS[m.change] : "Not measured at both"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
