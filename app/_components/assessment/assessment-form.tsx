"use client";

import { useState } from "react";
import { RULES_VERSION, type Evaluation, type Scores } from "@/lib/clinical";
import { displayLevelOf } from "@/lib/domain/urgency";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { FOLLOW_UP_SECTIONS, INTAKE_SECTIONS } from "@/lib/questions";
import { useSaveShortcut } from "@/app/_components/forms/use-save-shortcut";
import { Alert } from "@/app/_components/ui/alert";
import { AssessedOnSection } from "./assessed-on-section";
import { ConflictPanel } from "./conflict-panel";
import { EvaluationPanel } from "./evaluation-panel";
import type { AssessmentFormProps } from "./form-props";
import { FormToolbar } from "./form-toolbar";
import { MeasuresSection } from "./measures-section";
import { PlanSection } from "./plan-section";
import { QuestionSection } from "./question-section";
import { SignAssessmentDialog } from "./sign-dialog";
import { useAssessmentDraft } from "./use-assessment-draft";

export type { AssessmentFormProps } from "./form-props";

/**
 * The intake / follow-up form. Scores, red flags, risk factors and
 * considerations update as it is filled (the same evaluate() the server runs
 * when signing). Drafts are saved explicitly and every 20 seconds while
 * there are unsaved changes; a save that started from an older version is
 * refused by the server and shown as a conflict, and nothing typed is lost.
 *
 * The draft (state, saves, conflicts) is `useAssessmentDraft`; each part of
 * the page is its own component, in the order the clinician fills them.
 */
export function AssessmentForm(props: AssessmentFormProps) {
  const { draft, live, dispatch, save, sign, discard, resolveConflict } = useAssessmentDraft(props);
  const { kind } = props;
  const { answers } = draft;
  const update = (path: string, value: unknown) => dispatch({ type: "answer", path, value });
  const sections = kind === "intake" ? INTAKE_SECTIONS : FOLLOW_UP_SECTIONS;
  const n = sections.length;
  const title = kind === "intake" ? "Intake assessment" : "Follow-up assessment";
  const message = draft.message;
  // Ctrl+S saves the draft, as the Save draft button does (not while a save or signing is under way).
  useSaveShortcut(() => {
    if (!draft.busy) void save("saving");
  });

  return (
    <div className="grid gap-4 max-lg:pb-16 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        className="space-y-4"
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void save("saving");
        }}
      >
        <FormToolbar
          draft={draft}
          valid={live.valid}
          canSign={props.canSign}
          onSign={() => dispatch({ type: "confirming", open: true })}
          onDiscard={() => void discard()}
        />
        {message ? (
          <Alert tone={message.tone} title={message.tone === "success" ? "Saved" : message.tone === "error" ? "Not saved" : "Note"}>
            {message.text}
          </Alert>
        ) : null}
        {draft.conflict ? <ConflictPanel conflict={draft.conflict} mine={live.effectiveAnswers} onResolve={resolveConflict} /> : null}
        <AssessedOnSection
          {...props}
          assessedOn={draft.assessedOn}
          error={live.errors.assessedOn}
          onChange={(value) => dispatch({ type: "assessedOn", value })}
        />
        {sections.map((section) => (
          <QuestionSection key={section.id} section={section} props={props} answers={answers} live={live} update={update} />
        ))}
        <section aria-labelledby="sec-measures" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="sec-measures" className="text-base font-semibold">
            {n + 1}. Outcome measures
          </h2>
          <MeasuresSection
            measures={answers.measures ?? {}}
            lefsDraft={draft.lefsDraft}
            errors={live.errors}
            onChange={update}
            onLefsChange={(d) => dispatch({ type: "lefs", draft: d })}
          />
        </section>
        <PlanSection
          title={`${n + 2}. Plan`}
          answers={answers}
          errors={live.errors}
          assessedOn={draft.assessedOn}
          reviewIntervalDays={props.reviewIntervalDays}
          update={update}
        />
      </form>
      <SignAssessmentDialog
        open={draft.confirming}
        kind={kind}
        assessedOn={draft.assessedOn}
        nextReviewDate={answers.plan?.nextReviewDate}
        evaluation={live.evaluation}
        unanswered={live.unanswered}
        onSign={sign}
        onCancel={() => dispatch({ type: "confirming", open: false })}
      />
      <LiveEvaluationAside evaluation={live.evaluation} unanswered={live.unanswered} baseline={live.baseline} />
    </div>
  );
}

/**
 * The evaluation of the answers as they are. On a wide screen a column beside
 * the form (sticky); on a phone or tablet a bar fixed to the bottom of the
 * screen with the summary (urgency, red flags found, screen incomplete) that
 * opens the full evaluation over the form: one tap from any question, not
 * below the whole form.
 */
function LiveEvaluationAside({
  evaluation,
  unanswered,
  baseline,
}: {
  evaluation: Evaluation | null;
  unanswered: string[];
  baseline: Scores | null;
}) {
  const [open, setOpen] = useState(false);
  const display = displayLevelOf(evaluation);
  const flags = evaluation?.redFlags.length ?? 0;
  return (
    <aside
      aria-label="Live evaluation"
      className="max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-20 max-lg:border-t max-lg:border-slate-300 max-lg:bg-white max-lg:shadow-lg lg:sticky lg:top-2 lg:max-h-[calc(100vh-1rem)] lg:self-start lg:overflow-y-auto"
    >
      <button
        type="button"
        className="flex w-full flex-wrap items-center gap-2 px-3 py-2 text-left text-sm lg:hidden"
        aria-expanded={open}
        aria-controls="live-evaluation-panel"
        data-testid="live-summary"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="font-semibold">Live evaluation</span>
        <DisplayLevelBadge display={display} unanswered={unanswered.length} />
        <span className="text-slate-700">
          {evaluation ? `${flags} red flag${flags === 1 ? "" : "s"}` : "correct the marked fields"}
          {evaluation && display.screenIncomplete ? " · screen incomplete" : ""}
        </span>
        <span className="ml-auto text-sky-800 underline">{open ? "Hide" : "Show"}</span>
      </button>
      <div
        id="live-evaluation-panel"
        className={`rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 max-lg:max-h-[70vh] max-lg:overflow-y-auto max-lg:rounded-none max-lg:pt-0 max-lg:shadow-none max-lg:ring-0 ${open ? "" : "max-lg:hidden"}`}
      >
        <h2 className="mb-2 text-base font-semibold max-lg:sr-only">Live evaluation</h2>
        {evaluation ? (
          <EvaluationPanel evaluation={evaluation} unanswered={unanswered} baseline={baseline} compact />
        ) : (
          <p className="text-sm text-slate-600">Correct the marked fields to see the evaluation.</p>
        )}
        <p className="mt-3 text-xs text-slate-500">
          Decision support for qualified clinicians; rules version {evaluation?.rulesVersion ?? RULES_VERSION}. Signing re-evaluates on the
          server.
        </p>
      </div>
    </aside>
  );
}
