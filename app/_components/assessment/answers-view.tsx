import { wellsDvtLikelihood, wellsDvtScore } from "@/lib/clinical/wells";
import { findingLabel, PLAN_ITEM_LABELS, treatmentText, WELLS_DVT_CRITERION_LABELS, type WellsDvtCriterion } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { FOLLOW_UP_SECTIONS, INTAKE_SECTIONS, questionsOf, type Question } from "@/lib/questions";
import type { Instruments } from "@/lib/instruments";
import { type Answers } from "@/lib/validation/assessment";
import { getPath, leafPaths } from "./paths";
import { MeasuresView } from "./measures-view";

/** A signed assessment's answers, read-only, grouped as on the form. Unanswered questions are counted, not hidden. */
export function answerText(q: Question, value: unknown): string {
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
    case "record":
      return String(value);
    case "wells": {
      const criteria = value as WellsDvtCriterion[];
      const score = wellsDvtScore(criteria);
      const list = criteria.map((c) => WELLS_DVT_CRITERION_LABELS[c]).join("; ");
      return `${score} (DVT ${wellsDvtLikelihood(score)})${list ? `: ${list}` : ": no criterion present"}`;
    }
  }
}

/**
 * Clinical answers no question of this form shows (recorded by an earlier
 * version of the form, or derived: swelling within 2 hours, the Wells score),
 * so that nothing recorded is hidden.
 */
export function otherAnswers(kind: "intake" | "follow_up", answers: Answers): [string, string][] {
  const asked = new Set(questionsOf(kind).map((q) => q.path));
  return (["symptoms", "history", "exam", "training"] as const)
    .flatMap((group) => leafPaths(answers[group], group))
    .filter((path) => getPath(answers, path) !== undefined) // a section or field not recorded is not an answer
    .filter((path) => !asked.has(path) && !derivedFromContext(path, answers))
    .map((path) => {
      const value = getPath(answers, path);
      return [
        findingLabel(path),
        typeof value === "boolean" ? (value ? "Yes" : "No") : Array.isArray(value) ? value.join(", ") : String(value),
      ];
    });
}

/** The derived answer is shown through the question it comes from. */
function derivedFromContext(path: string, answers: Answers): boolean {
  if (path === "symptoms.swellingWithin2hOfInjury") return answers.context?.swellingTiming !== undefined;
  if (path === "exam.wellsDvt") return answers.context?.wellsDvtCriteria !== undefined;
  return false;
}

// eslint-disable-next-line max-lines-per-function -- a signed record's answers in form order
export function AnswersView({
  kind,
  answers,
  instruments,
}: {
  kind: "intake" | "follow_up";
  answers: Answers;
  /** The instrument definitions in force (the built-in ones when not given). */
  instruments?: Instruments;
}) {
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
                    <dd className="whitespace-pre-wrap">{answerText(q, getPath(answers, q.path))}</dd>
                  </div>
                ))}
              </dl>
            )}
            {answered.length < s.questions.length ? (
              <p className="mt-0.5 text-xs text-slate-600" data-testid={`not-asked-${s.id}`}>
                Not asked:{" "}
                {s.questions
                  .filter((q) => !answered.includes(q))
                  .map((q) => q.label)
                  .join("; ")}
                .
              </p>
            ) : null}
          </section>
        );
      })}
      {otherAnswers(kind, answers).length > 0 ? (
        <section aria-labelledby="view-other">
          <h3 id="view-other" className="font-semibold">
            Also recorded
          </h3>
          <dl className="mt-1 grid gap-x-4 gap-y-0.5 sm:grid-cols-[minmax(0,18rem)_1fr]">
            {otherAnswers(kind, answers).map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="view-measures">
        <h3 id="view-measures" className="font-semibold">
          Outcome measures
        </h3>
        {!m || Object.keys(m).length === 0 ? (
          <p className="text-slate-600">None recorded.</p>
        ) : (
          <MeasuresView measures={m} instruments={instruments} />
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
      <section aria-labelledby="view-treatment">
        <h3 id="view-treatment" className="font-semibold">
          Treatment given
        </h3>
        {answers.treatment?.given.length ? (
          <ul className="ml-5 list-disc" data-testid="treatment-given">
            {answers.treatment.given.map((t) => (
              <li key={t.code}>{treatmentText(t)}</li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">None recorded.</p>
        )}
      </section>
    </div>
  );
}
