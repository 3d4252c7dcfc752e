"use client";

import { useState } from "react";
import type { DiaryEntryView } from "@/lib/data/diary";
import { RUN_SURFACES } from "@/lib/domain/codes";
import { SURFACE_LABELS } from "@/lib/domain/labels";
import { formatDate, formatDuration } from "@/lib/format";
import type { RunnerOption } from "@/lib/runner-steps";
import { idOf, Question, Scale, YesNo } from "./controls";
import { Notice, RunnerButton } from "./shell";
import { callLink, issuesOf, refusalMessage } from "./call";

/**
 * The runner's diary: one day at a time (a run or a rest day), and the
 * next-morning pain of a day already logged. POST and PUT /api/r/{token};
 * a problem is written beside its field, and what was typed stays.
 */
type Props = {
  token: string;
  firstName: string;
  today: string;
  earliest: string;
  validUntil: string;
  entries: DiaryEntryView[];
};

const PAIN: RunnerOption[] = Array.from({ length: 11 }, (_, value) => ({
  value,
  label: value === 0 ? "No pain" : value === 10 ? "Worst pain imaginable" : String(value),
}));

type Form = {
  date: string;
  kind: "run" | "rest" | undefined;
  distance: string;
  unit: "km" | "mi";
  duration: string;
  surface: string;
  painDuring: number | null | undefined;
  painAfter: number | null | undefined;
  painNextMorning: number | null | undefined;
  swelling: boolean | undefined;
};

const empty = (today: string): Form => ({
  date: today,
  kind: undefined,
  distance: "",
  unit: "km",
  duration: "",
  surface: "",
  painDuring: undefined,
  painAfter: undefined,
  painNextMorning: undefined,
  swelling: undefined,
});

