"use client";

import { PLAN_ITEM_LABELS, PLAN_ITEMS, type PlanItem } from "@/lib/domain";
import { addDays, formatDate, plural } from "@/lib/format";
import type { Answers } from "@/lib/validation/assessment";
import { inputClass } from "@/app/_components/ui/field";
import { TreatmentFieldset } from "./treatment-fieldset";

type Update = (path: string, value: unknown) => void;

/** The management and return-to-run guidance given, as a checklist in the catalogue's order. */
function PlanChecklist({ items, update }: { items: PlanItem[]; update: Update }) {
  const ticked = new Set(items);
  return (
    <fieldset className="mt-2">
      <legend className="text-sm">Management and return-to-run guidance given</legend>
      <div className="mt-1 grid gap-1">
        {PLAN_ITEMS.map((item) => (
          <label key={item} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4"
              checked={ticked.has(item)}
              onChange={(e) => {
                const next = new Set(ticked);
                if (e.target.checked) next.add(item);
                else next.delete(item);
                update("plan.items", next.size ? PLAN_ITEMS.filter((i) => next.has(i)) : undefined);
              }}
            />
            {PLAN_ITEM_LABELS[item]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The next review date, with a one-click date at the clinic's review interval. */
function NextReview({
  value,
  error,
  assessedOn,
  intervalDays,
  update,
}: {
  value: string | undefined;
  error: string | undefined;
  assessedOn: string;
  intervalDays: number;
  update: Update;
}) {
  return (
    <div>
      <label htmlFor="plan-next" className="block text-sm">
        Next review date
      </label>
      <input
        id="plan-next"
        type="date"
        className={`${inputClass} mt-1`}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "plan-next-error" : undefined}
        onChange={(e) => update("plan.nextReviewDate", e.target.value || undefined)}
      />
      <button
        type="button"
        className="mt-1 text-xs text-sky-800 underline"
        onClick={() => update("plan.nextReviewDate", addDays(assessedOn, intervalDays))}
      >
        In {plural(intervalDays, "day")} ({formatDate(addDays(assessedOn, intervalDays))})
      </button>
      {error ? (
        <p id="plan-next-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The plan: guidance given, treatment given, notes and the next review. */
export function PlanSection({
  title,
  answers,
  errors,
  assessedOn,
  reviewIntervalDays,
  update,
}: {
  title: string;
  answers: Answers;
  errors: Record<string, string>;
  assessedOn: string;
  reviewIntervalDays: number;
  update: Update;
}) {
  return (
    <section aria-labelledby="sec-plan" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="sec-plan" className="text-base font-semibold">
        {title}
      </h2>
      <PlanChecklist items={answers.plan?.items ?? []} update={update} />
      <TreatmentFieldset
        given={answers.treatment?.given ?? []}
        errors={errors}
        onChange={(given) => update("treatment", given.length ? { given } : undefined)}
      />
      <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_12rem]">
        <div>
          <label htmlFor="plan-notes" className="block text-sm">
            Plan notes
          </label>
          <textarea
            id="plan-notes"
            rows={3}
            className={`${inputClass} mt-1`}
            value={answers.plan?.notes ?? ""}
            onChange={(e) => update("plan.notes", e.target.value || undefined)}
          />
        </div>
        <NextReview
          value={answers.plan?.nextReviewDate}
          error={errors["plan.nextReviewDate"]}
          assessedOn={assessedOn}
          intervalDays={reviewIntervalDays}
          update={update}
        />
      </div>
    </section>
  );
}
