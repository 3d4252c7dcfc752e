import { PLAN_ITEM_LABELS } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { type Answers } from "@/lib/validation/assessment";
import { getPath } from "./paths";
import { FOLLOW_UP_SECTIONS, INTAKE_SECTIONS, KOOS_ITEMS, type Question } from "@/lib/questions";

/** A signed assessment's answers, read-only, grouped as on the form. Unanswered questions are counted, not hidden. */
function show(q: Question, value: unknown): string {
  if (value === undefined) return "Not asked";
  switch (q.kind) {
    case "tri":
      return value ? "Yes" : "No";
    case "nrs":
      return `${value} / 10`;
    case "int":
    case "number":
      return `${value} ${q.unit}`;
    case "enum":
      return q.options.find(([v]) => v === value)?.[1] ?? String(value);
    case "multi": {
      const list = value as string[];
      if (q.palpation && list.length === 0) return "Palpated, nothing tender";
      return list.map((v) => q.options.find(([o]) => o === v)?.[1] ?? v).join("; ");
    }
    case "text":
      return String(value);
  }
}

export function AnswersView({ kind, answers }: { kind: "intake" | "follow_up"; answers: Answers }) {
  const sections = kind === "intake" ? INTAKE_SECTIONS : FOLLOW_UP_SECTIONS;
  const m = answers.measures;
  return (
    <div className="space-y-4 text-sm">
      {sections.map((s) => {
        const answered = s.questions.filter((q) => getPath(answers, q.path) !== undefined);
        return (
          <section key={s.id} aria-labelledby={`view-${s.id}`}>
            <h3 id={`view-${s.id}`} className="font-semibold">
              {s.title}
            </h3>
            {answered.length === 0 ? (
              <p className="text-slate-600">Nothing recorded.</p>
            ) : (
              <dl className="mt-1 grid gap-x-4 gap-y-0.5 sm:grid-cols-[minmax(0,18rem)_1fr]">
                {answered.map((q) => (
                  <div key={q.path} className="contents">
                    <dt className="text-slate-600">{q.label}</dt>
                    <dd className="whitespace-pre-wrap">{show(q, getPath(answers, q.path))}</dd>
                  </div>
                ))}
              </dl>
            )}
            {answered.length < s.questions.length ? (
              <p className="mt-0.5 text-xs text-slate-500">{s.questions.length - answered.length} question(s) not asked.</p>
            ) : null}
          </section>
        );
      })}
      <section aria-labelledby="view-measures">
        <h3 id="view-measures" className="font-semibold">
          Outcome measures
        </h3>
        {!m || Object.keys(m).length === 0 ? (
          <p className="text-slate-600">None recorded.</p>
        ) : (
          <div className="mt-1 space-y-1">
            {m.koos ? (
              <details>
                <summary className="cursor-pointer">KOOS item responses ({Object.keys(m.koos).length} of 42 answered)</summary>
                <ul className="mt-1 grid gap-x-4 text-xs sm:grid-cols-2">
                  {KOOS_ITEMS.flatMap((g) => g.items).map(([id, label]) => (
                    <li key={id}>
                      <span className="font-mono">{id}</span> {label}:{" "}
                      {(m.koos as Record<string, number | undefined>)[id] ?? "not answered"}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {m.lefs ? <p>LEFS items: {m.lefs.join(", ")}</p> : null}
            {m.psfs ? <p>PSFS: {m.psfs.map((p) => `${p.activity} ${p.score}/10`).join("; ")}</p> : null}
            {m.tegner !== undefined ? <p>Tegner level {m.tegner}</p> : null}
          </div>
        )}
      </section>
      <section aria-labelledby="view-plan">
        <h3 id="view-plan" className="font-semibold">
          Plan
        </h3>
        {answers.plan?.items?.length ? (
          <ul className="ml-5 list-disc">
            {answers.plan.items.map((i) => (
              <li key={i}>{PLAN_ITEM_LABELS[i]}</li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">No checklist items.</p>
        )}
        {answers.plan?.notes ? <p className="mt-1 whitespace-pre-wrap">{answers.plan.notes}</p> : null}
        <p className="mt-1">Next review: {formatDate(answers.plan?.nextReviewDate)}</p>
      </section>
    </div>
  );
}
