/**
 * One block of synthetic runners turned into COPY text (scripts/synth/generate.ts):
 * their runs and assessments, each in date order within the block so that a
 * runner's rows are spread over the table as in a real clinic, plus the
 * signed referrals chosen for some of them. Runs in a worker thread
 * (scripts/synth/worker.ts) or inline.
 *
 * PostgreSQL accepts assessments and referrals only as drafts: each row is
 * written as the draft it was, and what happened to it afterwards (signed,
 * entered in error; signed, sent, cancelled) goes into a plan that
 * generate.ts applies with set-based UPDATEs, which the triggers check.
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import { DEFAULT_SETTINGS, RUN_WINDOW_DAYS, PLAN_ITEM_LABELS, RESPONSE_LABELS } from "../../lib/domain";
import { randomUUID } from "node:crypto";

import { defaultReason } from "../../lib/data/referrals";
import { buildReferralSnapshot } from "../../lib/export/snapshot";
import type { SnapshotSource } from "../../lib/export/types";

import { copyJson, copyValue as v } from "./copy";
import { buildRuns, buildVisits, type PatientPlan, type RunRow, type VisitRow } from "./model";

export type Ids = { clinicId: string; userId: string };

export function patientRow(ids: Ids, p: PatientPlan): string[] {
  return [
    v(p.patientId),
    v(ids.clinicId),
    v(p.mrn),
    v(p.givenName),
    v(p.familyName),
    v(p.birthDate),
    v(p.sex),
    v(p.email),
    v(p.phone),
    v(p.level),
    v(p.weeklyKm),
    v(p.goalEvent),
    v(p.goalEventDate),
    v(p.runsLoggedSince),
    v(p.createdAt),
    v(p.createdAt),
  ];
}
export const PATIENT_COLS = [
  "id",
  "clinicId",
  "mrn",
  "givenName",
  "familyName",
  "birthDate",
  "sex",
  "email",
  "phone",
  "runningLevel",
  "weeklyDistanceKm",
  "goalEvent",
  "goalEventDate",
  "runsLoggedSince",
  "createdAt",
  "updatedAt",
];

export function episodeRow(ids: Ids, p: PatientPlan): string[] {
  return [
    v(p.episodeId),
    v(ids.clinicId),
    v(p.patientId),
    v(p.side),
    v(p.complaint),
    v(p.onsetDate),
    v(p.scenario.mechanism),
    v(p.discharged ? "discharged" : "open"),
    v(p.nextReviewDate),
    v(p.dischargedAt),
    v(p.createdAt),
    v(p.createdAt),
  ];
}
export const EPISODE_COLS = [
  "id",
  "clinicId",
  "patientId",
  "side",
  "complaint",
  "onsetDate",
  "mechanism",
  "status",
  "nextReviewDate",
  "dischargedAt",
  "createdAt",
  "updatedAt",
];

/** A run as one COPY line (every value is a uuid, date, number or enum: nothing to escape). */
function runLine(ids: Ids, patientId: string, r: RunRow): string {
  const at = `${r.date}T19:30:00.000Z`;
  return `${r.id}\t${ids.clinicId}\t${patientId}\t${r.date}\t${r.distanceKm}\t${r.durationSec}\t${r.surface}\tseed\t${at}\t${at}\n`;
}
export const RUN_COLS = ["id", "clinicId", "patientId", "date", "distanceKm", "durationSec", "surface", "source", "createdAt", "updatedAt"];

/** The settings every synthetic evaluation used (stored with each signed assessment). */
export const SETTINGS_JSON = JSON.stringify(DEFAULT_SETTINGS);

/** An assessment as the draft it was before it was signed (signAssessmentsSql signs it). */
function assessmentRow(ids: Ids, episodeId: string, a: VisitRow, withInput: boolean): string[] {
  const signed = a.status !== "draft";
  return [
    v(a.id),
    v(ids.clinicId),
    v(episodeId),
    v(a.kind),
    v(a.assessedOn),
    copyJson(a.answers),
    copyJson(a.evaluation),
    v(a.evaluation.rulesVersion),
    signed && withInput ? copyJson(a.input) : "\\N",
    v(a.evaluation.urgency),
    v("draft"),
    v(1),
    v(ids.userId),
    v(ids.userId),
    v(a.createdAt),
    v(a.createdAt),
  ];
}

/** What became of a signed assessment: when it was signed, and when it was marked entered in error. */
function signPlanRow(a: VisitRow): string[] {
  return [v(a.id), v(a.signedAt), v(a.enteredInErrorAt)];
}
export const SIGN_PLAN_COLS = ["id", "signedAt", "enteredInErrorAt"];

export const SIGN_PLAN_TABLES = `
CREATE TABLE synth_load.sign_plan (id uuid PRIMARY KEY, "signedAt" timestamptz NOT NULL, "enteredInErrorAt" timestamptz);
CREATE TABLE synth_load.referral_plan (id uuid PRIMARY KEY, snapshot jsonb NOT NULL, "signedAt" timestamptz NOT NULL,
  "sentAt" timestamptz, "cancelledAt" timestamptz, "cancelReason" text)`;

