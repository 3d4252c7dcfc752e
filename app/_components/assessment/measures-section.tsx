"use client";

import { KOOS_MIN_ANSWERED, koosScores } from "@/lib/clinical";
import { inputClass } from "@/app/_components/ui/field";
import { Button } from "@/app/_components/ui/button";
import { RunnerReported } from "./runner-reported";
import { KOOS_ANCHORS, KOOS_ITEMS, LEFS_ANCHORS, LEFS_ITEMS, TEGNER } from "@/lib/questions";

/**
 * Outcome measures (SPEC.md section 6): KOOS 42 items by subscale, LEFS 20
 * items, PSFS 1-5 activities, Tegner. Scores update as items are answered.
 */
type Measures = { koos?: Record<string, number>; lefs?: number[]; psfs?: { activity: string; score: number }[]; tegner?: number };

// eslint-disable-next-line max-lines-per-function -- the measures in the order of the paper forms
export function MeasuresSection({
  measures,
  lefsDraft,
  errors,
  onChange,
  onLefsChange,
  disabled,
}: {
  measures: Measures;
  lefsDraft: (number | null)[];
  errors: Record<string, string>;
  onChange: (path: string, value: unknown) => void;
  onLefsChange: (draft: (number | null)[]) => void;
  disabled?: boolean;
}) {
  const koos = measures.koos ?? {};
  const psfs = measures.psfs ?? [];
  const lefsAnswered = lefsDraft.filter((v) => v !== null).length;
  return (
    <div className="space-y-4">
      <div>
        <h3 className="text-sm font-semibold">KOOS (Knee injury and Osteoarthritis Outcome Score)</h3>
        <p className="text-xs text-slate-600">
          Each item 0 (none) to 4 (extreme) for the last week. A subscale is scored when at least half its items are answered.
        </p>
        <div className="mt-2 grid gap-3 lg:grid-cols-2">
          {KOOS_ITEMS.map((group) => {
            const answered = group.items.filter(([id]) => koos[id] !== undefined).length;
            const score = koosScores(koos as never)[group.subscale as keyof ReturnType<typeof koosScores>];
            const min = KOOS_MIN_ANSWERED[group.subscale as keyof typeof KOOS_MIN_ANSWERED];
            return (
              <fieldset key={group.subscale} className="rounded-md p-2 ring-1 ring-slate-200">
                <legend className="px-1 text-sm font-medium">
                  {group.title}:{" "}
                  {score === null ? `not scored (${answered} of ${group.items.length} answered, ${min} needed)` : `${score} / 100`}
                </legend>
                <div className="space-y-1">
                  {group.items.map(([id, label]) => (
                    <div key={id} className="grid grid-cols-[1fr_11rem] items-center gap-2">
                      <label htmlFor={`koos-${id}`} className="text-xs">
                        <span className="font-mono text-slate-500">{id}</span> {label}
                        <RunnerReported path={`measures.koos.${id}`} value={koos[id]} />
                      </label>
                      <select
                        id={`koos-${id}`}
                        className={`${inputClass} py-1 text-xs`}
                        value={koos[id] ?? ""}
                        disabled={disabled}
                        onChange={(e) => onChange(`measures.koos.${id}`, e.target.value === "" ? undefined : Number(e.target.value))}
                      >
                        <option value="">Not answered</option>
                        {KOOS_ANCHORS.map((a, n) => (
                          <option key={n} value={n}>
                            {a}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      </div>

      <fieldset className="rounded-md p-2 ring-1 ring-slate-200" aria-describedby={errors["measures.lefs"] ? "lefs-error" : undefined}>
        <legend className="px-1 text-sm font-semibold">
          LEFS (Lower Extremity Functional Scale):{" "}
          {lefsAnswered === 20 ? `${lefsDraft.reduce<number>((s, v) => s + (v ?? 0), 0)} / 80` : `${lefsAnswered} of 20 answered`}
        </legend>
        <p className="text-xs text-slate-600">All 20 items are needed for a score: 0 = extreme difficulty or unable, 4 = no difficulty.</p>
        {errors["measures.lefs"] ? (
          <p id="lefs-error" role="alert" className="text-xs font-medium text-red-700">
            LEFS: {errors["measures.lefs"]}
          </p>
        ) : null}
        <div className="mt-1 grid gap-1 lg:grid-cols-2">
          {LEFS_ITEMS.map((label, i) => (
            <div key={i} className="grid grid-cols-[1fr_13rem] items-center gap-2">
              <label htmlFor={`lefs-${i + 1}`} className="text-xs">
                <span className="font-mono text-slate-500">{i + 1}</span> {label}
                <RunnerReported path={`measures.lefs.${i}`} value={lefsDraft[i] ?? undefined} />
              </label>
              <select
                id={`lefs-${i + 1}`}
                className={`${inputClass} py-1 text-xs`}
                value={lefsDraft[i] ?? ""}
                disabled={disabled}
                onChange={(e) => {
                  const next = [...lefsDraft];
                  next[i] = e.target.value === "" ? null : Number(e.target.value);
                  onLefsChange(next);
                }}
              >
                <option value="">Not answered</option>
                {LEFS_ANCHORS.map((a, n) => (
                  <option key={n} value={n}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="rounded-md p-2 ring-1 ring-slate-200" aria-describedby={errors["measures.psfs"] ? "psfs-error" : undefined}>
        <legend className="px-1 text-sm font-semibold">
          PSFS (Patient-Specific Functional Scale) <RunnerReported path="measures.psfs" value={measures.psfs} />
        </legend>
        <p className="text-xs text-slate-600">1-5 activities the runner finds difficult, each 0 (unable) to 10 (as before the problem).</p>
        {errors["measures.psfs"] ? (
          <p id="psfs-error" role="alert" className="text-xs font-medium text-red-700">
            PSFS: {errors["measures.psfs"]}
          </p>
        ) : null}
        <div className="mt-1 space-y-1">
          {psfs.map((item, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <div className="min-w-48 flex-1">
                <label htmlFor={`psfs-${i}-activity`} className="text-xs">
                  Activity {i + 1}
                </label>
                <input
                  id={`psfs-${i}-activity`}
                  className={`${inputClass} py-1`}
                  value={item.activity}
                  disabled={disabled}
                  aria-invalid={errors[`measures.psfs.${i}.activity`] ? true : undefined}
                  aria-describedby={errors[`measures.psfs.${i}.activity`] ? `psfs-${i}-activity-error` : undefined}
                  onChange={(e) =>
                    onChange(
                      "measures.psfs",
                      psfs.map((p, j) => (j === i ? { ...p, activity: e.target.value } : p)),
                    )
                  }
                />
                {errors[`measures.psfs.${i}.activity`] ? (
                  <p id={`psfs-${i}-activity-error`} role="alert" className="text-xs font-medium text-red-700">
                    {errors[`measures.psfs.${i}.activity`]}
                  </p>
                ) : null}
              </div>
              <div>
                <label htmlFor={`psfs-${i}-score`} className="text-xs">
                  Score (0-10)
                </label>
                <select
                  id={`psfs-${i}-score`}
                  className={`${inputClass} py-1`}
                  value={item.score}
                  disabled={disabled}
                  onChange={(e) =>
                    onChange(
                      "measures.psfs",
                      psfs.map((p, j) => (j === i ? { ...p, score: Number(e.target.value) } : p)),
                    )
                  }
                >
                  {Array.from({ length: 11 }, (_, n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <Button
                variant="ghost"
                disabled={disabled}
                onClick={() => onChange("measures.psfs", psfs.length > 1 ? psfs.filter((_, j) => j !== i) : undefined)}
                aria-label={`Remove activity ${i + 1}`}
              >
                Remove
              </Button>
            </div>
          ))}
          {psfs.length < 5 ? (
            <Button
              variant="secondary"
              disabled={disabled}
              onClick={() => onChange("measures.psfs", [...psfs, { activity: "", score: 5 }])}
            >
              Add an activity
            </Button>
          ) : null}
        </div>
      </fieldset>

      <div>
        <label htmlFor="tegner" className="text-sm font-semibold">
          Tegner activity level
        </label>
        <RunnerReported path="measures.tegner" value={measures.tegner} />
        <select
          id="tegner"
          className={`${inputClass} mt-1 max-w-xl`}
          value={measures.tegner ?? ""}
          disabled={disabled}
          onChange={(e) => onChange("measures.tegner", e.target.value === "" ? undefined : Number(e.target.value))}
        >
          <option value="">Not recorded</option>
          {TEGNER.map((t, n) => (
            <option key={n} value={n}>
              {t}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
