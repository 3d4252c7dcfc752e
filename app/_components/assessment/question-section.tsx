"use client";

import { isAsked, type Question, type Section } from "@/lib/questions";
import type { Answers } from "@/lib/validation/assessment";
import type { AssessmentFormProps } from "./form-props";
import { QuestionControl } from "./controls";
import { getPath } from "./paths";
import { RunnerReported } from "./runner-reported";
import { ScreenCarryForward } from "./screen-carry-forward";
import { HINT_PATHS, TrainingHint } from "./training-hints";
import type { LiveEvaluation } from "./use-live-evaluation";

type Update = (path: string, value: unknown) => void;

/** Under the red-flag screen's title: what the screen still needs, or that it is complete. */
function ScreenStatus({ live }: { live: LiveEvaluation }) {
  const n = live.unanswered.length;
  return (
    <p className={`mt-1 text-xs font-medium ${n ? "text-amber-900" : "text-emerald-900"}`} data-testid="screen-status">
      {!live.evaluation
        ? "Correct the marked fields to see what the screen still needs."
        : n
          ? `Not yet screened: ${n} question${n === 1 ? "" : "s"} still to answer (listed in the live evaluation).`
          : "Screen complete: every red flag is assessed."}
    </p>
  );
}

/** One question of a section: its control, what the runner reported, and the run log's hint where there is one. */
function QuestionRow({
  q,
  answers,
  live,
  shoes,
  update,
}: {
  q: Question;
  answers: Answers;
  live: LiveEvaluation;
  shoes: AssessmentFormProps["shoes"];
  update: Update;
}) {
  const value = getPath(answers, q.path);
  return (
    <div>
      <QuestionControl q={q} value={value} error={live.errors[q.path]} onChange={(v) => update(q.path, v)} />
      <RunnerReported path={q.path} value={value} />
      {HINT_PATHS.includes(q.path) ? (
        <TrainingHint
          path={q.path}
          suggestions={live.suggestions}
          shoes={shoes}
          cadence={live.cadence}
          value={value}
          onChange={(v) => update(q.path, v)}
        />
      ) : null}
    </div>
  );
}

/** One section of the question catalogue (lib/questions.ts), its questions as they are asked. */
export function QuestionSection({
  section,
  props,
  answers,
  live,
  update,
}: {
  section: Section;
  props: AssessmentFormProps;
  answers: Answers;
  live: LiveEvaluation;
  update: Update;
}) {
  return (
    <section aria-labelledby={`sec-${section.id}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={`sec-${section.id}`} className="text-base font-semibold">
        {section.title}
      </h2>
      {section.intro ? <p className="mt-0.5 text-xs text-slate-600">{section.intro}</p> : null}
      {section.id === "screen" ? <ScreenStatus live={live} /> : null}
      {section.id === "screen" && props.kind === "follow_up" ? (
        <ScreenCarryForward
          previous={props.priors[props.priors.length - 1]}
          questions={section.questions}
          answers={answers}
          onConfirm={(confirmed) => confirmed.forEach((c) => update(c.path, c.value))}
        />
      ) : null}
      <div className="mt-2 divide-y divide-slate-100">
        {section.questions
          .filter((q) => isAsked(q, answers))
          .map((q) => (
            <QuestionRow key={q.path} q={q} answers={answers} live={live} shoes={props.shoes} update={update} />
          ))}
      </div>
    </section>
  );
}
