/**
 * Stored referral snapshots (Referral.snapshot): the frozen summary every
 * export is rendered from. Each snapshot keeps the `schemaVersion` that
 * wrote it:
 *
 * - 1: the first snapshots. They do not record the thresholds the
 *   assessment was judged with, so renderings name no threshold for them.
 * - 2: adds `thresholds` (the clinic settings the assessment was evaluated
 *   with, e.g. the two-week increase above which a change is flagged) and
 *   `runningAdvice` (null when the assessment was evaluated under rules
 *   version 1, which gave none).
 *
 * - 3: adds `addenda` (the addenda of the assessments the referral draws
 *   on, as they were at signing), `redFlagFollowUp` (the episode's red
 *   flags still open at signing and what was done about them) and says where its training section came
 *   from: `trainingLoad.runsRecorded` (false when the assessment did not
 *   store the runs it was judged with: no weekly distances are shown then)
 *   and `trainingLoad.loggedSince` (weeks before it are "not logged", not
 *   0 km). The runs are those stored with the assessment, never the live log.
 *
 * - 4: adds `treatmentGiven` (the treatment given at each visit, worded
 *   from its codes, issue 14 item 3) and `goalRace` (the runner's goal
 *   race as on their record at signing; weeks to go are counted from the
 *   day of signing).
 *
 * New snapshots are version 4 (lib/export/snapshot.ts); every version renders.
 */
import * as z from "zod";
import { URGENCY_ORDER } from "@/lib/domain/urgency";
import { ASSESSMENT_KINDS, CHANGE_CLASSES, MECHANISMS, RUNNING_ADVICE_MODES, SEXES, SIDES } from "@/lib/domain/codes";
import { readStored } from "./read";

const text = z.string();
const nullableText = z.string().nullable();
const urgency = z.enum(URGENCY_ORDER);
const kind = z.enum(ASSESSMENT_KINDS);
const finding = z.object({ path: text, label: text, value: text });
const labelled = { code: text, label: text };

const thresholds = z.object({
  persistentPainDays: z.number(),
  twoWeekIncreasePct: z.number(),
  spikePct: z.number(),
  minRestDaysPerWeek: z.number(),
  shoeReplaceKm: z.number(),
  maxRunPain: z.number(),
  importantChange: z.object({ painNow: z.number(), koos: z.number(), lefs: z.number(), psfs: z.number(), tegner: z.number() }),
});

const outcomeSeries = z.object({
  /** painNow, koos.pain, koos.symptoms, koos.adl, koos.sport, koos.qol, lefs, psfs, tegner */
  measure: text,
  label: text,
  unit: text,
  betterIs: z.enum(["higher", "lower"]),
  importantChange: z.number(),
  points: z.array(z.object({ date: text, value: z.number() })),
  /** Classification of the latest value vs the first (baseline), as the engine gives it. */
  vsBaseline: z.enum(CHANGE_CLASSES).nullable(),
});

/** What every version holds. */
const base = {
  referralId: text,
  signedAt: text,
  rulesVersion: text,
  /** `timezone` (IANA) is absent from snapshots frozen before it was recorded: their times read as UTC. */
  clinic: z.object({ id: text, name: text, phone: nullableText, address: nullableText, timezone: text.optional() }),
  referrer: z.object({ id: text, name: text, title: nullableText, email: text, phone: nullableText }),
  patient: z.object({
    id: text,
    mrn: text,
    givenName: text,
    familyName: text,
    birthDate: text,
    sex: z.enum(SEXES),
    phone: nullableText,
    email: nullableText,
    ageYears: z.number(),
  }),
  episode: z.object({
    id: text,
    side: z.enum(SIDES),
    complaint: text,
    onsetDate: nullableText,
    mechanism: z.enum(MECHANISMS).nullable(),
    durationDays: z.number().nullable(),
  }),
  recipient: nullableText,
  urgency,
  reason: text,
  question: text,
  assessment: z.object({
    id: text,
    kind,
    assessedOn: text,
    signedAt: text,
    signedByName: text,
    /** The signer's attestation of why the red-flag screen was incomplete (absent from snapshots frozen before it was recorded). */
    screenAttestation: nullableText.optional(),
  }),
  redFlags: z.array(z.object({ ...labelled, urgency, because: z.array(finding) })),
  redFlagsAbsent: z.array(z.object(labelled)),
  redFlagsNotAssessed: z.array(z.object(labelled)),
  riskFactors: z.array(z.object({ ...labelled, because: z.array(finding) })),
  considerations: z.array(z.object({ ...labelled, supporting: z.array(finding) })),
  /** Examination findings with the tests named, only those recorded. */
  examination: z.array(z.object({ test: text, result: text })),
  history: z.object({ mechanism: text, durationText: text, symptoms: z.array(finding) }),
  trainingLoad: z.object({
    acute7dKm: z.number().nullable(),
    chronicWeeklyKm: z.number().nullable(),
    acwr: z.number().nullable(),
    twoWeekChangePct: z.number().nullable(),
    spikes: z.array(z.object({ date: text, distanceKm: z.number(), longestPrior30dKm: z.number(), band: text })),
    /**
     * The last 8 ISO weeks (Monday start) up to the assessment day, oldest
     * first; the assessment's own week is counted only up to the assessment
     * day (`complete` false unless that day is a Sunday).
     */
    weekly: z.array(z.object({ weekStart: text, km: z.number(), complete: z.boolean(), logged: z.boolean().optional() })),
    trendText: text,
  }),
  outcomes: z.array(outcomeSeries),
  treatment: z.object({
    /** Plan items of all the assessments (labels), in order of first appearance. */
    planItems: z.array(text),
    treatmentsTried: nullableText,
    /** The referrer's free text (referral.draft). */
    treatmentSoFar: nullableText,
    responseToTreatment: nullableText,
    notes: nullableText,
    /** Per assessment, oldest first: its plan and, for follow-ups, the recorded response to treatment. */
    visits: z.array(z.object({ date: text, kind, planItems: z.array(text), planNotes: nullableText, response: nullableText })),
  }),
  medication: nullableText,
  allergies: nullableText,
  comorbidities: nullableText,
};

