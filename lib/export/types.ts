/**
 * The referral summary (SPEC.md section 8): what goes in, and the frozen
 * snapshot that comes out. The snapshot is stored as JSON on the Referral
 * when it is signed and is the only source of every export (print page, PDF,
 * FHIR bundle): later changes to the patient or new assessments never alter
 * it.
 */
import type { Settings, StoredEvaluation, Urgency } from "@/lib/clinical";
import type { RedFlagAction } from "@/lib/domain";
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
    /** The goal race on the runner's record (absent: none recorded). */
    goalRace?: { name: string | null; date: string | null; distanceKm: number | null };
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
  /**
   * The runs the assessment was judged with, as stored with it when it was
   * signed (its evaluate() input), never the run log as it is now; null when
   * the assessment did not store them (older records).
   */
  runs: { date: string; distanceKm: number }[] | null;
  /** The day the run log was complete from, as the assessment was judged (its input's `training.loggedSince`). */
  loggedSince: string | null;
  /** The episode's red flags at signing: those still open, and what was recorded as done about them (oldest first). */
  redFlagState: {
    open: { code: string; urgency: Urgency; raisedOn: string }[];
    actions: { code: string; action: RedFlagAction; reason: string | null; note: string | null; actedByName: string; actedAt: string }[];
  };
  /** Addenda of the assessments in `history`, oldest first. */
  addenda: { assessmentId: string; text: string; authorName: string; createdAt: string }[];
  /** The thresholds the assessment was evaluated with (its settingsUsed). */
  settings: Settings;
};

export type LabelledCode<C extends string = string> = { code: C; label: string };
export type Finding = { path: string; label: string; value: string };

export type {
  ReferralSnapshot,
  ReferralSnapshotV1,
  ReferralSnapshotV2,
  ReferralSnapshotV3,
  StoredReferralSnapshot,
} from "@/lib/stored/snapshot";
import type { ReferralSnapshot } from "@/lib/stored/snapshot";

export type OutcomeSeries = ReferralSnapshot["outcomes"][number];
