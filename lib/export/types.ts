/**
 * The referral summary (SPEC.md section 8): what goes in, and the frozen
 * snapshot that comes out. The snapshot is stored as JSON on the Referral
 * when it is signed and is the only source of every export (print page, PDF,
 * FHIR bundle): later changes to the patient or new assessments never alter
 * it.
 */
import type { Settings, StoredEvaluation, Urgency } from "@/lib/clinical";
import type { Answers } from "@/lib/validation/assessment";

export type SnapshotSource = {
  referral: {
    id: string;
    urgency: Urgency;
    reason: string;
    question: string;
    recipient: string | null;
    /** Free-text parts edited by the referrer. */
    draft: { treatmentSoFar?: string; responseToTreatment?: string; notes?: string };
  };
  /** ISO timestamp of signing (or of the preview). */
  signedAt: string;
  /** `timezone` (IANA) is absent from snapshots frozen before it was recorded: their times read as UTC. */
  clinic: { id: string; name: string; phone: string | null; address: string | null; timezone?: string };
  referrer: { id: string; name: string; title: string | null; email: string; phone: string | null };
  patient: {
    id: string;
    mrn: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: "female" | "male" | "other" | "unknown";
    phone: string | null;
    email: string | null;
  };
  episode: {
    id: string;
    side: "left" | "right" | "both";
    complaint: string;
    onsetDate: string | null;
    mechanism: "gradual" | "acute_trauma" | null;
  };
  /** The signed assessment the referral is built from. */
  assessment: {
    id: string;
    kind: "intake" | "follow_up";
    assessedOn: string;
    signedAt: string;
    signedByName: string;
    /** Why its red-flag screen was signed incomplete, as the signer attested (null or absent: complete). */
    screenAttestation?: string | null;
    answers: Answers;
    evaluation: StoredEvaluation;
  };
  /** Signed, not entered-in-error assessments of the episode up to and including `assessment`, oldest first. */
  history: { id: string; kind: "intake" | "follow_up"; assessedOn: string; answers: Answers; evaluation: StoredEvaluation }[];
  /** Runs of the run window (RUN_WINDOW_DAYS) up to the assessment day. */
  runs: { date: string; distanceKm: number }[];
  /** The thresholds the assessment was evaluated with (its settingsUsed). */
  settings: Settings;
};

export type LabelledCode<C extends string = string> = { code: C; label: string };
export type Finding = { path: string; label: string; value: string };

export type { ReferralSnapshot, ReferralSnapshotV1, StoredReferralSnapshot } from "@/lib/stored/snapshot";
import type { ReferralSnapshot } from "@/lib/stored/snapshot";

export type OutcomeSeries = ReferralSnapshot["outcomes"][number];
