"use client";

import { signLetterAction } from "@/lib/actions/letters";
import { LETTER_TITLES, type LetterKind } from "@/lib/domain/letters";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, TextInput } from "@/app/_components/ui/field";

/** Signs a letter (its first version), or a new version with the reason for it. */
export function SignLetterForm({ episodeId, kind, signedVersions }: { episodeId: string; kind: LetterKind; signedVersions: number }) {
  const { state, onSubmit, pending, formRef } = useFormAction(signLetterAction, { resetOnSuccess: true });
  const e = state.fieldErrors ?? {};
  const id = `letter-${episodeId}-${kind}`;
  const title = LETTER_TITLES[kind];
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={`Sign the ${title.toLowerCase()}`} className="space-y-2">
      <FormStatus state={state} />
      <input type="hidden" name="episodeId" value={episodeId} />
      <input type="hidden" name="kind" value={kind} />
      {signedVersions > 0 ? (
        <Field id={`${id}-amendmentReason`} label="Reason for a new version (the signed one never changes)" error={e.amendmentReason}>
          <TextInput id={`${id}-amendmentReason`} name="amendmentReason" maxLength={1000} error={e.amendmentReason} />
        </Field>
      ) : null}
      {e.gpName ? (
        <p className="text-sm text-red-800" role="alert">
          {e.gpName}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {pending ? "Signing…" : signedVersions > 0 ? `Sign a new version of the ${title.toLowerCase()}` : `Sign the ${title.toLowerCase()}`}
      </Button>
    </form>
  );
}