/** Signs the drafts of the plan ($1 clinic, $2 signer, $3 settings used), then marks the chosen ones entered in error. */
export const SIGN_ASSESSMENTS_SQL = [
  `UPDATE "Assessment" a
      SET status = 'signed', "signedById" = $2::uuid, "signedAt" = p."signedAt", "settingsUsed" = $3::jsonb, version = 2, "updatedAt" = p."signedAt"
     FROM synth_load.sign_plan p WHERE a.id = p.id AND a."clinicId" = $1::uuid AND a.status = 'draft'`,
  `UPDATE "Assessment" a
      SET status = 'entered_in_error', "enteredInErrorReason" = 'Recorded against the wrong runner; see the next follow-up.',
          "enteredInErrorById" = $2::uuid, "enteredInErrorAt" = p."enteredInErrorAt", "updatedById" = $2::uuid, version = 3, "updatedAt" = p."enteredInErrorAt"
     FROM synth_load.sign_plan p WHERE a.id = p.id AND a."clinicId" = $1::uuid AND p."enteredInErrorAt" IS NOT NULL AND a.status = 'signed'`,
];

/** Signs the referral drafts of the plan ($1 clinic, $2 signer), then sends and cancels the chosen ones. */
export const SIGN_REFERRALS_SQL = [
  `UPDATE "Referral" r
      SET status = 'signed', snapshot = p.snapshot, "signedById" = $2::uuid, "signedAt" = p."signedAt", version = 2, "updatedAt" = p."signedAt"
     FROM synth_load.referral_plan p WHERE r.id = p.id AND r."clinicId" = $1::uuid AND r.status = 'draft'`,
  `UPDATE "Referral" r SET status = 'sent', "sentAt" = p."sentAt", version = 3, "updatedAt" = p."sentAt"
     FROM synth_load.referral_plan p WHERE r.id = p.id AND r."clinicId" = $1::uuid AND r."signedById" = $2::uuid AND p."sentAt" IS NOT NULL AND r.status = 'signed'`,
  `UPDATE "Referral" r SET status = 'cancelled', "cancelledAt" = p."cancelledAt", "cancelReason" = p."cancelReason", version = 4, "updatedAt" = p."cancelledAt"
     FROM synth_load.referral_plan p WHERE r.id = p.id AND r."clinicId" = $1::uuid AND r."signedById" = $2::uuid AND p."cancelledAt" IS NOT NULL AND r.status = 'sent'`,
];
export const ASSESSMENT_COLS = [
  "id",
  "clinicId",
  "episodeId",
  "kind",
  "assessedOn",
  "answers",
  "evaluation",
  "rulesVersion",
  "evaluationInput",
  "urgency",
  "status",
  "version",
  "createdById",
  "updatedById",
  "createdAt",
  "updatedAt",
];

export const REFERRAL_COLS = [
  "id",
  "clinicId",
  "episodeId",
  "assessmentId",
  "status",
  "urgency",
  "reason",
  "question",
  "recipient",
  "draft",
  "version",
  "createdById",
  "createdAt",
  "updatedAt",
];
export const REFERRAL_PLAN_COLS = ["id", "snapshot", "signedAt", "sentAt", "cancelledAt", "cancelReason"];
const RECIPIENTS = [
  "Dr A. Patel, Sports & Exercise Medicine",
  "Orthopaedic knee clinic, City Hospital",
  "Emergency department, City Hospital",
  null,
];

/**
 * A signed referral built from the latest signed visit with a red flag (else
 * the intake), as lib/data signs one: its draft row, and its plan (the
 * snapshot, signing, sending and cancelling).
 */
