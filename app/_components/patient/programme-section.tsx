"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions/state";
import { initialState } from "@/lib/actions/state-initial";
import { saveProgrammeAction, stopProgrammeAction } from "@/lib/actions/programmes";
import type { ProgrammePanel } from "@/lib/data/programmes";
import { DOSAGE_LIMITS, dosageText, programmeChanges, type Adherence } from "@/lib/domain/exercises";
import { formatDate } from "@/lib/format";
import { FormStatus } from "@/app/_components/forms/form-status";
import { SAVE_FAILED_MESSAGE, useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/app/_components/ui/field";
import { SmallTable } from "@/app/_components/ui/small-table";

/**
 * The exercise programme of an episode (issue 14 item 1): the current
 * version with the runner's adherence, the handout, the history of every
 * version (who changed what, when), and the editor that prescribes or
 * changes it (a new version) or stops it (with the reason). Errors are
 * written beside their field (`items.0.sets`) and listed at the top.
 */
type Props = { patientId: string; episodeId: string; panel: ProgrammePanel; canWrite: boolean; open: boolean };

type Row = {
  exercise: string;
  measure: "reps" | "hold";
  sets: string;
  amount: string;
  loadKg: string;
  daysPerWeek: string;
  notes: string;
};

const num = (s: string): number | string | undefined => (s.trim() === "" ? undefined : Number.isFinite(Number(s)) ? Number(s) : s);

// eslint-disable-next-line max-lines-per-function -- the current programme, its versions and the editor in reading order (landed as the limit became an error; to split)
export function ProgrammeSection({ patientId, episodeId, panel, canWrite, open }: Props) {
  const [mode, setMode] = useState<"view" | "edit" | "stop">("view");
  const current = panel.current;
  const running = current && !current.stopped ? current : null;
  const nameOf = (code: string) => panel.library.find((e) => e.code === code)?.name ?? code;
  const id = `programme-${episodeId}`;
  if (!current && !canWrite) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="mt-3 rounded-md border border-slate-200 p-3" data-testid="programme">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-title`} className="font-semibold">
          Exercise programme
        </h3>
        {running ? (
          <span className="text-xs text-slate-600">
            version {running.version} · {formatDate(running.createdAt)} by {running.createdBy.name}
          </span>
        ) : null}
        {current?.stopped ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
            Stopped {formatDate(current.createdAt)} by {current.createdBy.name}
          </span>
        ) : null}
        <span className="ml-auto flex flex-wrap gap-2">
          {running ? (
            <a
              className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-sky-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              href={`/api/v1/episodes/${episodeId}/handout/pdf`}
              download
            >
              Download handout (PDF)
            </a>
          ) : null}
          {canWrite && open && mode === "view" ? (
            <>
              <Button variant={running ? "secondary" : "primary"} onClick={() => setMode("edit")}>
                {running ? "Change programme" : "Prescribe exercises"}
              </Button>
              {running ? (
                <Button variant="secondary" onClick={() => setMode("stop")}>
                  Stop programme…
                </Button>
              ) : null}
            </>
          ) : null}
        </span>
      </div>

      {current?.stopped ? <p className="mt-1 text-sm text-slate-700">Reason: {current.notes}</p> : null}
      {!current ? <p className="mt-1 text-sm text-slate-600">No exercise programme yet.</p> : null}

      {running && mode !== "edit" ? (
        <>
          <SmallTable caption="Current exercises with their dosage" columns={["Exercise", "Dosage", "Notes"]} size="sm">
            {running.items.map((i) => (
              <tr key={i.exercise} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-2 text-left font-normal">
                  {nameOf(i.exercise)}
                </th>
                <td className="py-1 pr-2">{dosageText(i)}</td>
                <td className="py-1 text-slate-700">{i.notes ?? "—"}</td>
              </tr>
            ))}
          </SmallTable>
          {running.notes ? <p className="mt-1 text-sm text-slate-700">Notes: {running.notes}</p> : null}
          {panel.adherence ? <AdherenceView id={id} adherence={panel.adherence} nameOf={nameOf} /> : null}
        </>
      ) : null}

      {mode === "edit" ? (
        <ProgrammeEditor id={`${id}-editor`} patientId={patientId} episodeId={episodeId} panel={panel} onClose={() => setMode("view")} />
      ) : null}
      {mode === "stop" && running ? (
        <StopForm id={`${id}-stop`} patientId={patientId} episodeId={episodeId} version={running.version} onClose={() => setMode("view")} />
      ) : null}

      {panel.versions.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-sky-800">Programme history ({panel.versions.length} versions)</summary>
          <ol className="mt-1 space-y-1" data-testid="programme-history">
            {panel.versions.map((v, n) => {
              const before = panel.versions[n + 1] ?? null;
              const changes = v.stopped
                ? [`Stopped: ${v.notes ?? ""}`]
                : programmeChanges(before && !before.stopped ? before : null, v, nameOf);
              return (
                <li key={v.id} className="border-l-2 border-slate-200 pl-2">
                  <p className="text-xs text-slate-600">
                    Version {v.version} · {formatDate(v.createdAt)} · {v.createdBy.name}
                  </p>
                  <ul className="ml-4 list-disc">
                    {changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function AdherenceView({
  id,
  adherence,
  nameOf,
}: {
  id: string;
  adherence: NonNullable<ProgrammePanel["adherence"]>;
  nameOf: (code: string) => string;
}) {
  const pct = (a: Adherence) => (a.expected ? Math.round((100 * a.done) / a.expected) : 0);
  const { lastWeek, sinceStart, lastTick } = adherence;
  return (
    <div className="mt-2 rounded bg-slate-50 p-2 text-sm" data-testid="programme-adherence">
      <p id={`${id}-adherence`} className="font-medium">
        Runner&apos;s ticks: {lastWeek.done} of {lastWeek.expected} sessions in the last {lastWeek.days} day{lastWeek.days === 1 ? "" : "s"}{" "}
        ({pct(lastWeek)}%) · {sinceStart.done} of {sinceStart.expected} since {formatDate(sinceStart.from)} ({pct(sinceStart)}%)
      </p>
      <p className="text-xs text-slate-600">
        {lastTick ? `Last ticked ${formatDate(lastTick)}.` : "Nothing ticked yet on the diary link."}
      </p>
      <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
        {lastWeek.exercises.map((e) => (
          <li key={e.exercise}>
            {nameOf(e.exercise)}: {e.done} of {e.expected} day{e.expected === 1 ? "" : "s"}
          </li>
        ))}
      </ul>
    </div>
  );
}

function rowOf(item: {
  exercise: string;
  sets: number;
  reps?: number | undefined;
  holdSeconds?: number | undefined;
  loadKg?: number | undefined;
  daysPerWeek: number;
  notes?: string | undefined;
}): Row {
  return {
    exercise: item.exercise,
    measure: item.holdSeconds !== undefined ? "hold" : "reps",
    sets: String(item.sets),
    amount: String(item.holdSeconds ?? item.reps ?? ""),
    loadKg: item.loadKg ? String(item.loadKg) : "",
    daysPerWeek: String(item.daysPerWeek),
    notes: item.notes ?? "",
  };
}

// eslint-disable-next-line max-lines-per-function -- the editor's items, dosage fields and save in one form (landed as the limit became an error; to split into an item row and the form)
function ProgrammeEditor({
  id,
  patientId,
  episodeId,
  panel,
  onClose,
}: {
  id: string;
  patientId: string;
  episodeId: string;
  panel: ProgrammePanel;
  onClose: () => void;
}) {
  const running = panel.current && !panel.current.stopped ? panel.current : null;
  const [rows, setRows] = useState<Row[]>(() => (running ? running.items.map(rowOf) : []));
  const [notes, setNotes] = useState(running?.notes ?? "");
  const available = panel.library.filter((e) => !e.retired && !rows.some((r) => r.exercise === e.code));
  const [adding, setAdding] = useState("");
  const [state, dispatch, pending] = useActionState(async (_prev: ActionState, payload: unknown): Promise<ActionState> => {
    try {
      return await saveProgrammeAction(payload);
    } catch {
      return { ok: false, message: SAVE_FAILED_MESSAGE };
    }
  }, initialState);
  const e = state.fieldErrors ?? {};
  const nameOf = (code: string) => panel.library.find((x) => x.code === code)?.name ?? code;
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, n) => (n === i ? { ...r, ...patch } : r)));

  function add() {
    const ex = panel.library.find((x) => x.code === (adding || available[0]?.code));
    if (!ex) return;
    setRows((rs) => [...rs, rowOf({ exercise: ex.code, ...ex.dosage })]);
    setAdding("");
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = {
      episodeId,
      patientId,
      basedOnVersion: panel.current?.version ?? 0,
      notes,
      items: rows.map((r) => ({
        exercise: r.exercise,
        sets: num(r.sets),
        ...(r.measure === "hold" ? { holdSeconds: num(r.amount) } : { reps: num(r.amount) }),
        ...(r.loadKg.trim() ? { loadKg: num(r.loadKg) } : {}),
        daysPerWeek: num(r.daysPerWeek),
        ...(r.notes.trim() ? { notes: r.notes } : {}),
      })),
    };
    startTransition(() => dispatch(payload));
  }

  if (state.ok && state.message) {
    return (
      <div className="mt-2">
        <FormStatus state={state} />
        <Button variant="secondary" className="mt-2" onClick={onClose}>
          Close
        </Button>
      </div>
    );
  }
  return (
    <form
      id={id}
      onSubmit={submit}
      noValidate
      className="mt-2 space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      aria-label="Exercise programme"
    >
      <FormStatus state={state} />
      {e.items ? (
        <p className="text-sm font-medium text-red-700" role="alert" id={`${id}-items`}>
          {e.items}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="text-sm text-slate-600">No exercises yet: add one from the library below.</p> : null}
      {rows.map((r, i) => {
        const f = (k: string) => `items.${i}.${k}`;
        const amountKey = r.measure === "hold" ? "holdSeconds" : "reps";
        const [amin, amax] = DOSAGE_LIMITS[amountKey];
        // Called as a function (not a component), so the inputs keep their focus across renders.
        const rowInput = (p: {
          k: "sets" | "amount" | "loadKg" | "daysPerWeek" | "notes";
          name?: string;
          label: string;
          error?: string | undefined;
          hint?: string;
          decimal?: boolean;
          text?: boolean;
          className?: string;
        }) => {
          const name = f(p.name ?? p.k);
          const error = p.error ?? e[name];
          return (
            <Field id={`${id}-${name}`} label={p.label} error={error} hint={p.hint} className={p.className}>
              <TextInput
                id={`${id}-${name}`}
                name={name}
                inputMode={p.text ? undefined : p.decimal ? "decimal" : "numeric"}
                value={r[p.k]}
                onChange={(ev) => set(i, { [p.k]: ev.target.value })}
                error={error}
                hint={!!p.hint}
              />
            </Field>
          );
        };
        return (
          <fieldset key={r.exercise} className="rounded-md bg-white p-2 ring-1 ring-slate-200" data-testid="programme-row">
            <legend className="px-1 text-sm font-semibold">{nameOf(r.exercise)}</legend>
            <input type="hidden" name={f("exercise")} value={r.exercise} />
            {e[f("exercise")] ? (
              <p className="text-xs font-medium text-red-700" role="alert">
                {e[f("exercise")]}
              </p>
            ) : null}
            <div className="grid gap-2 sm:grid-cols-6">
              {rowInput({ k: "sets", label: "Sets" })}
              <Field id={`${id}-${i}-measure`} label="Counted in">
                <Select
                  id={`${id}-${i}-measure`}
                  value={r.measure}
                  onChange={(ev) => set(i, { measure: ev.target.value === "hold" ? "hold" : "reps" })}
                >
                  <option value="reps">Repetitions</option>
                  <option value="hold">Hold (seconds)</option>
                </Select>
              </Field>
              {rowInput({
                k: "amount",
                name: amountKey,
                label: r.measure === "hold" ? "Seconds per hold" : "Repetitions per set",
                error: e[f(amountKey)] ?? e[f("reps")],
                hint: `${amin}-${amax}`,
              })}
              {rowInput({ k: "loadKg", label: "Load (kg)", hint: "blank: body weight", decimal: true })}
              {rowInput({ k: "daysPerWeek", label: "Days a week" })}
              <div className="flex items-end">
                <Button
                  variant="ghost"
                  onClick={() => setRows((rs) => rs.filter((_, n) => n !== i))}
                  aria-label={`Remove ${nameOf(r.exercise)}`}
                >
                  Remove
                </Button>
              </div>
              {rowInput({ k: "notes", label: "Notes for the runner", className: "sm:col-span-6", text: true })}
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-end gap-2">
        <Field id={`${id}-add`} label="Exercise from the library">
          <Select
            id={`${id}-add`}
            value={adding || available[0]?.code || ""}
            onChange={(ev) => setAdding(ev.target.value)}
            disabled={!available.length}
          >
            {available.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name} ({x.muscles.join(", ")})
              </option>
            ))}
          </Select>
        </Field>
        <Button variant="secondary" onClick={add} disabled={!available.length}>
          Add exercise
        </Button>
      </div>
      <Field id={`${id}-notes`} label="Programme notes" error={e.notes}>
        <TextArea id={`${id}-notes`} name="notes" rows={2} value={notes} onChange={(ev) => setNotes(ev.target.value)} error={e.notes} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save programme"}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function StopForm({
  id,
  patientId,
  episodeId,
  version,
  onClose,
}: {
  id: string;
  patientId: string;
  episodeId: string;
  version: number;
  onClose: () => void;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(stopProgrammeAction);
  const e = state.fieldErrors ?? {};
  return (
    <form
      id={id}
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="mt-2 space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      aria-label="Stop the programme"
    >
      <FormStatus state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="episodeId" value={episodeId} />
      <input type="hidden" name="basedOnVersion" value={version} />
      <Field id={`${id}-reason`} label="Reason for stopping" error={e.reason} required>
        <TextArea id={`${id}-reason`} name="reason" rows={2} error={e.reason} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
          {pending ? "Stopping…" : "Stop programme"}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
