"use client";

import { LEVEL_LABELS, SEX_LABELS } from "@/lib/domain";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { createPatientAction, updatePatientAction } from "@/lib/actions/patients";
import type { PatientView } from "@/lib/data/patients";

import { FormStatus } from "@/app/_components/forms/form-status";
import { Button, ButtonLink } from "@/app/_components/ui/button";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

/** Register a runner, or edit their demographics (every change is audited). */
// eslint-disable-next-line max-lines-per-function -- one form, fields in order
export function PatientForm({ patient }: { patient?: PatientView }) {
  const router = useRouter();
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(patient ? updatePatientAction : createPatientAction);
  const e = state.fieldErrors ?? {};
  useEffect(() => {
    if (state.ok && state.data && typeof state.data === "object" && "id" in state.data)
      router.push(`/patients/${(state.data as { id: string }).id}`);
  }, [state, router]);
  const v = (k: keyof PatientView) => (patient?.[k] ?? "") as string | number;
  return (
    <form ref={actionRef} onSubmit={action} noValidate className="space-y-4">
      <FormStatus state={state} />
      {patient ? <input type="hidden" name="patientId" value={patient.id} /> : null}
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Identity</legend>
        <Field id="mrn" label="MRN (clinic record number)" error={e.mrn} required>
          <TextInput id="mrn" defaultValue={v("mrn")} error={e.mrn} autoComplete="off" />
        </Field>
        <Field id="givenName" label="Given name" error={e.givenName} required>
          <TextInput id="givenName" defaultValue={v("givenName")} error={e.givenName} autoComplete="off" />
        </Field>
        <Field id="familyName" label="Family name" error={e.familyName} required>
          <TextInput id="familyName" defaultValue={v("familyName")} error={e.familyName} autoComplete="off" />
        </Field>
        <Field id="birthDate" label="Date of birth" error={e.birthDate} required>
          <TextInput id="birthDate" type="date" defaultValue={v("birthDate")} error={e.birthDate} />
        </Field>
        <Field id="sex" label="Sex" error={e.sex} required>
          <Select id="sex" defaultValue={v("sex") || ""} error={e.sex}>
            <option value="" disabled>
              Choose…
            </option>
            {Object.entries(SEX_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Contact</legend>
        <Field id="email" label="Email" error={e.email}>
          <TextInput id="email" type="email" defaultValue={v("email")} error={e.email} autoComplete="off" />
        </Field>
        <Field id="phone" label="Phone" error={e.phone}>
          <TextInput id="phone" type="tel" defaultValue={v("phone")} error={e.phone} autoComplete="off" />
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Running</legend>
        <Field id="runningLevel" label="Running level" error={e.runningLevel}>
          <Select id="runningLevel" defaultValue={v("runningLevel")} error={e.runningLevel}>
            <option value="">Not recorded</option>
            {Object.entries(LEVEL_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="weeklyDistanceKm" label="Usual weekly distance (km)" error={e.weeklyDistanceKm}>
          <TextInput
            id="weeklyDistanceKm"
            type="number"
            inputMode="decimal"
            min={0}
            max={1000}
            step="0.1"
            defaultValue={v("weeklyDistanceKm")}
            error={e.weeklyDistanceKm}
          />
        </Field>
        <Field id="goalEvent" label="Goal race" error={e.goalEvent}>
          <TextInput id="goalEvent" defaultValue={v("goalEvent")} error={e.goalEvent} />
        </Field>
        <Field id="goalEventDate" label="Goal race date" error={e.goalEventDate}>
          <TextInput id="goalEventDate" type="date" defaultValue={v("goalEventDate")} error={e.goalEventDate} />
        </Field>
        <Field id="goalEventDistanceKm" label="Goal race distance (km)" error={e.goalEventDistanceKm}>
          <TextInput
            id="goalEventDistanceKm"
            type="number"
            inputMode="decimal"
            min={0.1}
            max={500}
            step="0.001"
            defaultValue={v("goalEventDistanceKm")}
            error={e.goalEventDistanceKm}
          />
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">GP (for the letter at discharge)</legend>
        <Field id="gpName" label="GP's name" error={e.gpName}>
          <TextInput id="gpName" defaultValue={v("gpName")} error={e.gpName} />
        </Field>
        <Field id="gpPractice" label="Practice" error={e.gpPractice}>
          <TextInput id="gpPractice" defaultValue={v("gpPractice")} error={e.gpPractice} />
        </Field>
        <Field id="gpAddress" label="Practice address" error={e.gpAddress}>
          <TextInput id="gpAddress" defaultValue={v("gpAddress")} error={e.gpAddress} />
        </Field>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : patient ? "Save changes" : "Register runner"}
        </Button>
        <ButtonLink href={patient ? `/patients/${patient.id}` : "/patients"}>Cancel</ButtonLink>
      </div>
    </form>
  );
}
