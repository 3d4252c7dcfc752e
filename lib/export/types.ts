/**
 * The referral summary (SPEC.md section 8): what goes in, and the frozen
 * snapshot that comes out. The snapshot is stored as JSON on the Referral
 * when it is signed and is the only source of every export (print page, PDF,
 * FHIR bundle): later changes to the patient or new assessments never alter
 * it.
 */
import type { Evaluation, Settings, Urgency } from "@/lib/clinical";
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
    answers: Answers;
    evaluation: Evaluation;
  };
  /** Signed, not entered-in-error assessments of the episode up to and including `assessment`, oldest first. */
  history: { id: string; kind: "intake" | "follow_up"; assessedOn: string; answers: Answers; evaluation: Evaluation }[];
  /** Runs of the run window (RUN_WINDOW_DAYS) up to the assessment day. */
  runs: { date: string; distanceKm: number }[];
  /** The thresholds in force (important change per measure). */
  settings: Settings;
};

export type LabelledCode<C extends string = string> = { code: C; label: string };
export type Finding = { path: string; label: string; value: string };

export type OutcomeSeries = {
  /** painNow, koos.pain, koos.symptoms, koos.adl, koos.sport, koos.qol, lefs, psfs, tegner */
  measure: string;
  label: string;
  unit: string;
  betterIs: "higher" | "lower";
  importantChange: number;
  points: { date: string; value: number }[];
  /** Classification of the latest value vs the first (baseline), as the engine gives it. */
  vsBaseline: "improved" | "unchanged" | "worsened" | null;
};

export type ReferralSnapshot = {
  schemaVersion: 1;
  referralId: string;
  signedAt: string;
  rulesVersion: string;
  clinic: SnapshotSource["clinic"];
  referrer: SnapshotSource["referrer"];
  patient: SnapshotSource["patient"] & { ageYears: number };
  episode: SnapshotSource["episode"] & { durationDays: number | null };
  recipient: string | null;
  urgency: Urgency;
  reason: string;
  question: string;
  assessment: { id: string; kind: "intake" | "follow_up"; assessedOn: string; signedAt: string; signedByName: string };
  redFlags: (LabelledCode & { urgency: Urgency; because: Finding[] })[];
  redFlagsAbsent: LabelledCode[];
  redFlagsNotAssessed: LabelledCode[];
  riskFactors: (LabelledCode & { because: Finding[] })[];
  considerations: (LabelledCode & { supporting: Finding[] })[];
  /** Examination findings with the tests named, only those recorded. */
  examination: { test: string; result: string }[];
  history: { mechanism: string; durationText: string; symptoms: Finding[] };
  trainingLoad: {
    acute7dKm: number | null;
    chronicWeeklyKm: number | null;
    acwr: number | null;
    twoWeekChangePct: number | null;
    spikes: { date: string; distanceKm: number; longestPrior30dKm: number; band: string }[];
    /**
     * The last 8 ISO weeks (Monday start) up to the assessment day, oldest
     * first; the assessment's own week is counted only up to the assessment
     * day (`complete` false unless that day is a Sunday).
     */
    weekly: { weekStart: string; km: number; complete: boolean }[];
    trendText: string;
  };
  outcomes: OutcomeSeries[];
  treatment: {
    /** Plan items of all the assessments (labels), in order of first appearance. */
    planItems: string[];
    treatmentsTried: string | null;
    /** The referrer's free text (referral.draft). */
    treatmentSoFar: string | null;
    responseToTreatment: string | null;
    notes: string | null;
    /** Per assessment, oldest first: its plan and, for follow-ups, the recorded response to treatment. */
    visits: { date: string; kind: "intake" | "follow_up"; planItems: string[]; planNotes: string | null; response: string | null }[];
  };
  medication: string | null;
  allergies: string | null;
  comorbidities: string | null;
};
