"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { Check, X } from "lucide-react";

/**
 * One questionnaire item as a row of native radio buttons in a fieldset
 * whose legend is the item (a screen reader reads the item, then each answer
 * with its words). Keyboard alone:
 *
 * - Tab and Shift+Tab move from item to item (one stop per item);
 * - the arrow keys move between the answers of the item;
 * - with `digitKeys`, a digit key picks the answer of that value and moves
 *   on to the next item (KOOS and LEFS: 0-4);
 * - Delete or Backspace clears the answer and moves on (the small button at
 *   the end of the row clears it too).
 *
 * The chosen answer is filled, bold and ticked: never colour alone.
 */
export type ChoiceOption = { value: number; label: string };

const ROW = "data-choice-row";

/** Focus the next item of the form (its chosen answer, or its first): after KOOS P9 comes P10, after Q4 the first LEFS item. */
function focusNextItem(from: HTMLElement) {
  const rows = [...document.querySelectorAll<HTMLElement>(`[${ROW}]`)];
  const next = rows[rows.indexOf(from) + 1];
  if (!next) return;
  (next.querySelector<HTMLInputElement>("input:checked") ?? next.querySelector<HTMLInputElement>("input[type=radio]"))?.focus();
}

/** The keys of a row: Delete or Backspace clears and moves on; with `digitKeys`, a digit answers and moves on. */
function keyHandler({
  options,
  onChange,
  digitKeys,
  disabled,
}: {
  options: readonly ChoiceOption[];
  onChange: (value: number | undefined) => void;
  digitKeys: boolean;
  disabled?: boolean;
}) {
  return (e: KeyboardEvent<HTMLFieldSetElement>) => {
    if (disabled || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Delete" || e.key === "Backspace") {
      // Cleared, it moves on like an answer: Chrome would otherwise keep Tab inside the emptied item once.
      e.preventDefault();
      onChange(undefined);
      focusNextItem(e.currentTarget);
      return;
    }
    if (!digitKeys || !/^\d$/.test(e.key)) return;
    const option = options.find((o) => o.value === Number(e.key));
    if (!option) return;
    e.preventDefault();
    onChange(option.value);
    focusNextItem(e.currentTarget);
  };
}

export function ChoiceRow({
  name,
  prefix,
  legend,
  options,
  value,
  onChange,
  digitKeys = false,
  vertical = false,
  compact = false,
  error,
  marker,
  itemName,
  disabled,
}: {
  /** Unique per item: the radios' name and the base of the ids. */
  name: string;
  prefix?: string;
  legend: string;
  options: readonly ChoiceOption[];
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  digitKeys?: boolean;
  vertical?: boolean;
  /** Values only (a 0-10 scale): each answer's words are its accessible name; the ends are worded by the caller. */
  compact?: boolean;
  error?: string;
  /** Shown after the legend (e.g. "Runner, 3 Dec 2026"). */
  marker?: ReactNode;
  /** How the clear button names the item (default: the prefix, or the legend). */
  itemName?: string;
  disabled?: boolean;
}) {
  const id = `choice-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const onKeyDown = keyHandler({ options, onChange, digitKeys, disabled });
  // One Tab stop per item, on its answer (the first answer while there is none): Chrome would otherwise stop
  // on another answer of an item just emptied or reached by a digit key.
  const tabStop = options.some((o) => o.value === value) ? value : options[0]?.value;
  return (
    <fieldset
      {...{ [ROW]: "" }}
      data-path={name}
      className={`py-1 ${vertical ? "" : "flex flex-wrap items-center justify-between gap-x-3 gap-y-1"}`}
      aria-describedby={error ? `${id}-error` : undefined}
      onKeyDown={onKeyDown}
      disabled={disabled}
    >
      <legend className={`text-xs text-slate-800 ${vertical ? "mb-1 text-sm font-semibold" : "float-left max-w-md"}`}>
        {prefix ? <span className="font-mono text-slate-500">{`${prefix} `}</span> : null}
        {legend}
        {marker}
      </legend>
      <div className={vertical ? "grid gap-1" : "flex flex-wrap items-center gap-1"} role="presentation">
        {options.map((o) => (
          <OptionLabel
            key={o.value}
            group={id}
            option={o}
            chosen={value === o.value}
            tabbable={o.value === tabStop}
            compact={compact}
            onChoose={() => onChange(o.value)}
          />
        ))}
        <button
          type="button"
          tabIndex={-1}
          className={`rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 ${value === undefined ? "invisible" : ""}`}
          aria-label={`Clear the answer to ${itemName ?? prefix ?? legend}`}
          onClick={() => onChange(undefined)}
        >
          <X aria-hidden="true" className="h-3.5 w-3.5" />
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One answer: a native radio button, hidden visually, in its label (the answer's number and words). */
function OptionLabel({
  group,
  option: o,
  chosen,
  tabbable,
  compact,
  onChoose,
}: {
  group: string;
  option: ChoiceOption;
  chosen: boolean;
  tabbable: boolean;
  compact: boolean;
  onChoose: () => void;
}) {
  const worded = o.label !== String(o.value);
  return (
    <label
      className={`inline-flex cursor-pointer items-center gap-1 rounded-md py-0.5 pl-1 pr-2 text-xs ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-600 ${
        chosen ? "bg-sky-800 font-semibold text-white ring-sky-800" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      <Check aria-hidden="true" className={`h-3 w-3 shrink-0 ${chosen ? "" : "invisible"}`} />
      <input
        type="radio"
        className="sr-only"
        name={group}
        value={o.value}
        checked={chosen}
        tabIndex={tabbable ? 0 : -1}
        onChange={onChoose}
        aria-label={compact && worded ? `${o.value}: ${o.label}` : undefined}
      />
      <span className="font-mono">{o.value}</span>
      {!compact && worded ? <span>{` ${o.label}`}</span> : null}
    </label>
  );
}
