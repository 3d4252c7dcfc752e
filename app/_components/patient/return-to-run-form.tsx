"use client";

import { useState } from "react";
import { createReturnToRunPlanAction, decideReturnToRunAction } from "@/lib/actions/return-to-run";
import {
  ENTRY_CRITERIA,
  ENTRY_CRITERIA_LABELS,
  RETURN_TO_RUN_STEP_LABELS,
  RETURN_TO_RUN_STEPS,
  type ReturnToRunStep,
} from "@/lib/domain/return-to-run";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, FieldError, Select, TextArea } from "@/app/_components/ui/field";

/** "Make a return-to-run plan" from the clinic's ladder. */
export function CreateReturnToRunPlanForm({ episodeId }: { episodeId: string }) {
  const { state, onSubmit, pending, formRef } = useFormAction(createReturnToRunPlanAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Make a return-to-run plan" className="space-y-2">
      <FormStatus state={state} />
      <input type="hidden" name="episodeId" value={episodeId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {pending ? "Making the plan…" : "Make a return-to-run plan"}
      </Button>
    </form>
  );
}

/**
 * The clinician's decision on the plan: the proposal preselected (confirm it
 * as it is), or another step with a reason (kept on the record). Starting the
 * first running stage records the entry criteria. The server judges the
 * proposal again and names any field it refuses.
 */
export function ReturnToRunDecisionForm({
  episodeId,
  stage,
  stages,
  proposed,
  decisions,
}: {
  episodeId: string;
  stage: number;
  stages: number;
  proposed: ReturnToRunStep | null;
  decisions: number;
}) {
  const { state, onSubmit, pending, formRef } = useFormAction(decideReturnToRunAction);
  const possible = RETURN_TO_RUN_STEPS.filter((s) =>
    stage === 0 ? s === "start" || s === "hold" : s !== "start" && (s !== "advance" || stage < stages),
  );
  const initial: ReturnToRunStep = proposed && possible.includes(proposed) ? proposed : "hold";
  const [step, setStep] = useState<ReturnToRunStep>(initial);
  // After a decision the plan has a new proposal: preselect it (the outcome message stays).
  const [seen, setSeen] = useState(decisions);
  if (seen !== decisions) {
    setSeen(decisions);
    setStep(initial);
  }
  const e = state.fieldErrors ?? {};
  const overriding = proposed !== null && step !== proposed;
  const id = (s: string) => `rtr-${episodeId}-${s}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Return-to-run decision" className="space-y-3">
      <FormStatus state={state} />
      <input type="hidden" name="episodeId" value={episodeId} />
      <input type="hidden" name="basedOnDecisions" value={decisions} />
      <fieldset aria-describedby={e.step ? `${id("step")}-error` : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-900">Decision</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {possible.map((s) => (
            <label key={s} className="inline-flex items-center gap-1.5 text-sm">
              <input type="radio" name="step" value={s} checked={step === s} onChange={() => setStep(s)} />
              {RETURN_TO_RUN_STEP_LABELS[s]}
              {s === proposed ? <span className="text-xs text-slate-600">(proposed)</span> : null}
            </label>
          ))}
        </div>
        <FieldError id={id("step")} error={e.step} />
      </fieldset>
      {step === "start" ? <EntryCriteriaFields e={e} id={id} /> : null}
      <Field id={id("toStage")} label="Move to stage (leave blank for the usual next stage)" error={e.toStage}>
        <Select id={id("toStage")} name="toStage" defaultValue="" error={e.toStage}>
          <option value="">Usual</option>
          {Array.from({ length: stages + 1 }, (_, i) => (
            <option key={i} value={i}>
              {i === 0 ? "Not running (0)" : `Stage ${i}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={id("reason")}
        label={overriding ? "Your reason for choosing differently (required)" : "Reason (required to skip a stage)"}
        error={e.reason}
      >
        <TextArea id={id("reason")} name="reason" rows={2} maxLength={1000} error={e.reason} />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
        {pending ? "Recording…" : overriding ? "Record this decision" : "Confirm"}
      </Button>
    </form>
  );
}

function EntryCriteriaFields({ e, id }: { e: Record<string, string>; id: (s: string) => string }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-900">Entry criteria (each must be met)</legend>
      <ul className="space-y-1">
        {ENTRY_CRITERIA.map((c) => (
          <li key={c}>
            <label className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name="criteria"
                value={c}
                aria-describedby={e[`entryCriteria.met.${c}`] ? `${id(c)}-error` : undefined}
              />
              {ENTRY_CRITERIA_LABELS[c]}
            </label>
            <FieldError id={id(c)} error={e[`entryCriteria.met.${c}`]} />
          </li>
        ))}
      </ul>
      <FieldError id={id("entryCriteria")} error={e.entryCriteria} />
    </fieldset>
  );
}
