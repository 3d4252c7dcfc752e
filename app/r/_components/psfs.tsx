"use client";

import type { PsfsRow } from "@/lib/runner-answers";
import type { RunnerQuestion } from "@/lib/runner-steps";
import { PSFS_ACTIVITIES } from "@/lib/domain/runner";
import { idOf, Question, Scale } from "./controls";
import { RunnerButton } from "./shell";

type Psfs = Extract<RunnerQuestion, { kind: "psfs" }>;

/**
 * PSFS: the episode's activities scored as named; before the intake the
 * runner names 1 to 5 activities and scores each. Issues come by path:
 * "measures.psfs" (the list), "measures.psfs.0.activity", "measures.psfs.0.score".
 */
export function PsfsQuestion({
  q,
  rows,
  errors,
  onChange,
}: {
  q: Psfs;
  rows: PsfsRow[];
  errors: Record<string, string>;
  onChange: (rows: PsfsRow[]) => void;
}) {
  const fixed = q.activities.length > 0;
  const shown = rows.length ? rows : [{ activity: "" }];
  const update = (i: number, row: PsfsRow) => onChange(shown.map((r, k) => (k === i ? row : r)));
  return (
    <Question path={q.path} text={q.text} hint={q.hint} error={errors[q.path]}>
      <ol className="grid gap-4">
        {shown.map((row, i) => {
          const base = `${q.path}.${i}`;
          const nameError = errors[`${base}.activity`];
          return (
            <li key={i} className="grid gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
              {fixed ? (
                <p className="text-base font-medium">{row.activity}</p>
              ) : (
                <div>
                  <label htmlFor={`${idOf(base)}-activity`} className="block text-base font-medium">
                    Activity {i + 1}
                  </label>
                  <input
                    id={`${idOf(base)}-activity`}
                    type="text"
                    maxLength={200}
                    value={row.activity}
                    onChange={(e) => update(i, { ...row, activity: e.target.value })}
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={nameError ? `${idOf(base)}-activity-error` : undefined}
                    className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400 focus:ring-2 focus:ring-sky-700"
                    placeholder="For example: running 5 km"
                  />
                  {nameError ? (
                    <p id={`${idOf(base)}-activity-error`} className="mt-1 text-sm font-semibold text-red-800">
                      ⚠ {nameError}
                    </p>
                  ) : null}
                </div>
              )}
              <Question
                path={`${base}.score`}
                text={`How well can you do ${row.activity.trim() || `activity ${i + 1}`} today?`}
                error={errors[`${base}.score`]}
              >
                <Scale
                  name={idOf(`${base}.score`)}
                  options={q.options}
                  value={row.score}
                  onChange={(v) => update(i, { ...row, score: v ?? undefined })}
                />
              </Question>
              {!fixed && shown.length > 1 ? (
                <div>
                  <RunnerButton variant="secondary" onClick={() => onChange(shown.filter((_, k) => k !== i))}>
                    Remove activity {i + 1}
                  </RunnerButton>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {!fixed && shown.length < PSFS_ACTIVITIES.max ? (
        <div className="mt-3">
          <RunnerButton variant="secondary" onClick={() => onChange([...shown, { activity: "" }])}>
            Add another activity
          </RunnerButton>
        </div>
      ) : null}
    </Question>
  );
}
