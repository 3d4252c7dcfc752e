"use client";

import { formatDate } from "@/lib/format";
import { runWindowText } from "@/lib/questions";
import { inputClass } from "@/app/_components/ui/field";
import type { AssessmentFormProps } from "./form-props";

const MECHANISM_TEXT = { acute_trauma: "acute trauma", gradual: "gradual onset" } as const;

/** The assessment date, and the episode it belongs to with the runs the form holds. */
export function AssessedOnSection({
  assessedOn,
  error,
  today,
  episode,
  runs,
  runsFrom,
  onChange,
}: Pick<AssessmentFormProps, "today" | "episode" | "runs" | "runsFrom"> & {
  assessedOn: string;
  error: string | undefined;
  onChange: (assessedOn: string) => void;
}) {
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="assessedOn" className="block text-sm font-medium">
            Assessment date
          </label>
          <input
            id="assessedOn"
            type="date"
            max={today}
            className={`${inputClass} mt-1`}
            value={assessedOn}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "assessedOn-error" : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          <p className="mt-1 text-xs text-slate-600">{/^\d{4}-\d{2}-\d{2}$/.test(assessedOn) ? formatDate(assessedOn) : ""}</p>
          {error ? (
            <p id="assessedOn-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <p className="text-xs text-slate-600">
          Episode: {episode.side} knee · {episode.mechanism ? MECHANISM_TEXT[episode.mechanism] : "mechanism not recorded"}
          {episode.onsetDate ? ` · onset ${formatDate(episode.onsetDate)}` : ""} · {runWindowText(runs, assessedOn, runsFrom)}
        </p>
      </div>
    </section>
  );
}
