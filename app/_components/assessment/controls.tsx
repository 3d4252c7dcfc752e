"use client";

import { Check } from "lucide-react";
import { inputClass } from "@/app/_components/ui/field";
import { wellsDvtLikelihood, wellsDvtScore } from "@/lib/clinical/wells";
import { WELLS_DVT_CRITERIA, type WellsDvtCriterion } from "@/lib/domain/codes";
import { WELLS_DVT_CRITERION_LABELS } from "@/lib/domain/labels";
import type { Question } from "@/lib/questions";

/**
 * Form controls bound to one answer path. Yes/no questions have three
 * states: yes, no and "not asked" (the default), because an unanswered
 * question is not the same as "no". All are native inputs: keyboard and
 * screen readers work without extra code.
 */
type Props = { q: Question; value: unknown; error?: string; onChange: (value: unknown) => void; disabled?: boolean };

const idOf = (path: string) => `f-${path.replace(/\./g, "-")}`;

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-600">
      {hint}
    </p>
  ) : null;
}

const describe = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

// eslint-disable-next-line max-lines-per-function -- one switch over the kinds of question, each a few lines
export function QuestionControl({ q, value, error, onChange, disabled }: Props) {
  const id = idOf(q.path);
  switch (q.kind) {
    case "tri": {
      const current = value === true ? "yes" : value === false ? "no" : "unasked";
      return (
        // The hint is part of the legend (the group's name), so only the error describes the group.
        <fieldset
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-1.5"
          aria-describedby={describe(id, undefined, error)}
          data-path={q.path}
        >
          <legend className="float-left max-w-md text-sm text-slate-800">
            {q.label}
            <Hint id={id} hint={q.hint} />
          </legend>
          <div className="flex gap-1" role="presentation">
            {(
              [
                ["yes", "Yes"],
                ["no", "No"],
                ["unasked", "Not asked"],
              ] as const
            ).map(([v, label]) => (
              <label
                key={v}
                className={`inline-flex cursor-pointer items-center gap-0.5 rounded-md py-1 pl-1 pr-2 text-xs font-medium ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-600 ${
                  current === v
                    ? v === "yes"
                      ? "bg-sky-700 text-white ring-sky-700"
                      : v === "no"
                        ? "bg-slate-700 text-white ring-slate-700"
                        : "bg-slate-100 text-slate-900 ring-2 ring-slate-500"
                    : "bg-white text-slate-700 ring-slate-300"
                }`}
              >
                {/* The chosen answer also carries a tick, so "Not asked" is told apart from the others by more than a light shade. */}
                <Check aria-hidden="true" className={`h-3 w-3 ${current === v ? "" : "invisible"}`} />
                <input
                  type="radio"
                  className="sr-only"
                  name={id}
                  value={v}
                  checked={current === v}
                  disabled={disabled}
                  onChange={() => onChange(v === "yes" ? true : v === "no" ? false : undefined)}
                />
                {label}
              </label>
            ))}
          </div>
          <ErrorText id={id} error={error} />
        </fieldset>
      );
    }
    case "nrs":
      return (
        <div className="py-1.5">
          <label htmlFor={id} className="block text-sm text-slate-800">
            {q.label}
          </label>
          <select
            id={id}
            className={`${inputClass} mt-1 max-w-48`}
            value={typeof value === "number" ? String(value) : ""}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={describe(id, q.hint, error)}
            onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
          >
            <option value="">Not asked</option>
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={n}>
                {n} / 10{n === 0 ? " (no pain)" : n === 10 ? " (worst imaginable)" : ""}
              </option>
            ))}
          </select>
          <Hint id={id} hint={q.hint} />
          <ErrorText id={id} error={error} />
        </div>
      );
    case "int":
    case "number":
      return <NumberQuestion q={q} id={id} value={value} error={error} onChange={onChange} disabled={disabled} />;
    case "enum":
      return (
        <div className="py-1.5">
          <label htmlFor={id} className="block text-sm text-slate-800">
            {q.label}
          </label>
          <select
            id={id}
            className={`${inputClass} mt-1 max-w-xs`}
            value={typeof value === "string" ? value : ""}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={describe(id, q.hint, error)}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          >
            <option value="">Not recorded</option>
            {q.options.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          <ErrorText id={id} error={error} />
        </div>
      );
    case "multi": {
      const list = Array.isArray(value) ? (value as string[]) : undefined;
      const examined = list !== undefined;
      return (
        <fieldset className="py-1.5" aria-describedby={describe(id, q.hint, error)}>
          <legend className="text-sm text-slate-800">{q.label}</legend>
          {q.palpation ? (
            <label className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={examined}
                disabled={disabled}
                onChange={(e) => onChange(e.target.checked ? [] : undefined)}
                className="h-4 w-4"
              />
              Palpated {examined && list.length === 0 ? <span className="text-slate-600">(nothing tender)</span> : null}
            </label>
          ) : null}
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {q.options.map(([v, l]) => (
              <label key={v} className={`flex items-start gap-2 text-sm ${q.palpation && !examined ? "text-slate-400" : ""}`}>
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4"
                  checked={!!list?.includes(v)}
                  disabled={disabled || (q.palpation && !examined)}
                  onChange={(e) => {
                    const next = new Set(list ?? []);
                    if (e.target.checked) next.add(v);
                    else next.delete(v);
                    const values = q.options.map(([o]) => o).filter((o) => next.has(o));
                    onChange(values.length || q.palpation ? values : undefined);
                  }}
                />
                {l}
              </label>
            ))}
          </div>
          <ErrorText id={id} error={error} />
        </fieldset>
      );
    }
    case "wells":
      return <WellsQuestion q={q} id={id} value={value} error={error} onChange={onChange} disabled={disabled} />;
    case "record":
      return null;
    case "text":
      return (
        <div className="py-1.5">
          <label htmlFor={id} className="block text-sm text-slate-800">
            {q.label}
          </label>
          <textarea
            id={id}
            rows={q.rows ?? 3}
            maxLength={q.max}
            className={`${inputClass} mt-1`}
            value={typeof value === "string" ? value : ""}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={describe(id, q.hint, error)}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          />
          <ErrorText id={id} error={error} />
        </div>
      );
  }
}

