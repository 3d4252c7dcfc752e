"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { updateSettingsAction } from "@/lib/actions/settings";
import type { ClinicSettingsView } from "@/lib/data/settings";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

type Values = Omit<ClinicSettingsView, "updatedAt"> & { timezone: string };

const FIELDS: { name: string; label: string; unit: string; hint: string; value: (v: Values) => number; step?: string }[] = [
  {
    name: "persistentPainDays",
    label: "Persistent pain",
    unit: "days",
    hint: "Pain lasting this long despite reduced training is a red flag (default 14).",
    value: (v) => v.persistentPainDays,
  },
  {
    name: "twoWeekIncreasePct",
    label: "Two-week distance increase",
    unit: "%",
    hint: "Above this, rapid distance increase is a risk factor (default 30; Nielsen 2014).",
    value: (v) => v.twoWeekIncreasePct,
    step: "0.1",
  },
  {
    name: "spikePct",
    label: "Single-run spike",
    unit: "%",
    hint: "A run this much longer than the longest of the previous 30 days is a spike (default 10; Frandsen 2025).",
    value: (v) => v.spikePct,
    step: "0.1",
  },
  {
    name: "minRestDaysPerWeek",
    label: "Minimum rest days",
    unit: "days/week",
    hint: "Fewer rest days than this is a risk factor (default 1).",
    value: (v) => v.minRestDaysPerWeek,
  },
  {
    name: "shoeReplaceKm",
    label: "Shoe replacement",
    unit: "km",
    hint: "Shoes used for more than this are worn (default 800).",
    value: (v) => v.shoeReplaceKm,
    step: "1",
  },
  {
    name: "importantChangePain",
    label: "Important change: pain NRS",
    unit: "points",
    hint: "Default 2.",
    value: (v) => v.importantChange.painNow,
    step: "0.1",
  },
  {
    name: "importantChangeKoos",
    label: "Important change: KOOS subscale",
    unit: "points",
    hint: "Default 10.",
    value: (v) => v.importantChange.koos,
    step: "0.1",
  },
  {
    name: "importantChangeLefs",
    label: "Important change: LEFS",
    unit: "points",
    hint: "Default 9.",
    value: (v) => v.importantChange.lefs,
    step: "0.1",
  },
  {
    name: "importantChangePsfs",
    label: "Important change: PSFS",
    unit: "points",
    hint: "Default 2.",
    value: (v) => v.importantChange.psfs,
    step: "0.1",
  },
  {
    name: "importantChangeTegner",
    label: "Important change: Tegner",
    unit: "levels",
    hint: "Default 1.",
    value: (v) => v.importantChange.tegner,
    step: "1",
  },
  {
    name: "reviewIntervalDays",
    label: "Default review interval",
    unit: "days",
    hint: "Proposed next review after an assessment (default 14).",
    value: (v) => v.reviewIntervalDays,
  },
];

export function SettingsForm({ values, timeZones }: { values: Values; timeZones: string[] }) {
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(updateSettingsAction);
  const e = state.fieldErrors ?? {};
  return (
    <form ref={actionRef} onSubmit={action} noValidate className="space-y-4">
      <FormStatus state={state} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {FIELDS.map((f) => {
          const error = e[f.name] ?? e[f.name.replace(/^importantChange(\w)/, (_m, c: string) => `importantChange.${c.toLowerCase()}`)];
          return (
            <Field key={f.name} id={f.name} label={`${f.label} (${f.unit})`} hint={f.hint} error={error}>
              <TextInput
                id={f.name}
                type="number"
                inputMode="decimal"
                step={f.step ?? "1"}
                defaultValue={f.value(values)}
                error={error}
                hint
              />
            </Field>
          );
        })}
        <Field
          id="timezone"
          label="Clinic time zone"
          hint="Decides what today is: reviews due and overdue, dates that would be in the future, the days of signing."
          error={e.timezone}
        >
          <Select id="timezone" defaultValue={values.timezone} error={e.timezone} hint>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
