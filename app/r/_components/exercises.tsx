"use client";

import { useState } from "react";
import type { RunnerProgramme } from "@/lib/data/runner-programme";
import { formatDate } from "@/lib/format";
import { callLink, refusalMessage } from "./call";
import { Notice } from "./shell";

/**
 * The runner's exercises on their diary link: the programme their clinician
 * set, in plain words, and one large button per exercise to tick it done (or
 * untick it) for today or a day before. POST /api/r/{token}/exercises; each
 * tick is saved at once and the button says so in words, not colour alone.
 */
// eslint-disable-next-line max-lines-per-function -- the runner's exercises and their log as one flow (landed as the limit became an error; to split)
export function RunnerExercises({ token, today, programme: initial }: { token: string; today: string; programme: RunnerProgramme }) {
  const [programme, setProgramme] = useState(initial);
  const [day, setDay] = useState(initial.days[0] ?? today);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; title: string; text?: string } | null>(null);
  const done = (code: string) => programme.ticks.some((t) => t.exercise === code && t.date === day);
  const count = programme.exercises.filter((e) => done(e.code)).length;
  const dayName = (d: string) => (d === today ? "Today" : `${formatDate(d)}`);

  async function toggle(code: string, name: string) {
    setBusy(code);
    setNotice(null);
    const r = await callLink(token, "POST", { date: day, exercise: code, done: !done(code) }, "/exercises");
    setBusy(null);
    if (r.ok) {
      setProgramme(r.json as RunnerProgramme);
      return;
    }
    setNotice({ tone: "error", title: `${name} was not saved`, text: refusalMessage(r, "your ticks") });
  }

  return (
    <section aria-labelledby="exercises-title" className="mt-8" data-testid="runner-exercises">
      <h2 id="exercises-title" className="text-xl font-semibold">
        Your exercises
      </h2>
      <p className="mt-1 text-base text-slate-800">Tick each exercise when you have done it. Your clinic sees your ticks.</p>
      {programme.notes ? <p className="mt-2 rounded-md bg-slate-50 p-3 text-base">{programme.notes}</p> : null}
      {programme.days.length > 1 ? (
        <fieldset className="mt-3">
          <legend className="text-base font-medium">Which day?</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {programme.days.map((d) => (
              <label
                key={d}
                className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-2 text-base ring-1 ring-slate-300 has-[:checked]:bg-sky-50 has-[:checked]:font-semibold has-[:checked]:ring-2 has-[:checked]:ring-sky-800"
              >
                <input type="radio" name="exercise-day" checked={day === d} onChange={() => setDay(d)} className="size-5 accent-sky-800" />
                {dayName(d)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p className="mt-3 text-base font-medium" role="status" aria-live="polite">
        {dayName(day)}: {count} of {programme.exercises.length} done
      </p>
      <ul className="mt-2 space-y-3">
        {programme.exercises.map((e) => {
          const isDone = done(e.code);
          return (
            <li key={e.code} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <button
                type="button"
                aria-pressed={isDone}
                disabled={busy === e.code}
                aria-busy={busy === e.code}
                onClick={() => toggle(e.code, e.name)}
                className={`flex min-h-14 w-full items-center gap-3 rounded-md px-3 py-2 text-left text-base ring-1 disabled:cursor-wait ${
                  isDone ? "bg-green-50 ring-2 ring-green-800" : "bg-white ring-slate-400 hover:bg-slate-50"
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`flex size-8 shrink-0 items-center justify-center rounded-full text-lg font-bold ${isDone ? "bg-green-800 text-white" : "ring-2 ring-slate-500"}`}
                >
                  {isDone ? "✓" : ""}
                </span>
                <span>
                  <span className="block font-semibold">{e.name}</span>
                  <span className="block text-sm text-slate-800">{e.dosage}</span>
                  <span className="block text-sm font-semibold">
                    {busy === e.code ? "Saving…" : isDone ? "Done: tap to undo" : "Not done yet: tap when done"}
                  </span>
                </span>
              </button>
              {e.notes ? <p className="mt-2 text-base">Note from your clinic: {e.notes}</p> : null}
              {e.steps.length ? (
                <details className="mt-2 text-base">
                  <summary className="min-h-11 cursor-pointer py-2 text-sky-900 underline">How to do it</summary>
                  <ol className="ml-5 list-decimal space-y-1">
                    {e.steps.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {notice ? (
        <Notice tone={notice.tone} title={notice.title}>
          {notice.text}
        </Notice>
      ) : null}
    </section>
  );
}
