"use client";

import { useState } from "react";
import { assignRunShoeAction, deleteShoeAction, saveShoeAction } from "@/lib/actions/shoes";
import type { ShoeSummary, ShoeView } from "@/lib/data/shoes";
import { formatDate } from "@/lib/format";
import { SHOE_TYPE_LABELS, SHOE_TYPES } from "@/lib/validation/shoes";
import { ConfirmDelete } from "@/app/_components/forms/confirm-delete";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextInput } from "@/app/_components/ui/field";
import { tableClass, tdClass, thClass } from "@/app/_components/ui/card";

/** Add a pair, or edit one (with `shoe`): name or model, type, drop, introduced, retired. */
export function ShoeForm({ patientId, today, shoe, onDone }: { patientId: string; today: string; shoe?: ShoeView; onDone?: () => void }) {
  const { state, onSubmit, pending, formRef } = useFormAction(saveShoeAction, { resetOnSuccess: !shoe });
  const e = state.fieldErrors ?? {};
  const p = shoe ? `shoe-${shoe.id.slice(0, 8)}` : "new-shoe";
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label={shoe ? `Edit shoes ${shoe.name}` : "Add shoes"}
      className="grid items-start gap-2 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="sm:col-span-2 lg:col-span-6">
        <FormStatus state={state} />
      </div>
      <input type="hidden" name="patientId" value={patientId} />
      {shoe ? <input type="hidden" name="shoeId" value={shoe.id} /> : null}
      <Field id={`${p}-name`} label="Name or model" error={e.name} required className="lg:col-span-2">
        <TextInput id={`${p}-name`} name="name" defaultValue={shoe?.name ?? ""} error={e.name} maxLength={120} />
      </Field>
      <Field id={`${p}-type`} label="Type" error={e.type}>
        <Select id={`${p}-type`} name="type" defaultValue={shoe?.type ?? ""} error={e.type}>
          <option value="">Not recorded</option>
          {SHOE_TYPES.map((t) => (
            <option key={t} value={t}>
              {SHOE_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${p}-drop`} label="Heel-to-toe drop (mm)" error={e.dropMm}>
        <TextInput
          id={`${p}-drop`}
          name="dropMm"
          type="number"
          inputMode="decimal"
          min={0}
          max={20}
          step="0.5"
          defaultValue={shoe?.dropMm ?? ""}
          error={e.dropMm}
        />
      </Field>
      <Field id={`${p}-introduced`} label="In use from" error={e.introducedOn} required>
        <TextInput
          id={`${p}-introduced`}
          name="introducedOn"
          type="date"
          max={today}
          defaultValue={shoe?.introducedOn ?? today}
          error={e.introducedOn}
        />
      </Field>
      <Field id={`${p}-retired`} label="Retired on" error={e.retiredOn} hint="Empty while in use">
        <TextInput
          id={`${p}-retired`}
          name="retiredOn"
          type="date"
          max={today}
          defaultValue={shoe?.retiredOn ?? ""}
          error={e.retiredOn}
          hint
        />
      </Field>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : shoe ? "Save shoes" : "Add shoes"}
        </Button>
        {onDone ? (
          <Button variant="ghost" onClick={onDone}>
            Close
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ShoeRow({ patientId, today, shoe, canWrite }: { patientId: string; today: string; shoe: ShoeView; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const inUse = shoe.introducedOn <= today && (shoe.retiredOn === null || shoe.retiredOn >= today);
  return (
    <>
      <tr>
        <td className={tdClass}>{shoe.name}</td>
        <td className={tdClass}>{shoe.type ? SHOE_TYPE_LABELS[shoe.type] : "—"}</td>
        <td className={tdClass}>{shoe.dropMm === null ? "—" : `${shoe.dropMm} mm`}</td>
        <td className={`${tdClass} whitespace-nowrap`}>{formatDate(shoe.introducedOn)}</td>
        <td className={`${tdClass} whitespace-nowrap`}>{shoe.retiredOn ? formatDate(shoe.retiredOn) : inUse ? "In use" : "—"}</td>
        <td className={tdClass} data-testid="shoe-distance">
          {shoe.distanceKm.toLocaleString("en-GB")} km ({shoe.runs} run{shoe.runs === 1 ? "" : "s"})
        </td>
        {canWrite ? (
          <td className={tdClass}>
            <div className="flex items-center gap-1">
              <Button variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit shoes ${shoe.name}`}>
                Edit
              </Button>
              <ConfirmDelete
                action={deleteShoeAction}
                fields={{ patientId, shoeId: shoe.id }}
                confirm={`Delete the shoes "${shoe.name}"? Their runs are kept, without shoes.`}
                label={`Delete shoes ${shoe.name}`}
              />
            </div>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={7} className="bg-slate-50 p-2">
            <ShoeForm patientId={patientId} today={today} shoe={shoe} onDone={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The runner's shoes with the distance on each pair, a recent change, and (for writers) the forms. */
export function ShoeLog({
  patientId,
  today,
  summary,
  canWrite,
}: {
  patientId: string;
  today: string;
  summary: ShoeSummary;
  canWrite: boolean;
}) {
  const change = summary.recentChange;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        {summary.current
          ? `Current pair: ${summary.current.name}, ${summary.current.distanceKm.toLocaleString("en-GB")} km. `
          : "No pair in use. "}
        {summary.inRotation} pair{summary.inRotation === 1 ? "" : "s"} in rotation. New runs count on the current pair; change a run&apos;s
        pair in the run table.
      </p>
      {change ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="shoe-change">
          <strong>Recent change of shoes:</strong> {change.shoe.name} since {formatDate(change.shoe.introducedOn)} ({change.daysAgo} day
          {change.daysAgo === 1 ? "" : "s"} ago)
          {change.previous ? `, after ${change.previous.name}` : ""}
          {change.previous &&
          change.previous.dropMm !== null &&
          change.shoe.dropMm !== null &&
          change.previous.dropMm !== change.shoe.dropMm
            ? `; heel-to-toe drop ${change.previous.dropMm} mm → ${change.shoe.dropMm} mm`
            : ""}
          .
        </p>
      ) : null}
      {summary.shoes.length ? (
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="shoe-table">
            <caption className="sr-only">Shoes, newest first, with the distance run in each pair</caption>
            <thead>
              <tr>
                {["Name or model", "Type", "Drop", "In use from", "Retired", "Distance"].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
                {canWrite ? (
                  <th scope="col" className={thClass}>
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {summary.shoes.map((s) => (
                <ShoeRow key={s.id} patientId={patientId} today={today} shoe={s} canWrite={canWrite} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">No shoes recorded.</p>
      )}
      {canWrite ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-sky-800">Add shoes</summary>
          <div className="mt-2">
            <ShoeForm patientId={patientId} today={today} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

/** The pair a run was run in; changing it saves at once. */
export function RunShoeSelect({
  patientId,
  runId,
  shoeId,
  shoes,
  label,
}: {
  patientId: string;
  runId: string;
  shoeId: string | null;
  shoes: ShoeView[];
  label: string;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(assignRunShoeAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex items-center gap-1">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="runId" value={runId} />
      <label htmlFor={`shoe-of-${runId}`} className="sr-only">
        {label}
      </label>
      <select
        id={`shoe-of-${runId}`}
        name="shoeId"
        defaultValue={shoeId ?? ""}
        disabled={pending}
        className="rounded border-0 bg-white py-0.5 pl-1 pr-6 text-xs ring-1 ring-inset ring-slate-300"
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        <option value="">No shoes</option>
        {shoes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {state.message && !state.ok ? <FormStatus state={state} /> : null}
    </form>
  );
}