function referralRows(
  ids: Ids,
  clinic: SnapshotSource["clinic"],
  referrer: SnapshotSource["referrer"],
  p: PatientPlan,
  runs: RunRow[],
  visits: VisitRow[],
  n: number,
): { row: string[]; plan: string[] } {
  const signedVisits = visits.filter((x) => x.status === "signed");
  const from = [...signedVisits].reverse().find((x) => x.evaluation.redFlags.length > 0) ?? signedVisits[0]!;
  const history = signedVisits.filter((x) => x.assessedOn <= from.assessedOn);
  const intake = signedVisits.find((x) => x.kind === "intake");
  const plan = from.answers.plan?.items?.map((i) => PLAN_ITEM_LABELS[i]).join("; ");
  const draft = {
    treatmentSoFar:
      [intake?.answers.context?.treatmentsTried, plan ? `Plan in clinic: ${plan}` : undefined].filter(Boolean).join("\n") || undefined,
    responseToTreatment: from.answers.followUp?.responseToTreatment
      ? RESPONSE_LABELS[from.answers.followUp.responseToTreatment]
      : undefined,
  };
  const id = randomUUID();
  const signedAt = `${from.assessedOn}T15:00:00.000Z`;
  const question = p.scenario.referral?.question ?? "Please assess: red flag on screening, see the summary.";
  const recipient = RECIPIENTS[n % RECIPIENTS.length] ?? null;
  const lookFrom = new Date(Date.parse(from.assessedOn) - RUN_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const source: SnapshotSource = {
    referral: { id, urgency: from.evaluation.urgency, reason: defaultReason(from.evaluation), question, recipient, draft },
    signedAt,
    clinic,
    referrer,
    patient: {
      id: p.patientId,
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      sex: p.sex,
      phone: p.phone,
      email: p.email,
    },
    episode: { id: p.episodeId, side: p.side, complaint: p.complaint, onsetDate: p.onsetDate, mechanism: p.scenario.mechanism },
    assessment: {
      id: from.id,
      kind: from.kind,
      assessedOn: from.assessedOn,
      signedAt: from.signedAt!,
      signedByName: referrer.name,
      answers: from.answers,
      evaluation: from.evaluation,
    },
    history: history.map((h) => ({ id: h.id, kind: h.kind, assessedOn: h.assessedOn, answers: h.answers, evaluation: h.evaluation })),
    // The runs the assessment was evaluated with (the window before it), as its stored input would hold them.
    runs: runs.filter((r) => r.date >= lookFrom && r.date <= from.assessedOn).map((r) => ({ date: r.date, distanceKm: r.distanceKm })),
    loggedSince: null,
    redFlagState: { open: [], actions: [] },
    addenda: [],
    settings: DEFAULT_SETTINGS,
  };
  const snapshot = buildReferralSnapshot(source);
  // 60% signed, 35% sent, 5% cancelled after sending (the snapshot stays).
  const state = n % 20 === 19 ? "cancelled" : n % 20 >= 12 ? "sent" : "signed";
  const sentAt = state === "signed" ? null : `${from.assessedOn}T16:00:00.000Z`;
  const cancelledAt = state === "cancelled" ? `${from.assessedOn}T17:00:00.000Z` : null;
  const createdAt = `${from.assessedOn}T14:30:00.000Z`;
  return {
    row: [
      v(id),
      v(ids.clinicId),
      v(p.episodeId),
      v(from.id),
      v("draft"),
      v(from.evaluation.urgency),
      v(source.referral.reason),
      v(question),
      v(recipient),
      copyJson(draft),
      v(1),
      v(ids.userId),
      v(createdAt),
      v(createdAt),
    ],
    plan: [v(id), copyJson(snapshot), v(signedAt), v(sentAt), v(cancelledAt), v(cancelledAt ? "Runner chose to see their own GP." : null)],
  };
}

export type BlockJob = {
  seed: number;
  today: string;
  ids: Ids;
  clinic: SnapshotSource["clinic"];
  referrer: SnapshotSource["referrer"];
  plans: PatientPlan[];
  /** Plan index -> referral number, for the runners who get a signed referral. */
  referrals: [number, number][];
  evaluationInput: boolean;
  /** Assessment rows are dealt to this many COPY streams. */
  streams: number;
};

export type BlockResult = {
  runs: string;
  runCount: number;
  assessments: string[];
  assessmentCount: number;
  /** Lines of synth_load.sign_plan: the assessments that were signed. */
  signPlan: string;
  referrals: string;
  referralPlan: string;
  referralCount: number;
  ms: number;
};

const line = (values: string[]) => values.join("\t") + "\n";

export function buildBlock(job: BlockJob): BlockResult {
  const t = Date.now();
  const referralOf = new Map(job.referrals);
  // Run j of every runner falls in the same three-day block: bucketing by j puts the block's runs in date order (to within two days).
  const runBuckets: string[][] = [];
  let runCount = 0;
  const visits: { episodeId: string; a: VisitRow }[] = [];
  const referrals: string[] = [];
  const referralPlan: string[] = [];
  for (const p of job.plans) {
    const pr = buildRuns(job.seed, p, job.today);
    const pv = buildVisits(job.seed, p, pr);
    pr.forEach((r, j) => (runBuckets[j] ??= []).push(runLine(job.ids, p.patientId, r)));
    runCount += pr.length;
    for (const a of pv) visits.push({ episodeId: p.episodeId, a });
    const n = referralOf.get(p.index);
    if (n !== undefined) {
      const r = referralRows(job.ids, job.clinic, job.referrer, p, pr, pv, n);
      referrals.push(line(r.row));
      referralPlan.push(line(r.plan));
    }
  }
  visits.sort((x, y) => (x.a.createdAt < y.a.createdAt ? -1 : x.a.createdAt > y.a.createdAt ? 1 : 0));
  const assessments: string[][] = Array.from({ length: job.streams }, () => []);
  visits.forEach((x, i) => assessments[i % job.streams]!.push(line(assessmentRow(job.ids, x.episodeId, x.a, job.evaluationInput))));
  return {
    runs: runBuckets.map((b) => b.join("")).join(""),
    runCount,
    assessments: assessments.map((a) => a.join("")),
    assessmentCount: visits.length,
    signPlan: visits
      .filter((x) => x.a.status !== "draft")
      .map((x) => line(signPlanRow(x.a)))
      .join(""),
    referrals: referrals.join(""),
    referralPlan: referralPlan.join(""),
    referralCount: referrals.length,
    ms: Date.now() - t,
  };
}
