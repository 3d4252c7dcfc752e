"use client";

import { addClinicExerciseAction, retireExerciseAction } from "@/lib/actions/programmes";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { Button } from "@/app/_components/ui/button";
import { Field, TextArea, TextInput } from "@/app/_components/ui/field";

/** Retire: one button per exercise; the message says what it means. */
export function RetireExerciseForm({ code, name }: { code: string; name: string }) {
  const { state, onSubmit, pending, formRef } = useFormAction(retireExerciseAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="code" value={code} />
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending} aria-label={`Retire ${name}`}>
        {pending ? "Retiring…" : "Retire"}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}

/** A clinic's own exercise: name, steps (one a line), muscles, default dosage (repetitions or a hold) and how to progress. */
export function AddExerciseForm() {
  const { state, onSubmit, pending, formRef } = useFormAction(addClinicExerciseAction, { resetOnSuccess: true });
  const e = state.fieldErrors ?? {};
  const number = (name: string, label: string, hint?: string) => (
    <Field id={`exercise-${name}`} label={label} error={e[name]} hint={hint}>
      <TextInput id={`exercise-${name}`} name={name} inputMode="decimal" error={e[name]} hint={!!hint} />
    </Field>
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-6" aria-label="Add an exercise">
      <div className="sm:col-span-6">
        <FormStatus state={state} />
      </div>
      <Field id="exercise-name" label="Name" error={e.name} required className="sm:col-span-3">
        <TextInput id="exercise-name" name="name" error={e.name} />
      </Field>
      <Field
        id="exercise-muscles"
        label="Muscles it targets"
        error={e.muscles}
        hint="Separated by commas"
        required
        className="sm:col-span-3"
      >
        <TextInput id="exercise-muscles" name="muscles" error={e.muscles} hint />
      </Field>
      <Field
        id="exercise-steps"
        label="Steps for the runner"
        error={e.steps}
        hint="One step a line, in plain words"
        required
        className="sm:col-span-6"
      >
        <TextArea id="exercise-steps" name="steps" rows={4} error={e.steps} hint />
      </Field>
      {number("sets", "Sets")}
      {number("reps", "Repetitions per set", "Or a hold")}
      {number("holdSeconds", "Hold (seconds)", "Or repetitions")}
      {number("loadKg", "Load (kg)", "Blank: body weight")}
      {number("daysPerWeek", "Days a week")}
      <Field id="exercise-progression" label="How to progress" error={e.progression} required className="sm:col-span-6">
        <TextArea id="exercise-progression" name="progression" rows={2} error={e.progression} />
      </Field>
      <div className="sm:col-span-6">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : "Add exercise"}
        </Button>
      </div>
    </form>
  );
}
