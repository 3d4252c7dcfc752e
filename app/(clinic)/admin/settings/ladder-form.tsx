"use client";

import { useState } from "react";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { FieldError, inputClass, describedBy } from "@/app/_components/ui/field";
import { updateLadderAction } from "@/lib/actions/return-to-run";
import { DEFAULT_LADDER, LADDER_LIMITS, stageText, type LadderStage } from "@/lib/domain/return-to-run";

type StageField = keyof LadderStage;
type Row = Record<StageField, string>;

const COLUMNS: { field: StageField; label: string }[] = [
  { field: "walkMinutes", label: "Walk (min)" },
  { field: "runMinutes", label: "Run (min)" },
  { field: "repeats", label: "Repeats" },
  { field: "sessionsPerWeek", label: "Sessions a week" },
];

const rowOf = (s: LadderStage): Row => ({
  walkMinutes: String(s.walkMinutes),
  runMinutes: String(s.runMinutes),
  repeats: String(s.repeats),
  sessionsPerWeek: String(s.sessionsPerWeek),
});

/** A row in words when every field is a whole number, else "". */
function rowText(r: Row): string {
  const n = COLUMNS.map((c) => Number(r[c.field]));
  if (n.some((v, i) => r[COLUMNS[i]!.field].trim() === "" || !Number.isInteger(v))) return "";
  return stageText({ walkMinutes: n[0]!, runMinutes: n[1]!, repeats: n[2]!, sessionsPerWeek: n[3]! });
}

/**
 * The clinic's return-to-run ladder (admin): one row per stage, walk and run
 * minutes, repeats and sessions a week. Stages can be added and removed; the
 * server checks every field and names the one it refuses (`ladder.2.runMinutes`).
 */
export function LadderForm({ ladder }: { ladder: LadderStage[] }) {
  const { state, onSubmit, pending, formRef } = useFormAction(updateLadderAction);
  const [rows, setRows] = useState<Row[]>(ladder.map(rowOf));
  const e = state.fieldErrors ?? {};
  const set = (i: number, field: StageField, value: string) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [field]: value } : r)));
  const maxStages = LADDER_LIMITS.stages[1];
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Return-to-run ladder" className="space-y-3">
      <FormStatus state={state} />
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Stages of the clinic&apos;s return-to-run ladder</caption>
          <thead>
            <tr className="text-xs text-slate-600">
              <th scope="col">Stage</th>
              {COLUMNS.map((c) => (
                <th key={c.field} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <StageRow
                key={i}
                i={i}
                row={r}
                errors={e}
                canRemove={rows.length > 1}
                onChange={(field, value) => set(i, field, value)}
                onRemove={() => setRows((rs) => rs.filter((_, k) => k !== i))}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FieldError id="ladder" error={e.ladder} />
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={rows.length >= maxStages}
          onClick={() => setRows((rs) => [...rs, { ...(rs.at(-1) ?? rowOf(DEFAULT_LADDER.at(-1)!)) }])}
        >
          Add a stage
        </Button>
        <Button type="button" variant="secondary" onClick={() => setRows(DEFAULT_LADDER.map(rowOf))}>
          Fill in the default ladder
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save the ladder"}
        </Button>
      </div>
    </form>
  );
}

function StageRow({
  i,
  row,
  errors,
  canRemove,
  onChange,
  onRemove,
}: {
  i: number;
  row: Row;
  errors: Record<string, string>;
  canRemove: boolean;
  onChange: (field: StageField, value: string) => void;
  onRemove: () => void;
}) {
  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="py-1 pr-2 font-normal">
        {i + 1}
        <div className="text-xs text-slate-500">{rowText(row)}</div>
      </th>
      {COLUMNS.map((c) => {
        const id = `ladder-${i}-${c.field}`;
        const error = errors[`ladder.${i}.${c.field}`];
        return (
          <td key={c.field} className="py-1 pr-2">
            <label htmlFor={id} className="sr-only">
              Stage {i + 1}: {c.label.toLowerCase()}
            </label>
            <input
              id={id}
              name={`ladder.${i}.${c.field}`}
              type="number"
              inputMode="numeric"
              step="1"
              min={LADDER_LIMITS[c.field][0]}
              max={LADDER_LIMITS[c.field][1]}
              value={row[c.field]}
              onChange={(ev) => onChange(c.field, ev.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, error)}
              className={`${inputClass} min-w-16`}
            />
            <FieldError id={id} error={error} />
          </td>
        );
      })}
      <td className="py-1">
        <Button type="button" variant="secondary" disabled={!canRemove} onClick={onRemove}>
          Remove<span className="sr-only"> stage {i + 1}</span>
        </Button>
      </td>
    </tr>
  );
}
