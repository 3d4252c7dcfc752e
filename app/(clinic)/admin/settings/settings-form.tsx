"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { updateSettingsAction } from "@/lib/actions/settings";
import type { ClinicSettingsView } from "@/lib/data/settings";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextInput } from "@/app/_components/ui/field";
import { IMPORTANT_CHANGE_KEYS } from "@/lib/domain/measures";
import {
  IMPORTANT_CHANGE_DEFINITIONS,
  REVIEW_INTERVAL_DEFINITION,
  SCALAR_SETTING_KEYS,
  SETTING_DEFINITIONS,
  rangeWords,
  type ThresholdDefinition,
} from "@/lib/domain/settings";

type Values = Omit<ClinicSettingsView, "updatedAt"> & { timezone: string };

type FieldDef = { name: string; def: ThresholdDefinition; value: (v: Values) => number };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every threshold of lib/domain/settings.ts, with its label, unit, range and default from there. */
const FIELDS: FieldDef[] = [
  ...SCALAR_SETTING_KEYS.map((key): FieldDef => ({ name: key, def: SETTING_DEFINITIONS[key], value: (v) => v[key] })),
  ...IMPORTANT_CHANGE_KEYS.map((key): FieldDef => ({
    name: `importantChange${key === "painNow" ? "Pain" : capitalised(key)}`,
    def: IMPORTANT_CHANGE_DEFINITIONS[key],
    value: (v) => v.importantChange[key],
  })),
  { name: "reviewIntervalDays", def: REVIEW_INTERVAL_DEFINITION, value: (v) => v.reviewIntervalDays },
];

const hintOf = (def: ThresholdDefinition) => `${capitalised(def.meaning)}: ${rangeWords(def)}, default ${def.default} (${def.source}).`;

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
            <Field key={f.name} id={f.name} label={`${f.def.label} (${f.def.unit})`} hint={hintOf(f.def)} error={error}>
              <TextInput
                id={f.name}
                type="number"
                inputMode={f.def.integer ? "numeric" : "decimal"}
                step={f.def.integer ? "1" : "any"}
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
