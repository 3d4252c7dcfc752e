"use client";

import { useState } from "react";
import { deleteRunAction, importRunsAction, saveRunAction } from "@/lib/actions/runs";
import type { RunView } from "@/lib/data/runs";
import { formatDate, formatDuration, plural } from "@/lib/format";
import { DURATION_HINT, formatClock, type CsvRow } from "@/lib/validation/runs";
import { ConfirmDelete } from "@/app/_components/forms/confirm-delete";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/app/_components/ui/field";
import { SmallTable } from "@/app/_components/ui/small-table";

const SURFACES = [
  ["", "Not recorded"],
  ["road", "Road"],
  ["track", "Track"],
  ["treadmill", "Treadmill"],
  ["trail", "Trail"],
] as const;

/** The duration as the field takes it ("45:00", "1:02:00"): the one clock format of lib/validation/runs. */
const durationText = (sec: number | null) => (sec ? formatClock(sec) : "");

/** Add a run, or edit one (with `run`). */
export function RunForm({ patientId, today, run, onDone }: { patientId: string; today: string; run?: RunView; onDone?: () => void }) {
  const { state, onSubmit, pending, formRef } = useFormAction(saveRunAction, { resetOnSuccess: !run });
  const e = state.fieldErrors ?? {};
  const p = run ? `run-${run.id.slice(0, 8)}` : "new-run";
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="grid items-start gap-2 sm:grid-cols-2 lg:grid-cols-6"
      aria-label={run ? `Edit run of ${formatDate(run.date)}` : "Add a run"}
    >
      <div className="sm:col-span-2 lg:col-span-6">
        <FormStatus state={state} />
      </div>
      <input type="hidden" name="patientId" value={patientId} />
      {run ? <input type="hidden" name="runId" value={run.id} /> : null}
      <Field id={`${p}-date`} label="Date" error={e.date} required>
        <TextInput id={`${p}-date`} name="date" type="date" max={today} defaultValue={run?.date ?? today} error={e.date} />
      </Field>
      <Field id={`${p}-distance`} label="Distance" error={e.distance} required>
        <TextInput
          id={`${p}-distance`}
          name="distance"
          type="number"
          inputMode="decimal"
          min={0}
          step="0.01"
          defaultValue={run?.distanceKm ?? ""}
          error={e.distance}
        />
      </Field>
      <Field id={`${p}-unit`} label="Unit" error={e.unit}>
        <Select id={`${p}-unit`} name="unit" defaultValue="km" error={e.unit}>
          <option value="km">km</option>
          <option value="mi">miles</option>
        </Select>
      </Field>
      <Field id={`${p}-duration`} label="Duration" error={e.duration} hint={DURATION_HINT}>
        <TextInput id={`${p}-duration`} name="duration" defaultValue={durationText(run?.durationSec ?? null)} error={e.duration} hint />
      </Field>
      <Field id={`${p}-surface`} label="Surface" error={e.surface}>
        <Select id={`${p}-surface`} name="surface" defaultValue={run?.surface ?? ""} error={e.surface}>
          {SURFACES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex gap-2 pt-6">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : run ? "Save" : "Add run"}
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

export function RunRowActions({ patientId, today, run }: { patientId: string; today: string; run: RunView }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <RunForm patientId={patientId} today={today} run={run} onDone={() => setEditing(false)} />;
  return (
    <div className="flex items-center gap-1">
      <Button variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit run of ${formatDate(run.date)}, ${run.distanceKm} km`}>
        Edit
      </Button>
      <ConfirmDelete
        action={deleteRunAction}
        fields={{ patientId, runId: run.id }}
        confirm={`Delete the run of ${formatDate(run.date)} (${run.distanceKm} km)?`}
        label={`Delete run of ${formatDate(run.date)}, ${run.distanceKm} km`}
      />
    </div>
  );
}

/** Paste or upload CSV, preview every row with its problem, import only on confirmation. */
export function CsvImport({ patientId }: { patientId: string }) {
  const [csv, setCsv] = useState("");
  const { state, onSubmit, pending } = useFormAction(importRunsAction);
  const preview = state.data;
  const imported = preview && "imported" in preview && preview.imported !== undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Import runs from CSV">
      <input type="hidden" name="patientId" value={patientId} />
      <Field
        id="csv"
        label="CSV text"
        error={state.fieldErrors?.csv}
        hint={`First row names the columns: date,distance,duration,surface. Dates YYYY-MM-DD; distances with a unit, e.g. "10 km" or "6.2 mi"; durations ${DURATION_HINT}.`}
      >
        <TextArea
          id="csv"
          name="csv"
          rows={10}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          className="font-mono"
          error={state.fieldErrors?.csv}
          hint
        />
      </Field>
      <div>
        <label htmlFor="csv-file" className="text-sm">
          Or upload a .csv file
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          className="ml-2 text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" name="confirm" value="" disabled={pending || !csv.trim()}>
          {pending ? "Checking…" : "Preview"}
        </Button>
        {preview && !imported && preview.importable > 0 ? (
          <Button type="submit" name="confirm" value="yes" disabled={pending}>
            Import {preview.importable} run{preview.importable === 1 ? "" : "s"}
          </Button>
        ) : null}
      </div>
      {/* A preview is not a save: it is a note; an import or a refusal is told as every form tells it. */}
      {state.message && state.ok && !imported ? (
        <Alert tone="info" title="Preview">
          {state.message}
        </Alert>
      ) : (
        <FormStatus state={state} />
      )}
      {preview && preview.rows.length > 0 ? <CsvPreview rows={preview.rows} imported={!!imported} /> : null}
    </form>
  );
}

/** Every skipped row in full with its reason, then the rows that can be imported; no scroll box. */
function CsvPreview({ rows, imported }: { rows: CsvRow[]; imported: boolean }) {
  const skipped = rows.filter((r) => r.error);
  const good = rows.filter((r) => !r.error && r.run);
  return (
    <div className="space-y-3">
      {skipped.length ? (
        <SmallTable
          caption={`${plural(skipped.length, "row")} ${imported ? "left out" : "will be left out"}, with the reason`}
          showCaption
          tone="refusal"
          size="sm"
          columns={["Line", "Row as pasted", "Reason"]}
          testId="csv-skipped"
        >
          {skipped.map((r) => (
            <tr key={r.line} className="border-t border-red-100 bg-red-50 align-top">
              <td className="w-14 py-1 pr-2">{r.line}</td>
              <td className="py-1 pr-2 font-mono text-xs [overflow-wrap:anywhere]">{r.raw}</td>
              <td className="py-1 text-red-900">{r.error}</td>
            </tr>
          ))}
        </SmallTable>
      ) : null}
      {good.length ? (
        <SmallTable
          caption={`${plural(good.length, "row")} ${imported ? "imported" : "to import"}`}
          showCaption
          size="sm"
          columns={["Line", "Date", "Distance", "Duration", "Surface"]}
          testId="csv-preview"
        >
          {good.map((r) => (
            <tr key={r.line} className="border-t border-slate-100">
              <td className="py-0.5 pr-2">{r.line}</td>
              <td className="py-0.5 pr-2 whitespace-nowrap">{formatDate(r.run!.date)}</td>
              <td className="py-0.5 pr-2">{r.run!.distanceKm} km</td>
              <td className="py-0.5 pr-2">{formatDuration(r.run!.durationSec)}</td>
              <td className="py-0.5">{r.run!.surface ?? "—"}</td>
            </tr>
          ))}
        </SmallTable>
      ) : null}
    </div>
  );
}
