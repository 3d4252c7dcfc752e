"use client";

import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useState } from "react";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/lib/actions/admin";
import { resetTwoFactorAction } from "@/lib/actions/two-factor";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

const ROLE_OPTIONS = [
  ["clinician", "Clinician"],
  ["viewer", "Viewer (read only)"],
  ["admin", "Administrator"],
] as const;

export function CreateUserForm() {
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(createUserAction, { resetOnSuccess: true });
  const e = state.fieldErrors ?? {};
  return (
    <form ref={actionRef} onSubmit={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
      <div className="sm:col-span-2 lg:col-span-3">
        <FormStatus state={state} />
      </div>
      <Field id="new-name" label="Full name" error={e.name} required>
        <TextInput id="new-name" name="name" autoComplete="off" error={e.name} />
      </Field>
      <Field id="new-email" label="Email" error={e.email} required>
        <TextInput id="new-email" name="email" type="email" autoComplete="off" error={e.email} />
      </Field>
      <Field id="new-role" label="Role" error={e.role} required>
        <Select id="new-role" name="role" defaultValue="clinician" error={e.role}>
          {ROLE_OPTIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="new-title" label="Professional title" error={e.title} hint="Shown on referrals, e.g. Physiotherapist">
        <TextInput id="new-title" name="title" error={e.title} hint />
      </Field>
      <Field id="new-phone" label="Phone" error={e.phone}>
        <TextInput id="new-phone" name="phone" type="tel" error={e.phone} />
      </Field>
      <Field id="new-password" label="Initial password" error={e.password} hint="At least 12 characters. Share it securely." required>
        <TextInput id="new-password" name="password" type="password" autoComplete="new-password" error={e.password} hint />
      </Field>
      <div className="sm:col-span-2 lg:col-span-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Creating…" : "Create account"}
        </Button>
      </div>
    </form>
  );
}

type EditableUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  title: string;
  phone: string;
  active: boolean;
  twoFactor: boolean;
};

export function EditUserForm({ user, isSelf }: { user: EditableUser; isSelf: boolean }) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit: action, pending, formRef: actionRef } = useFormAction(updateUserAction);
  const {
    state: pwState,
    onSubmit: pwAction,
    pending: pwPending,
    formRef: pwActionRef,
  } = useFormAction(resetPasswordAction, { resetOnSuccess: true });
  const e = state.fieldErrors ?? {};
  const pe = pwState.fieldErrors ?? {};
  const p = `u-${user.id.slice(0, 8)}`;
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Edit ${user.name}`}>
        Edit
      </Button>
    );
  }
  return (
    <div className="w-72 space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <form ref={actionRef} onSubmit={action} className="space-y-2" noValidate aria-label={`Edit ${user.name}`}>
        <FormStatus state={state} />
        <input type="hidden" name="userId" value={user.id} />
        <Field id={`${p}-name`} label="Full name" error={e.name}>
          <TextInput id={`${p}-name`} name="name" defaultValue={user.name} error={e.name} />
        </Field>
        <Field id={`${p}-role`} label="Role" error={e.role}>
          <Select id={`${p}-role`} name="role" defaultValue={user.role} error={e.role} disabled={isSelf}>
            {ROLE_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
          {isSelf ? <input type="hidden" name="role" value={user.role} /> : null}
        </Field>
        <Field id={`${p}-title`} label="Professional title" error={e.title}>
          <TextInput id={`${p}-title`} name="title" defaultValue={user.title} error={e.title} />
        </Field>
        <Field id={`${p}-phone`} label="Phone" error={e.phone}>
          <TextInput id={`${p}-phone`} name="phone" defaultValue={user.phone} error={e.phone} />
        </Field>
        <Field id={`${p}-active`} label="Account status" error={e.active}>
          <Select id={`${p}-active`} name="active" defaultValue={String(user.active)} error={e.active} disabled={isSelf}>
            <option value="true">Active</option>
            <option value="false">Deactivated</option>
          </Select>
          {isSelf ? <input type="hidden" name="active" value="true" /> : null}
        </Field>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </form>
      <form
        ref={pwActionRef}
        onSubmit={pwAction}
        className="space-y-2 border-t border-slate-200 pt-2"
        noValidate
        aria-label={`Reset password of ${user.name}`}
      >
        <FormStatus state={pwState} />
        <input type="hidden" name="userId" value={user.id} />
        <Field id={`${p}-pw`} label="New password" error={pe.password} hint="At least 12 characters; ends the user's sessions.">
          <TextInput id={`${p}-pw`} name="password" type="password" autoComplete="new-password" error={pe.password} hint />
        </Field>
        <Button type="submit" variant="secondary" disabled={pwPending} aria-busy={pwPending}>
          {pwPending ? "Resetting…" : "Reset password"}
        </Button>
      </form>
      <ResetTwoFactorForm user={user} />
    </div>
  );
}

/** For a lost phone: removes the user's second factor and ends their sessions (audited). */
function ResetTwoFactorForm({ user }: { user: EditableUser }) {
  const { state, onSubmit, pending, formRef } = useFormAction(resetTwoFactorAction);
  // Stays on screen after a reset (the page then shows two-factor as off) to say what happened.
  if (!user.twoFactor && !state.message) return null;
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      className="space-y-2 border-t border-slate-200 pt-2"
      noValidate
      aria-label={`Reset two-factor sign-in of ${user.name}`}
    >
      <FormStatus state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <p className="text-xs text-slate-600">Lost phone: removes the authenticator and recovery codes; ends the user&apos;s sessions.</p>
      <Button type="submit" variant="secondary" disabled={pending || !user.twoFactor} aria-busy={pending}>
        {pending ? "Resetting…" : "Reset two-factor sign-in"}
      </Button>
    </form>
  );
}
