"use client";

import type { Suggestion, TrainingSuggestions } from "@/lib/clinical/training-detail";
import type { ShoeSummary } from "@/lib/data/shoes";
import { formatDate } from "@/lib/format";

/**
 * What the run log and the shoe log say next to the training questions: a
 * suggested answer (with the numbers behind it) that the clinician confirms
 * with one click, the shoe log's figures the shoe questions were filled
 * from, and a recent change of shoes.
 */
export const HINT_PATHS = [
  "training.recentSpeedIncrease",
  "training.recentHillIncrease",
  "training.shoeDistanceKm",
  "training.shoePairsInRotation",
];

function SuggestionHint({ suggestion, value, onConfirm }: { suggestion: Suggestion; value: unknown; onConfirm: () => void }) {
  const confirmed = value === suggestion.answer;
  return (
    <div className="mb-1.5 rounded bg-sky-50 px-2 py-1 text-xs text-sky-950" data-testid="training-suggestion">
      <span className="font-medium">Suggested from the run log: {suggestion.answer ? "yes" : "no"}</span> ({suggestion.because}).{" "}
      {confirmed ? (
        <span className="font-medium">Confirmed.</span>
      ) : (
        <button type="button" className="text-sky-800 underline" onClick={onConfirm}>
          Use &quot;{suggestion.answer ? "Yes" : "No"}&quot;
        </button>
      )}
    </div>
  );
}

export function TrainingHint({
  path,
  suggestions,
  shoes,
  cadence,
  value,
  onChange,
}: {
  path: string;
  suggestions: TrainingSuggestions;
  shoes: ShoeSummary | undefined;
  /** Mean cadence of the last 28 days from the run log. */
  cadence?: { spm: number; runs: number } | null;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  if (path === "context.cadenceSpm") {
    return cadence ? (
      <p className="mb-1.5 text-xs text-slate-700" data-testid="cadence-hint">
        Run log: {cadence.spm} steps/min on average over the last 4 weeks ({cadence.runs} run{cadence.runs === 1 ? "" : "s"} with a
        cadence).
      </p>
    ) : null;
  }
  if (path === "training.recentSpeedIncrease" || path === "training.recentHillIncrease") {
    const s = path === "training.recentSpeedIncrease" ? suggestions.recentSpeedIncrease : suggestions.recentHillIncrease;
    return s ? <SuggestionHint suggestion={s} value={value} onConfirm={() => onChange(s.answer)} /> : null;
  }
  if (!shoes || shoes.shoes.length === 0) return null;
  if (path === "training.shoeDistanceKm") {
    const change = shoes.recentChange;
    return (
      <div className="mb-1.5 space-y-1 text-xs" data-testid="shoe-hint">
        <p className="text-slate-700">
          Shoe log: {shoes.current ? `${shoes.current.name}, ${shoes.current.distanceKm.toLocaleString("en-GB")} km` : "no pair in use"}
          {shoes.current && value !== undefined && Number(value) !== Math.round(shoes.current.distanceKm)
            ? " (the answer differs from the log)"
            : ""}
          .
        </p>
        {change ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950" data-testid="shoe-change-hint">
            <strong>Recent change of shoes:</strong> {change.shoe.name} since {formatDate(change.shoe.introducedOn)} ({change.daysAgo} day
            {change.daysAgo === 1 ? "" : "s"} ago){change.previous ? `, after ${change.previous.name}` : ""}
            {change.previous?.dropMm != null && change.shoe.dropMm != null && change.previous.dropMm !== change.shoe.dropMm
              ? `; drop ${change.previous.dropMm} mm → ${change.shoe.dropMm} mm`
              : ""}
            .
          </p>
        ) : null}
      </div>
    );
  }
  if (path === "training.shoePairsInRotation") {
    return (
      <p className="mb-1.5 text-xs text-slate-700">
        Shoe log: {shoes.inRotation} pair{shoes.inRotation === 1 ? "" : "s"} in use.
      </p>
    );
  }
  return null;
}
