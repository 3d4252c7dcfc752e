"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import {
  cancelReferralAction,
  createReferralAction,
  deleteReferralDraftAction,
  sendReferralAction,
  signReferralAction,
  updateReferralAction,
} from "@/lib/actions/referrals";
import { formatDate } from "@/lib/format";
import { FormStatus } from "@/app/_components/forms/form-status";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { useSaveShortcut } from "@/app/_components/forms/use-save-shortcut";
import { ConfirmedForm } from "@/app/_components/forms/confirmed-form";
import { Button } from "@/app/_components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/app/_components/ui/field";

type SignedAssessment = { id: string; assessedOn: string; kind: "intake" | "follow_up"; urgency: string | null };
type EpisodeChoice = { id: string; label: string; assessments: SignedAssessment[] };

/** Start a referral from an episode and one of its signed assessments (default: the latest). */
export function NewReferralForm({ episodes }: { episodes: EpisodeChoice[] }) {
  const router = useRouter();
  const { state, onSubmit, pending } = useFormAction(createReferralAction);
  const usable = episodes.filter((e) => e.assessments.length > 0);
  const [episodeId, setEpisodeId] = useState(usable[0]?.id ?? "");
  const episode = usable.find((e) => e.id === episodeId);
  useEffect(() => {
    if (state.ok && state.data) router.push(`/patients/${state.data.patientId}/referrals/${state.data.id}`);
  }, [state, router]);
  if (!usable.length) return <p className="text-sm text-slate-600">A referral is built from a signed assessment: sign an intake first.</p>;
  const e = state.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} noValidate className="grid items-end gap-3 sm:grid-cols-3" aria-label="New referral">
      <div className="sm:col-span-3">
        <FormStatus state={state} />
      </div>
      <Field id="ref-episode" label="Episode" error={e.episodeId}>
        <Select id="ref-episode" name="episodeId" value={episodeId} onChange={(ev) => setEpisodeId(ev.target.value)} error={e.episodeId}>
          {usable.map((ep) => (
            <option key={ep.id} value={ep.id}>
              {ep.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="ref-assessment" label="Based on the signed assessment" error={e.assessmentId}>
        <Select
          id="ref-assessment"
          name="assessmentId"
          key={episodeId}
          defaultValue={episode?.assessments[episode.assessments.length - 1]?.id}
          error={e.assessmentId}
        >
          {episode?.assessments.map((a) => (
            <option key={a.id} value={a.id}>
              {formatDate(a.assessedOn)} · {a.kind === "intake" ? "intake" : "follow-up"}
              {a.urgency ? ` · ${a.urgency}` : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Creating…" : "Start referral"}
      </Button>
    </form>
  );
}

type DraftValues = {
  id: string;
  version: number;
  assessmentId: string;
  urgency: string;
  reason: string;
  question: string;
  recipient: string | null;
  draft: { treatmentSoFar?: string; responseToTreatment?: string; notes?: string };
};

/** Edit the free-text parts of a draft referral, then sign it. */
// eslint-disable-next-line max-lines-per-function -- the referral draft form, fields in the document's order
export function ReferralDraftForm({
  referral,
  assessments,
  canSign,
  signSummary,
}: {
  referral: DraftValues;
  assessments: SignedAssessment[];
  canSign: boolean;
  /** What signing freezes (from the saved draft's preview), shown in the confirmation. */
  signSummary: ReactNode;
}) {
  const router = useRouter();
  const {
    state: saveState,
    onSubmit: onSave,
    submitNow: saveNow,
    pending: saving,
    formRef: saveForm,
    dirty,
  } = useFormAction(updateReferralAction);
  const del = useFormAction(deleteReferralDraftAction);
  const delState = del.state;
  const version = saveState.data?.version ?? referral.version;
  // The signing's refusals (a missing question) are shown beside the fields, as the save's are.
  const [signErrors, setSignErrors] = useState<Record<string, string>>({});
  // After a save the page is rendered again, so the preview and the signing summary show what was saved;
  // until then (the page's version behind the saved one) the summary is not confirmable.
  useEffect(() => {
    if (saveState.ok) router.refresh();
  }, [saveState, router]);
  // The version the signing summary must show: that of the last save (known as soon as the save answers,
  // before its state reaches this render).
  const [savedVersion, setSavedVersion] = useState(0);
  const summaryBehind = referral.version < Math.max(version, savedVersion);
  /** Signing signs what the page shows: edits not saved yet are saved first (a refused save keeps them, and nothing is signed). */
  const saveBeforeSigning = async () => {
    setSignErrors({});
    if (!dirty) return true;
    const saved = await saveNow();
    if (saved.ok && saved.data) setSavedVersion(saved.data.version);
    return saved.ok;
  };
  useEffect(() => {
    if (delState.ok) router.back();
  }, [delState, router]);
  // Ctrl+S (Cmd+S) saves the draft, as the Save button does, instead of the browser's "Save page as".
  useSaveShortcut(() => {
    if (!saving) saveForm.current?.requestSubmit();
  });
  const e = { ...(saveState.fieldErrors ?? {}), ...signErrors };
  return (
    <div className="space-y-3">
      <form
        ref={saveForm}
        onSubmit={(ev) => {
          setSignErrors({});
          onSave(ev);
        }}
        noValidate
        className="space-y-3"
        aria-label="Edit referral"
      >
        <FormStatus state={saveState} />
        <input type="hidden" name="referralId" value={referral.id} />
        <input type="hidden" name="version" value={version} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="assessmentId" label="Based on" error={e.assessmentId}>
            <Select id="assessmentId" defaultValue={referral.assessmentId} error={e.assessmentId}>
              {assessments.map((a) => (
                <option key={a.id} value={a.id}>
                  {formatDate(a.assessedOn)} · {a.kind === "intake" ? "intake" : "follow-up"}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="urgency" label="Urgency" error={e.urgency} hint="Pre-filled from the evaluation">
            <Select id="urgency" defaultValue={referral.urgency} error={e.urgency} hint>
              <option value="emergency">Emergency: same day</option>
              <option value="urgent">Urgent: within days</option>
              <option value="soon">Soon: within 1-2 weeks</option>
              <option value="routine">Routine</option>
            </Select>
          </Field>
          <Field id="recipient" label="Receiving clinician or service" error={e.recipient}>
            <TextInput id="recipient" defaultValue={referral.recipient ?? ""} error={e.recipient} />
          </Field>
        </div>
        <Field id="reason" label="Reason for referral" error={e.reason} required>
          <TextArea id="reason" defaultValue={referral.reason} error={e.reason} />
        </Field>
        <Field
          id="question"
          label="Question for the receiving clinician"
          error={e.question}
          hint="Required before signing: what do you want answered?"
          required
        >
          <TextArea id="question" defaultValue={referral.question} error={e.question} hint />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="treatmentSoFar" label="Treatment so far" error={e.treatmentSoFar}>
            <TextArea id="treatmentSoFar" defaultValue={referral.draft.treatmentSoFar ?? ""} error={e.treatmentSoFar} />
          </Field>
          <Field id="responseToTreatment" label="Response to treatment" error={e.responseToTreatment}>
            <TextArea id="responseToTreatment" defaultValue={referral.draft.responseToTreatment ?? ""} error={e.responseToTreatment} />
          </Field>
        </div>
        <Field id="notes" label="Other notes" error={e.notes}>
          <TextArea id="notes" defaultValue={referral.draft.notes ?? ""} error={e.notes} />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            variant="secondary"
            disabled={saving}
            aria-busy={saving}
            aria-keyshortcuts="Control+S"
            title="Save and update preview (Ctrl+S)"
          >
            {saving ? "Saving…" : "Save and update preview"}
          </Button>
          <p className="self-center text-xs text-slate-700" aria-live="polite" data-testid="referral-save-status">
            {saving ? "Saving…" : dirty ? "Unsaved changes" : saveState.ok ? "Draft saved" : ""}
          </p>
        </div>
      </form>
      <div className="flex flex-wrap items-start gap-2 border-t border-slate-200 pt-3">
        {canSign ? (
          <ConfirmedForm
            action={signReferralAction}
            fields={{ referralId: referral.id, version }}
            formLabel="Sign referral"
            label="Sign referral"
            pendingLabel="Signing…"
            title="Sign this referral?"
            confirmLabel="Sign and freeze"
            summary={signSummary}
            onState={(state) => setSignErrors(state.fieldErrors ?? {})}
            prepare={saveBeforeSigning}
            preparingLabel="Saving your edits…"
            summaryPending={summaryBehind}
          >
            {(signState) => (
              <>
                <FormStatus state={signState} />
                <p className="text-xs text-slate-600">Signing saves your edits first, then freezes the summary shown in the preview.</p>
              </>
            )}
          </ConfirmedForm>
        ) : null}
        <form
          onSubmit={(ev) => {
            if (!window.confirm("Delete this draft referral?")) return ev.preventDefault();
            del.onSubmit(ev);
          }}
        >
          <input type="hidden" name="referralId" value={referral.id} />
          <Button type="submit" variant="ghost" disabled={del.pending}>
            Delete draft
          </Button>
          <FormStatus state={delState} />
        </form>
      </div>
    </div>
  );
}

/** Mark a signed referral as sent, or cancel it with a reason. */
export function ReferralStatusActions({ referralId, status }: { referralId: string; status: "signed" | "sent" }) {
  const router = useRouter();
  const send = useFormAction(sendReferralAction);
  const cancel = useFormAction(cancelReferralAction);
  const sendState = send.state;
  const cancelState = cancel.state;
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    if (sendState.ok || cancelState.ok) router.refresh();
  }, [sendState, cancelState, router]);
  return (
    <div className="flex flex-wrap items-start gap-2">
      {status === "signed" ? (
        <form onSubmit={send.onSubmit}>
          <input type="hidden" name="referralId" value={referralId} />
          <Button type="submit" disabled={send.pending}>
            Mark as sent
          </Button>
          <FormStatus state={sendState} />
        </form>
      ) : null}
      {cancelling ? (
        <form
          onSubmit={cancel.onSubmit}
          noValidate
          className="space-y-2 rounded-md bg-red-50 p-2 ring-1 ring-red-200"
          aria-label="Cancel referral"
        >
          <FormStatus state={cancelState} />
          <input type="hidden" name="referralId" value={referralId} />
          <Field id="cancel-reason" label="Reason for cancelling" error={cancelState.fieldErrors?.reason} required>
            <TextArea id="cancel-reason" name="reason" error={cancelState.fieldErrors?.reason} />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={cancel.pending}>
              Cancel referral
            </Button>
            <Button variant="ghost" onClick={() => setCancelling(false)}>
              Keep it
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="ghost" onClick={() => setCancelling(true)}>
          Cancel referral…
        </Button>
      )}
    </div>
  );
}