const v2 = {
  ...base,
  /** The thresholds the assessment was evaluated with (its settingsUsed). */
  thresholds,
  /** The running advice of the evaluation, worded; null for an evaluation of rules version 1. */
  runningAdvice: z
    .object({
      mode: z.enum(RUNNING_ADVICE_MODES),
      maxPainDuringRun: z.number().nullable(),
      screenComplete: z.boolean(),
      /** "Stop running", "Pain up to 3 of 10 during the run, settled by the next morning", ... */
      text: text,
      detail: text,
      /** The labels of the red flags that stop running or are not yet assessed. */
      because: z.array(text),
    })
    .nullable(),
};

export const referralSnapshotV1Schema = z.object({ schemaVersion: z.literal(1), ...base });
export const referralSnapshotV2Schema = z.object({ schemaVersion: z.literal(2), ...v2 });
export const referralSnapshotV3Schema = z.object({
  schemaVersion: z.literal(3),
  ...v2,
  trainingLoad: base.trainingLoad.extend({
    /** False when the assessment did not store the runs it was judged with (older records): no weekly distances. */
    runsRecorded: z.boolean(),
    /** The day the run log was complete from, as the assessment was judged; null when not given. */
    loggedSince: nullableText,
  }),
  /** The episode's red flags at signing: still open (not yet actioned), and what was done about them, oldest first. */
  redFlagFollowUp: z.object({
    open: z.array(z.object({ ...labelled, urgency, raisedOn: text })),
    actions: z.array(z.object({ ...labelled, action: text, reason: nullableText, note: nullableText, actedByName: text, actedAt: text })),
  }),
  /** Addenda of the assessments the referral draws on (up to the chosen one), oldest first, as at signing. */
  addenda: z.array(z.object({ assessmentId: text, assessedOn: text, kind, text, authorName: text, createdAt: text })),
});

export const referralSnapshotV4Schema = referralSnapshotV3Schema.extend({
  schemaVersion: z.literal(4),
  /** Per signed visit the referral draws on, oldest first: the treatment given, worded ("Gait retraining (cadence target 172 steps/min)"). */
  treatmentGiven: z.array(z.object({ date: text, kind, items: z.array(text) })),
  /** The runner's goal race as on their record at signing (all null: none recorded). */
  goalRace: z.object({ name: nullableText, date: nullableText, distanceKm: z.number().nullable() }),
});

export type ReferralSnapshotV1 = z.output<typeof referralSnapshotV1Schema>;
export type ReferralSnapshotV2 = z.output<typeof referralSnapshotV2Schema>;
export type ReferralSnapshotV3 = z.output<typeof referralSnapshotV3Schema>;
/** The snapshot written now. */
export type ReferralSnapshot = z.output<typeof referralSnapshotV4Schema>;
/** A snapshot as stored, of any schema version. */
export type StoredReferralSnapshot = ReferralSnapshotV1 | ReferralSnapshotV2 | ReferralSnapshotV3 | ReferralSnapshot;

const storedSchema = z.discriminatedUnion("schemaVersion", [
  referralSnapshotV1Schema,
  referralSnapshotV2Schema,
  referralSnapshotV3Schema,
  referralSnapshotV4Schema,
]);

export function readReferralSnapshot(json: unknown): StoredReferralSnapshot {
  return readStored("referral snapshot", storedSchema, json);
}

export function readReferralSnapshotOrNull(json: unknown): StoredReferralSnapshot | null {
  return json === null || json === undefined ? null : readReferralSnapshot(json);
}
