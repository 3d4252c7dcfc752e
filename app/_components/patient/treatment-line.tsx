import { TREATMENT_CODES, TREATMENT_LABELS } from "@/lib/domain";
import type { AssessmentSummary } from "@/lib/data/patients";

/** The treatment given over an episode's signed visits, in words with the number of visits: "Taping (2 visits)". */
export function TreatmentLine({ assessments }: { assessments: Pick<AssessmentSummary, "status" | "treatment">[] }) {
  const counts = new Map<string, number>();
  for (const a of assessments) if (a.status === "signed") for (const t of a.treatment) counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
  if (counts.size === 0) return null;
  const parts = TREATMENT_CODES.filter((c) => counts.has(c)).map((c) => {
    const n = counts.get(c)!;
    return `${TREATMENT_LABELS[c]} (${n} visit${n === 1 ? "" : "s"})`;
  });
  return (
    <p className="mb-2 text-sm" data-testid="treatment-line">
      <span className="text-xs text-slate-500">Treatment given: </span>
      {parts.join(" · ")}
    </p>
  );
}
