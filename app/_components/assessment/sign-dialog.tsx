"use client";

import { useState } from "react";
import { RED_FLAG_LABELS, type Evaluation } from "@/lib/clinical";
import { displayLevelOf, runningAdviceText, SCREEN_ATTESTATION_FIELD } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { ConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { DisplayLevelBadge, UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { inputClass } from "@/app/_components/ui/field";

/**
 * "Sign this assessment?": what signing freezes (urgency, red flags, screen
 * status, running advice, measures, next review), and, when red flags are
 * not assessed, the signer's attestation of why the screen is incomplete
 * (required: an empty one is refused naming the field). The server
 * re-evaluates when signing and refuses the same way.
 */
export type SignOutcome = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export function SignAssessmentDialog({
  open,
  kind,
  assessedOn,
  nextReviewDate,
  evaluation,
  unanswered,
  onSign,
  onCancel,
}: {
  open: boolean;
  kind: "intake" | "follow_up";
  assessedOn: string;
  nextReviewDate: string | undefined;
  evaluation: Evaluation | null;
  /** The red-flag questions still unanswered (labels). */
  unanswered: string[];
  onSign: (screenAttestation: string | undefined) => Promise<SignOutcome>;
  onCancel: () => void;
}) {
  const [attestation, setAttestation] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const notAssessed = evaluation?.redFlagsNotAssessed ?? [];
  const incomplete = notAssessed.length > 0;

  async function confirm() {
    if (incomplete && !attestation.trim()) {
      setFieldError("state why the red-flag screen could not be completed: an incomplete screen is signed only with a reason");
      return;
    }
    setBusy(true);
    const result = await onSign(incomplete ? attestation.trim() : undefined);
    setBusy(false);
    if (result.ok) return;
    setFieldError(result.fieldErrors?.[SCREEN_ATTESTATION_FIELD] ?? null);
    setError(result.message);
  }

  return (
    <ConfirmDialog
      open={open}
      title={`Sign this ${kind === "intake" ? "intake" : "follow-up"} of ${formatDate(assessedOn)}?`}
      confirmLabel={incomplete ? "Sign with the screen incomplete" : "Sign and freeze"}
      busy={busy}
      busyLabel="Signing…"
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => {
        setError(null);
        setFieldError(null);
        onCancel();
      }}
      testId="sign-dialog"
    >
      <p>Signing re-evaluates on the server and freezes the record: afterwards corrections are addenda.</p>
      {evaluation ? (
        <FrozenSummary evaluation={evaluation} unanswered={unanswered} nextReviewDate={nextReviewDate} />
      ) : (
        <p className="text-amber-900">Correct the fields marked in red before signing.</p>
      )}
      {incomplete ? (
        <AttestationField
          value={attestation}
          error={fieldError}
          onChange={(value) => {
            setAttestation(value);
            setFieldError(null);
          }}
        />
      ) : null}
    </ConfirmDialog>
  );
}

/** What signing freezes, in the order the record shows it. */
function FrozenSummary({
  evaluation,
  unanswered,
  nextReviewDate,
}: {
  evaluation: Evaluation;
  unanswered: string[];
  nextReviewDate: string | undefined;
}) {
  const notAssessed = evaluation.redFlagsNotAssessed;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1.5" data-testid="frozen-summary">
      <dt className="text-slate-600">Urgency</dt>
      <dd>
        <DisplayLevelBadge display={displayLevelOf(evaluation)} unanswered={unanswered.length} />
      </dd>
      <dt className="text-slate-600">Red flags</dt>
      <dd>
        {evaluation.redFlags.length ? (
          <ul className="space-y-0.5">
            {evaluation.redFlags.map((f) => (
              <li key={f.code} className="flex flex-wrap items-center gap-1.5">
                <UrgencyBadge urgency={f.urgency} /> {RED_FLAG_LABELS[f.code]}
              </li>
            ))}
          </ul>
        ) : (
          "None found"
        )}
      </dd>
      <dt className="text-slate-600">Red-flag screen</dt>
      <dd data-testid="frozen-screen">
        {notAssessed.length
          ? `Incomplete: ${notAssessed.length} not assessed (${notAssessed.map((c) => RED_FLAG_LABELS[c]).join(", ")})`
          : "Complete: every red flag assessed"}
      </dd>
      <dt className="text-slate-600">Running advice</dt>
      <dd>{runningAdviceText(evaluation.runningAdvice)}</dd>
      <dt className="text-slate-600">Measures</dt>
      <dd>{measuresText(evaluation.scores)}</dd>
      <dt className="text-slate-600">Next review</dt>
      <dd>{nextReviewDate ? formatDate(nextReviewDate) : "Not set"}</dd>
    </dl>
  );
}

/** The measures as one line: each with its scale, "None recorded" when none was scored. */
function measuresText(scores: Evaluation["scores"]): string {
  const koos = scores.koos;
  return (
    [
      scores.painNow !== undefined ? `pain now ${scores.painNow}/10` : null,
      koos ? `KOOS pain ${koos.pain ?? "not scored"}, sport ${koos.sport ?? "not scored"} (of 100)` : null,
      scores.lefs !== undefined ? `LEFS ${scores.lefs}/80` : null,
      scores.psfs !== undefined ? `PSFS ${scores.psfs}/10` : null,
      scores.tegner !== undefined ? `Tegner level ${scores.tegner}` : null,
    ]
      .filter(Boolean)
      .join(" · ") || "None recorded"
  );
}

/** The signer's reason the red-flag screen is incomplete (required then), with its error. */
function AttestationField({ value, error, onChange }: { value: string; error: string | null; onChange: (value: string) => void }) {
  return (
    <div>
      <label htmlFor="screen-attestation" className="block font-medium">
        Reason the red-flag screen is incomplete <span className="text-red-700">(required)</span>
      </label>
      <p id="screen-attestation-hint" className="text-xs text-slate-600">
        Recorded with the signed record and shown as “Screen incomplete: your reason” on the record, the banner and referrals.
      </p>
      <textarea
        id="screen-attestation"
        data-autofocus
        rows={2}
        maxLength={1000}
        className={`${inputClass} mt-1`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "screen-attestation-hint screen-attestation-error" : "screen-attestation-hint"}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id="screen-attestation-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
          Reason the red-flag screen is incomplete: {error}
        </p>
      ) : null}
    </div>
  );
}
