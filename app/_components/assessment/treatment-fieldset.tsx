"use client";

import { TREATMENT_CODES, TREATMENT_LABELS, type TreatmentCode } from "@/lib/domain";
import type { TreatmentGiven } from "@/lib/validation/assessment";
import { inputClass } from "@/app/_components/ui/field";

/**
 * Treatment given at this visit: a checkbox per code; a ticked one asks for
 * notes, gait retraining for its cadence target (steps/min). Errors are
 * named next to their field (paths `treatment.given.<i>.<field>`).
 */
// eslint-disable-next-line max-lines-per-function -- one fieldset, fields in form order
export function TreatmentFieldset({
  given,
  errors,
  onChange,
}: {
  given: TreatmentGiven[];
  errors: Record<string, string>;
  onChange: (given: TreatmentGiven[]) => void;
}) {
  const byCode = new Map(given.map((t) => [t.code, t]));
  const set = (code: TreatmentCode, item: TreatmentGiven | undefined) => {
    const next = new Map(byCode);
    if (item) next.set(code, item);
    else next.delete(code);
    onChange(TREATMENT_CODES.filter((c) => next.has(c)).map((c) => next.get(c)!));
  };
  const listError = errors["treatment.given"];
  return (
    <fieldset className="mt-3" aria-describedby={listError ? "treatment-error" : undefined}>
      <legend className="text-sm">Treatment given at this visit</legend>
      {listError ? (
        <p id="treatment-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      <div className="mt-1 grid gap-1">
        {TREATMENT_CODES.map((code) => {
          const item = byCode.get(code);
          const index = given.findIndex((t) => t.code === code);
          const notesError = errors[`treatment.given.${index}.notes`];
          const cadenceError = errors[`treatment.given.${index}.cadenceTargetSpm`];
          const id = `treatment-${code}`;
          return (
            <div key={code} className="text-sm">
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4"
                  checked={item !== undefined}
                  onChange={(e) => set(code, e.target.checked ? { code } : undefined)}
                />
                {TREATMENT_LABELS[code]}
              </label>
              {item ? (
                <div className="mb-1 ml-6 mt-1 grid gap-2 sm:grid-cols-[1fr_10rem]">
                  <div>
                    <label htmlFor={`${id}-notes`} className="block text-xs text-slate-700">
                      {TREATMENT_LABELS[code]}: notes{code === "other" ? " (what was done)" : ""}
                    </label>
                    <input
                      id={`${id}-notes`}
                      className={inputClass}
                      maxLength={1000}
                      value={item.notes ?? ""}
                      aria-invalid={notesError ? true : undefined}
                      aria-describedby={notesError ? `${id}-notes-error` : undefined}
                      onChange={(e) => set(code, { ...item, notes: e.target.value || undefined })}
                    />
                    {notesError ? (
                      <p id={`${id}-notes-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">
                        {notesError}
                      </p>
                    ) : null}
                  </div>
                  {code === "gait_retraining" ? (
                    <div>
                      <label htmlFor={`${id}-cadence`} className="block text-xs text-slate-700">
                        Cadence target (steps/min)
                      </label>
                      <input
                        id={`${id}-cadence`}
                        type="number"
                        inputMode="numeric"
                        min={140}
                        max={220}
                        className={inputClass}
                        value={item.cadenceTargetSpm ?? ""}
                        aria-invalid={cadenceError ? true : undefined}
                        aria-describedby={cadenceError ? `${id}-cadence-error` : undefined}
                        onChange={(e) =>
                          set(code, { ...item, cadenceTargetSpm: e.target.value === "" ? undefined : Number(e.target.value) })
                        }
                      />
                      {cadenceError ? (
                        <p id={`${id}-cadence-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">
                          {cadenceError}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
