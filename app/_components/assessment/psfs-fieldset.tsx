"use client";

import { choiceOptions, displayText, itemOf, type Questionnaire } from "@/lib/instruments";
import type { PsfsBaseline } from "@/lib/instruments/psfs";
import { PSFS_LINK_IDS } from "@/lib/instruments/measures";
import { formatDate } from "@/lib/format";
import { inputClass } from "@/app/_components/ui/field";
import { Button } from "@/app/_components/ui/button";
import { RunnerReported } from "./runner-reported";
import { ChoiceRow } from "./choice-row";
import { useMeasuresContext } from "./instruments-context";

/**
 * PSFS (lib/instruments/psfs.ts). No activity is ever scored by default: an
 * activity without a score is refused, naming it. At the intake the runner
 * names 1-5 activities. A follow-up scores the activities recorded first in
 * the episode, unchanged and in the same order, so each is compared with
 * itself: their names are shown, not editable, and PSFS is recorded at the
 * follow-up once a score is chosen (then every activity needs one).
 */
type PsfsEntry = { activity: string; score?: number };

/** The instructions as published: for a follow-up, those that name the activities carried forward, and from when. */
const introOf = (q: Questionnaire, baseline: PsfsBaseline | null) =>
  baseline
    ? `${displayText(q, "followUpInstructions") ?? ""} Carried forward from ${formatDate(baseline.assessedOn)}: score each activity, or none to leave PSFS out of this follow-up.`
    : displayText(q, "instructions");

export function PsfsFieldset({
  psfs,
  errors,
  onChange,
  disabled,
}: {
  psfs: readonly PsfsEntry[] | undefined;
  errors: Record<string, string>;
  onChange: (psfs: PsfsEntry[] | undefined) => void;
  disabled?: boolean;
}) {
  const { instruments, psfsBaseline } = useMeasuresContext();
  const q = instruments.psfs;
  const options = choiceOptions(itemOf(q, PSFS_LINK_IDS.score)).map((o) => ({ value: o.value, label: o.display }));
  const carried = psfsBaseline?.activities;
  // A follow-up: the carried activities, each with its score when one is chosen; otherwise what was entered.
  const rows: PsfsEntry[] = carried
    ? carried.map((activity) => ({ activity, score: psfs?.find((p) => p.activity === activity)?.score }))
    : [...(psfs ?? [])];
  const setScore = (i: number, score: number | undefined) => {
    const next = rows.map((r, j) => (j === i ? { ...r, score } : r));
    onChange(carried && next.every((r) => r.score === undefined) ? undefined : next);
  };
  const ends = `${options[0]?.value} = ${options[0]?.label}; ${options.at(-1)?.value} = ${options.at(-1)?.label}`;
  return (
    <fieldset
      className="rounded-md px-2 pb-2 ring-1 ring-slate-200"
      aria-describedby={errors["measures.psfs"] ? "psfs-error" : undefined}
      data-instrument="psfs"
    >
      <legend className="px-1 text-sm font-semibold">
        {q.title} <RunnerReported path="measures.psfs" value={psfs} />
      </legend>
      <p className="text-xs text-slate-600">{introOf(q, psfsBaseline)}</p>
      <p className="text-xs text-slate-600">Each activity is scored {ends}. No score is given until one is chosen.</p>
      {errors["measures.psfs"] ? (
        <p id="psfs-error" role="alert" className="text-xs font-medium text-red-700">
          PSFS: {errors["measures.psfs"]}
        </p>
      ) : null}
      <div className="mt-1 divide-y divide-slate-100">
        {rows.map((item, i) => {
          const name = item.activity.trim() ? `“${item.activity.trim()}”` : `Activity ${i + 1}`;
          const scoreError = errors[`measures.psfs.${i}.score`];
          const nameError = errors[`measures.psfs.${i}.activity`];
          return (
            <div key={carried ? item.activity : i} className="py-1" data-testid="psfs-activity">
              {carried ? null : (
                <ActivityName
                  index={i}
                  value={item.activity}
                  error={nameError}
                  disabled={disabled}
                  onChange={(activity) => onChange(rows.map((p, j) => (j === i ? { ...p, activity } : p)))}
                  onRemove={() => onChange(rows.length > 1 ? rows.filter((_, j) => j !== i) : undefined)}
                />
              )}
              <ChoiceRow
                name={`measures.psfs.${i}.score`}
                legend={`${name}: score${item.score === undefined ? " (not scored)" : ` ${item.score} of 10`}`}
                options={options}
                value={item.score}
                onChange={(v) => setScore(i, v)}
                compact
                itemName={`${name} score`}
                error={scoreError ? `${name}: ${scoreError}` : undefined}
                disabled={disabled}
              />
            </div>
          );
        })}
        {!carried && rows.length < 5 ? (
          <Button variant="secondary" disabled={disabled} onClick={() => onChange([...rows, { activity: "" }])}>
            Add an activity
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** An activity the runner names (intake): its name, required, and a button to remove it. */
function ActivityName({
  index: i,
  value,
  error,
  disabled,
  onChange,
  onRemove,
}: {
  index: number;
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (activity: string) => void;
  onRemove: () => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <label htmlFor={`psfs-${i}-activity`} className="text-xs">
          Activity {i + 1}
        </label>
        <input
          id={`psfs-${i}-activity`}
          className={`${inputClass} py-1`}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `psfs-${i}-activity-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {error ? (
          <p id={`psfs-${i}-activity-error`} role="alert" className="text-xs font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button variant="ghost" disabled={disabled} onClick={onRemove} aria-label={`Remove activity ${i + 1}`}>
        Remove
      </Button>
    </div>
  );
}
