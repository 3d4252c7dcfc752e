"use client";

import { useMemo } from "react";
import { evaluate, type Evaluation } from "@/lib/clinical";
import { baselineScoresOf, buildEvaluationInput } from "@/lib/clinical/record-input";
import { recentCadence, suggestTrainingAnswers } from "@/lib/clinical/training-detail";
import { RUN_WINDOW_DAYS } from "@/lib/domain/windows";
import { addDays } from "@/lib/format";
import { unansweredRedFlagQuestions } from "@/lib/questions";
import { answersSchema, deriveAnswers, type Answers } from "@/lib/validation/assessment";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { reviewDateIssues } from "@/lib/validation/review-date";
import type { AssessmentFormProps } from "./form-props";
import { completeLefs, type DraftState } from "./draft-state";
import { setPath } from "./paths";
import { enterThe, notInFuture } from "@/lib/validation/messages";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's answers as they are sent: LEFS only when all 20 are answered, the derived engine inputs set. */
function useEffectiveAnswers(answers: Answers, lefsDraft: (number | null)[]): Answers {
  // The engine inputs decided by one question each (swelling timing, the Wells criteria), as the server derives them.
  return useMemo(() => deriveAnswers(setPath(answers, "measures.lefs", completeLefs(lefsDraft))), [answers, lefsDraft]);
}

/** The same schema as the server: errors are shown next to their field. */
function useClientErrors(
  effectiveAnswers: Answers,
  lefsDraft: (number | null)[],
  assessedOn: string,
  today: string,
  onsetDate: string | null,
): Record<string, string> {
  return useMemo(() => {
    const errors: Record<string, string> = {};
    const parsed = answersSchema.safeParse(effectiveAnswers);
    if (!parsed.success) for (const i of toInputIssues(parsed.error.issues)) errors[i.path] ??= i.message;
    const lefsAnswered = lefsDraft.filter((v) => v !== null).length;
    if (lefsAnswered > 0 && lefsAnswered < 20)
      errors["measures.lefs"] = `Answer all 20 items or clear them (${lefsAnswered} of 20 answered)`;
    if (!ISO_DATE.test(assessedOn)) errors.assessedOn = enterThe("assessment date");
    else if (assessedOn > today) errors.assessedOn = notInFuture("assessment date");
    const review = effectiveAnswers.plan?.nextReviewDate;
    for (const issue of reviewDateIssues("plan.nextReviewDate", "next review date", review, { assessedOn, onsetDate }))
      errors[issue.path] ??= issue.message;
    return errors;
  }, [effectiveAnswers, lefsDraft, assessedOn, today, onsetDate]);
}

/** The same evaluate() the server runs when signing, on the answers as they are; none while a field is invalid. */
function useEvaluation(props: AssessmentFormProps, effectiveAnswers: Answers, assessedOn: string, valid: boolean) {
  const { patient, episode, runs, runsFrom, runsLoggedSince, priors, settings } = props;
  // An assessment date moved before the runs the form holds: its training load is computed when the draft is saved.
  const runsLoaded = !runsFrom || addDays(assessedOn, -RUN_WINDOW_DAYS) >= runsFrom;
  return useMemo<Evaluation | null>(() => {
    if (!valid) return null;
    try {
      return evaluate(
        buildEvaluationInput({
          assessedOn,
          patient,
          episode,
          answers: effectiveAnswers,
          runs: runsLoaded ? runs : [],
          loggedSince: runsLoaded ? runsLoggedSince : null,
          priors,
          settings,
        }),
      );
    } catch {
      return null;
    }
  }, [valid, assessedOn, patient, episode, effectiveAnswers, runsLoaded, runs, runsLoggedSince, priors, settings]);
}

/**
 * What the form shows beside the answers as they are typed: the errors, the
 * live evaluation, the red-flag questions still to answer and the run log's
 * suggestions. Pure derivations of the draft and the page's data.
 */
export function useLiveEvaluation(props: AssessmentFormProps, draft: DraftState) {
  const { runs, today, patient, episode } = props;
  const { answers, lefsDraft, assessedOn, serverErrors } = draft;
  const effectiveAnswers = useEffectiveAnswers(answers, lefsDraft);
  const clientErrors = useClientErrors(effectiveAnswers, lefsDraft, assessedOn, today, episode.onsetDate);
  const valid = Object.keys(clientErrors).length === 0;
  const evaluation = useEvaluation(props, effectiveAnswers, assessedOn, valid);

  // Suggested answers from the run log for the assessment day; the clinician confirms them.
  const suggestions = useMemo(
    () =>
      suggestTrainingAnswers(
        runs.map((r) => ({ ...r, treadmill: r.surface === "treadmill" })),
        ISO_DATE.test(assessedOn) ? assessedOn : today,
      ),
    [runs, assessedOn, today],
  );
  const cadence = useMemo(() => recentCadence(runs, today), [runs, today]);

  // The red-flag questions still to answer: "not yet screened: N questions" until none is left.
  const unanswered = unansweredRedFlagQuestions(evaluation?.redFlagsNotAssessed ?? [], effectiveAnswers, {
    birthDate: patient.birthDate,
    mechanism: episode.mechanism,
    onsetDate: episode.onsetDate,
  }).map((q) => q.label);

  // The baseline the changes are judged against, scored as evaluate() scores it, for "baseline → now".
  const baseline = useMemo(() => baselineScoresOf(props.priors, assessedOn), [props.priors, assessedOn]);

  return { effectiveAnswers, errors: { ...serverErrors, ...clientErrors }, valid, evaluation, suggestions, cadence, unanswered, baseline };
}

export type LiveEvaluation = ReturnType<typeof useLiveEvaluation>;
