import type { ReactNode } from "react";
import type { RunnerOption } from "@/lib/runner-steps";

/**
 * The runner's answer controls: native radio buttons in a fieldset with the
 * question as its legend (arrow keys move between answers, a screen reader
 * reads the question, its hint and any error), large enough to tap on a
 * phone. A chosen answer shows its ticked radio and a heavier border, never
 * colour alone.
 */
export const idOf = (path: string) => `q-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

type Base = { path: string; text: string; hint?: string; error?: string };

export function Question({ path, text, hint, error, children }: Base & { children: ReactNode }) {
  const id = idOf(path);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      aria-describedby={described}
      aria-invalid={error ? true : undefined}
      className={`rounded-lg bg-white p-4 ring-1 ${error ? "ring-2 ring-red-700" : "ring-slate-200"}`}
    >
      <legend className="float-left w-full text-base font-medium text-slate-900">{text}</legend>
      <div className="clear-both" />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-2 text-sm font-semibold text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <div className="mt-3">{children}</div>
    </fieldset>
  );
}

const OPTION =
  "flex min-h-11 cursor-pointer items-center gap-3 rounded-md bg-white px-3 py-2 text-base text-slate-900 ring-1 ring-slate-300 has-[:checked]:bg-sky-50 has-[:checked]:font-semibold has-[:checked]:ring-2 has-[:checked]:ring-sky-800 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-700";

export function ChoiceList({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: readonly RunnerOption[];
  value: number | undefined;
  onChange: (v: number) => void;
}) {
  return (
    <div className="grid gap-2">
      {options.map((o) => (
        <label key={o.value} className={OPTION}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            className="size-5 shrink-0 accent-sky-800"
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

export function YesNo({ name, value, onChange }: { name: string; value: boolean | undefined; onChange: (v: boolean) => void }) {
  return (
    <div className="grid grid-cols-2 gap-2">
      {(
        [
          [true, "Yes"],
          [false, "No"],
        ] as const
      ).map(([v, label]) => (
        <label key={label} className={OPTION}>
          <input type="radio" name={name} checked={value === v} onChange={() => onChange(v)} className="size-5 shrink-0 accent-sky-800" />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}

/**
 * A 0-10 scale as eleven radio buttons in one row (a 390 px wide phone fits
 * them), with the words of both ends below; `optional` adds the answer
 * "does not apply" (null).
 */
export function Scale({
  name,
  options,
  value,
  onChange,
  optional,
}: {
  name: string;
  options: readonly RunnerOption[];
  value: number | null | undefined;
  onChange: (v: number | null) => void;
  optional?: string;
}) {
  const first = options[0];
  const last = options.at(-1);
  return (
    <div>
      <div className="grid grid-cols-11 gap-1">
        {options.map((o) => (
          <label
            key={o.value}
            className="flex min-h-11 cursor-pointer flex-col items-center justify-center rounded-md bg-white text-base text-slate-900 ring-1 ring-slate-300 has-[:checked]:bg-sky-800 has-[:checked]:font-bold has-[:checked]:text-white has-[:checked]:underline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-700"
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-label={o.label === String(o.value) ? String(o.value) : `${o.value}: ${o.label}`}
              className="sr-only"
            />
            <span aria-hidden="true">{o.value}</span>
          </label>
        ))}
      </div>
      <div className="mt-1 flex justify-between gap-4 text-sm text-slate-700" aria-hidden="true">
        <span>
          {first?.value} = {first?.label}
        </span>
        <span className="text-right">
          {last?.value} = {last?.label}
        </span>
      </div>
      {optional ? (
        <label className={`${OPTION} mt-2`}>
          <input
            type="radio"
            name={name}
            checked={value === null}
            onChange={() => onChange(null)}
            className="size-5 shrink-0 accent-sky-800"
          />
          <span>{optional}</span>
        </label>
      ) : null}
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {typeof value === "number" ? `Your answer: ${value}` : value === null && optional ? `Your answer: ${optional.toLowerCase()}` : ""}
      </p>
    </div>
  );
}

export function DaysInput({ id, value, onChange }: { id: string; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={`${id}-input`}
        type="number"
        inputMode="numeric"
        min={0}
        max={3650}
        step={1}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        className="w-28 rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400 focus:ring-2 focus:ring-sky-700"
        aria-label="Number of days"
      />
      <span className="text-base text-slate-800">days</span>
    </div>
  );
}
