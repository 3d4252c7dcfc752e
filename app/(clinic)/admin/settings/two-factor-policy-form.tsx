"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, Select } from "@/app/_components/ui/field";
import { setTwoFactorPolicyAction } from "@/lib/actions/two-factor";
import { TWO_FACTOR_POLICIES, TWO_FACTOR_POLICY_LABELS, type TwoFactorPolicy } from "@/lib/validation/two-factor";

/** Who must sign in with a second factor; a separate form from the clinical thresholds. */
export function TwoFactorPolicyForm({ value }: { value: TwoFactorPolicy }) {
  const { state, onSubmit, pending, formRef } = useFormAction(setTwoFactorPolicyAction);
  const e = state.fieldErrors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-3">
      <FormStatus state={state} />
      <Field
        id="twoFactorRequired"
        label="Two-factor sign-in"
        error={e.twoFactorRequired}
        hint="Staff who must use it and have not set it up yet are taken to the setup right after signing in."
      >
        <Select id="twoFactorRequired" name="twoFactorRequired" defaultValue={value} error={e.twoFactorRequired} hint>
          {TWO_FACTOR_POLICIES.map((p) => (
            <option key={p} value={p}>
              {TWO_FACTOR_POLICY_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save sign-in policy"}
      </Button>
    </form>
  );
}