// eslint-disable-next-line max-lines-per-function -- the runner's diary day as the runner fills it, one flow
export function RunnerDiary({ token, firstName, today, earliest, validUntil, entries: initial }: Props) {
  const [form, setForm] = useState<Form>(() => empty(today));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [entries, setEntries] = useState(initial);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; title: string; text?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const put = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)) : e));
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = {
      date: form.date,
      kind: form.kind,
      swelling: form.swelling,
      painNextMorning: form.painNextMorning ?? null,
      ...(form.kind === "run"
        ? {
            distance: form.distance,
            unit: form.unit,
            duration: form.duration,
            surface: form.surface,
            painDuring: form.painDuring ?? null,
            painAfter: form.painAfter ?? null,
          }
        : {}),
    };
    setBusy(true);
    const r = await callLink(token, "POST", body);
    setBusy(false);
    if (r.ok) {
      const { entry, flagged } = r.json as { entry: DiaryEntryView; flagged: boolean };
      setEntries((list) => [entry, ...list].sort((a, b) => b.date.localeCompare(a.date)));
      setForm(empty(today));
      setErrors({});
      setNotice({
        tone: "success",
        title: `Saved: ${formatDate(entry.date)}`,
        text: flagged ? "Your clinic will look at this entry and may get in touch with you." : undefined,
      });
      return;
    }
    if (r.status === 400) {
      const found = issuesOf(r.json);
      setErrors(found);
      setNotice({ tone: "error", title: "Please check the answers marked below." });
      const first = Object.keys(found)[0];
      if (first) requestAnimationFrame(() => document.getElementById(idOf(`diary.${first}`))?.focus());
      return;
    }
    if (r.status === 409) setErrors({ date: refusalMessage(r, "what you typed is") });
    setNotice({ tone: "error", title: "This day was not saved", text: refusalMessage(r, "what you typed is") });
  }

  const run = form.kind === "run";
  return (
    <div>
      <h1 className="text-xl font-semibold">Your running diary</h1>
      <p className="mt-2 text-base text-slate-800">
        Hello {firstName}. Log each run or rest day, and how your knee felt. Your clinic sees what you log. This link works until{" "}
        {formatDate(validUntil)}.
      </p>
      {notice ? (
        <Notice tone={notice.tone} title={notice.title}>
          {notice.text}
        </Notice>
      ) : null}

      <form onSubmit={submit} noValidate className="mt-4 grid gap-3" aria-label="Log a day">
        <div id={idOf("diary.date")} tabIndex={-1} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <label htmlFor="diary-date" className="block text-base font-medium">
            Day
          </label>
          <input
            id="diary-date"
            type="date"
            min={earliest}
            max={today}
            value={form.date}
            onChange={(e) => put("date", e.target.value)}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={errors.date ? "diary-date-error" : undefined}
            className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400 focus:ring-2 focus:ring-sky-700"
          />
          {errors.date ? (
            <p id="diary-date-error" className="mt-1 text-sm font-semibold text-red-800">
              ⚠ {errors.date}
            </p>
          ) : null}
        </div>

        <Question path="diary.kind" text="Did you run that day?" error={errors.kind}>
          <div className="grid grid-cols-2 gap-2">
            {(
              [
                ["run", "I ran"],
                ["rest", "Rest day"],
              ] as const
            ).map(([value, label]) => (
              <label
                key={value}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md bg-white px-3 py-2 text-base ring-1 ring-slate-300 has-[:checked]:bg-sky-50 has-[:checked]:font-semibold has-[:checked]:ring-2 has-[:checked]:ring-sky-800"
              >
                <input
                  type="radio"
                  name="diary-kind"
                  checked={form.kind === value}
                  onChange={() => put("kind", value)}
                  className="size-5 accent-sky-800"
                />
                {label}
              </label>
            ))}
          </div>
        </Question>

        {run ? (
          <>
            <div id={idOf("diary.distance")} tabIndex={-1} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <label htmlFor="diary-distance" className="block text-base font-medium">
                Distance
              </label>
              <div className="mt-1 flex gap-2">
                <input
                  id="diary-distance"
                  type="text"
                  inputMode="decimal"
                  value={form.distance}
                  onChange={(e) => put("distance", e.target.value)}
                  aria-invalid={errors.distance ? true : undefined}
                  aria-describedby={errors.distance ? "diary-distance-error" : undefined}
                  className="block w-32 rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400 focus:ring-2 focus:ring-sky-700"
                />
                <label htmlFor="diary-unit" className="sr-only">
                  Unit
                </label>
                <select
                  id="diary-unit"
                  value={form.unit}
                  onChange={(e) => put("unit", e.target.value === "mi" ? "mi" : "km")}
                  className="rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400"
                >
                  <option value="km">km</option>
                  <option value="mi">miles</option>
                </select>
              </div>
              {errors.distance ? (
                <p id="diary-distance-error" className="mt-1 text-sm font-semibold text-red-800">
                  ⚠ {errors.distance}
                </p>
              ) : null}
            </div>
            <div id={idOf("diary.duration")} tabIndex={-1} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <label htmlFor="diary-duration" className="block text-base font-medium">
                Time (optional)
              </label>
              <p id="diary-duration-hint" className="text-sm text-slate-700">
                Like 45:00 (minutes:seconds) or 1:02:00.
              </p>
              <input
                id="diary-duration"
                type="text"
                inputMode="numeric"
                value={form.duration}
                onChange={(e) => put("duration", e.target.value)}
                aria-invalid={errors.duration ? true : undefined}
                aria-describedby={`diary-duration-hint${errors.duration ? " diary-duration-error" : ""}`}
                className="mt-1 block w-32 rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400 focus:ring-2 focus:ring-sky-700"
              />
              {errors.duration ? (
                <p id="diary-duration-error" className="mt-1 text-sm font-semibold text-red-800">
                  ⚠ {errors.duration}
                </p>
              ) : null}
            </div>
            <div className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <label htmlFor="diary-surface" className="block text-base font-medium">
                Surface (optional)
              </label>
              <select
                id="diary-surface"
                value={form.surface}
                onChange={(e) => put("surface", e.target.value)}
                className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-base ring-1 ring-slate-400"
              >
                <option value="">Not sure</option>
                {RUN_SURFACES.map((s) => (
                  <option key={s} value={s}>
                    {SURFACE_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <Question
              path="diary.painDuring"
              text="Knee pain during the run"
              hint="0 = no pain, 10 = worst pain imaginable"
              error={errors.painDuring}
            >
              <Scale name="diary-painDuring" options={PAIN} value={form.painDuring} onChange={(v) => put("painDuring", v)} />
            </Question>
            <Question path="diary.painAfter" text="Knee pain right after the run" error={errors.painAfter}>
              <Scale name="diary-painAfter" options={PAIN} value={form.painAfter} onChange={(v) => put("painAfter", v)} />
            </Question>
          </>
        ) : null}

        <Question
          path="diary.painNextMorning"
          text="Knee pain the next morning (optional)"
          hint="Leave it for now if that morning has not come yet: you can add it later below."
          error={errors.painNextMorning}
        >
          <Scale name="diary-painNextMorning" options={PAIN} value={form.painNextMorning} onChange={(v) => put("painNextMorning", v)} />
        </Question>
        <Question path="diary.swelling" text="Was your knee swollen?" error={errors.swelling}>
          <YesNo name="diary-swelling" value={form.swelling} onChange={(v) => put("swelling", v)} />
        </Question>
        <div>
          <RunnerButton type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save this day"}
          </RunnerButton>
        </div>
      </form>

      <section aria-labelledby="logged" className="mt-8">
        <h2 id="logged" className="text-lg font-semibold">
          Days you have logged
        </h2>
        {entries.length === 0 ? (
          <p className="mt-2 text-base text-slate-700">Nothing yet.</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {entries.map((e) => (
              <DiaryDay
                key={e.id}
                entry={e}
                token={token}
                onUpdated={(entry) => setEntries((list) => list.map((x) => (x.id === entry.id ? entry : x)))}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DiaryDay({ entry, token, onUpdated }: { entry: DiaryEntryView; token: string; onUpdated: (e: DiaryEntryView) => void }) {
  const [pain, setPain] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const what =
    entry.kind === "run"
      ? `Run, ${entry.distanceKm} km${entry.durationSec ? ` in ${formatDuration(entry.durationSec)}` : ""}${entry.surface ? `, ${SURFACE_LABELS[entry.surface].toLowerCase()}` : ""}`
      : "Rest day";
  async function save() {
    if (typeof pain !== "number") return setError("Choose a number from 0 to 10");
    setBusy(true);
    const r = await callLink(token, "PUT", { date: entry.date, painNextMorning: pain });
    setBusy(false);
    if (r.ok) return onUpdated((r.json as { entry: DiaryEntryView }).entry);
    setError(
      r.status === 400
        ? (Object.values(issuesOf(r.json))[0] ?? refusalMessage(r, "what you typed is"))
        : refusalMessage(r, "what you typed is"),
    );
  }
  return (
    <li className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <p className="text-base font-semibold">{formatDate(entry.date)}</p>
      <p className="text-base">{what}</p>
      <p className="text-sm text-slate-800">
        {entry.kind === "run" ? `Pain during ${entry.painDuring}/10, right after ${entry.painAfter}/10. ` : ""}
        {entry.painNextMorning !== null ? `Next morning ${entry.painNextMorning}/10. ` : ""}
        {entry.swelling ? "Swollen." : "Not swollen."}
      </p>
      {entry.painNextMorning === null ? (
        <div className="mt-3">
          <Question path={`day.${entry.date}`} text={`Add next-morning pain for ${formatDate(entry.date)}`} error={error || undefined}>
            <Scale name={`next-${entry.date}`} options={PAIN} value={pain} onChange={setPain} />
          </Question>
          <RunnerButton variant="secondary" className="mt-2" onClick={save} disabled={busy}>
            {busy ? "Saving…" : "Save next-morning pain"}
          </RunnerButton>
        </div>
      ) : null}
    </li>
  );
}