function NumberQuestion({
  q,
  id,
  value,
  error,
  onChange,
  disabled,
}: {
  q: Extract<Question, { kind: "int" | "number" }>;
  id: string;
  value: unknown;
  error?: string;
  onChange: (v: unknown) => void;
  disabled?: boolean;
}) {
  return (
    <div className="py-1.5">
      <label htmlFor={id} className="block text-sm text-slate-800">
        {q.label} <span className="text-slate-500">({q.unit})</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode={q.kind === "int" ? "numeric" : "decimal"}
        min={q.min}
        max={q.max}
        step={q.step ?? (q.kind === "int" ? 1 : "any")}
        className={`${inputClass} mt-1 max-w-40`}
        value={typeof value === "number" ? String(value) : typeof value === "string" ? value : ""}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describe(id, q.hint, error)}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === "") return onChange(undefined);
          const n = Number(raw);
          // Keep what was typed when it is not a number, so the schema can name the problem.
          onChange(Number.isFinite(n) ? n : raw);
        }}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

/**
 * The two-level Wells score for DVT as a small calculator: the criteria
 * listed, ticking them computes the score (-2 to 9) with "DVT unlikely" or
 * "DVT likely". Not scored until the clinician starts it: a score of 0 (no
 * criterion present) is a real answer, different from "not scored".
 */
function WellsQuestion({
  q,
  id,
  value,
  error,
  onChange,
  disabled,
}: {
  q: Extract<Question, { kind: "wells" }>;
  id: string;
  value: unknown;
  error?: string;
  onChange: (v: unknown) => void;
  disabled?: boolean;
}) {
  const ticked = Array.isArray(value) ? (value as WellsDvtCriterion[]) : undefined;
  const score = ticked ? wellsDvtScore(ticked) : null;
  return (
    <fieldset
      className="my-1 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200"
      aria-describedby={describe(id, q.hint, error)}
      data-path={q.path}
    >
      <legend className="px-1 text-sm font-medium text-slate-800">{q.label}</legend>
      <Hint id={id} hint={q.hint} />
      {ticked === undefined ? (
        <button
          type="button"
          className="mt-1 rounded-md bg-white px-2 py-1 text-xs font-medium text-sky-900 ring-1 ring-sky-700 hover:bg-sky-50"
          disabled={disabled}
          onClick={() => onChange([])}
        >
          Score the Wells criteria
        </button>
      ) : (
        <>
          <div className="mt-1 grid gap-1">
            {WELLS_DVT_CRITERIA.map((criterion) => (
              <label key={criterion} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4"
                  checked={ticked.includes(criterion)}
                  disabled={disabled}
                  onChange={(e) => {
                    const next = new Set(ticked);
                    if (e.target.checked) next.add(criterion);
                    else next.delete(criterion);
                    onChange(WELLS_DVT_CRITERIA.filter((c) => next.has(c)));
                  }}
                />
                <span>
                  {WELLS_DVT_CRITERION_LABELS[criterion]}{" "}
                  <span className="text-xs text-slate-600">({criterion === "alternative_diagnosis_as_likely" ? "-2" : "+1"})</span>
                </span>
              </label>
            ))}
          </div>
          <p className="mt-1 text-sm font-semibold" role="status" data-testid="wells-score">
            Wells score {score}: DVT {score !== null ? wellsDvtLikelihood(score) : ""}
          </p>
          <button type="button" className="mt-1 text-xs text-sky-800 underline" disabled={disabled} onClick={() => onChange(undefined)}>
            Clear the score (not scored)
          </button>
        </>
      )}
      <ErrorText id={id} error={error} />
    </fieldset>
  );
}
