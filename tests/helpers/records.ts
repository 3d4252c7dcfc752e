/**
 * Clinical records made through lib/data, as a clinician of the clinic would
 * make them, for tests that act on them (tests/integration/actions).
 */
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { createReferralDraft, signReferral, updateReferralDraft } from "@/lib/data/referrals";
import { saveRun } from "@/lib/data/runs";
import { saveShoe } from "@/lib/data/shoes";
import { patientSchema, type EpisodeInput } from "@/lib/validation/patients";
import { isoDaysAgo, patientInput, SCREEN_NOT_DONE, type TestClinic } from "./fixtures";

/** A runner: patientInput, with `runner`'s fields instead of its own. */
export const patientIn = (t: TestClinic, runner: Record<string, unknown> = {}) =>
  createPatient(t.clinician, patientSchema.parse(patientInput(runner)));

/** What episodeIn may change: the runner's fields (patientIn) and the episode's (the left knee, "Medial knee pain", gradual, unless given). */
export type EpisodeOptions = { runner?: Record<string, unknown>; episode?: Partial<Omit<EpisodeInput, "patientId">> };

/** A new runner with an open episode. */
export async function episodeIn(t: TestClinic, options: EpisodeOptions = {}) {
  const p = await patientIn(t, options.runner);
  const e = await createEpisode(t.clinician, {
    patientId: p.id,
    side: "left",
    complaint: "Medial knee pain",
    mechanism: "gradual",
    ...options.episode,
  });
  return { patientId: p.id, episodeId: e.id };
}

type Answers = Parameters<typeof saveDraft>[1]["answers"];

export async function draftIn(t: TestClinic, answers: Answers = { symptoms: { painNow: 4 } }) {
  const e = await episodeIn(t);
  const d = await saveDraft(t.clinician, { episodeId: e.episodeId, kind: "intake", assessedOn: isoDaysAgo(1), answers });
  return { ...e, assessmentId: d.id, version: d.version };
}

export async function signedIn(t: TestClinic, answers: Answers = { symptoms: { painNow: 4 } }) {
  const d = await draftIn(t, answers);
  const a = await signAssessment(t.clinician, d.assessmentId, d.version, SCREEN_NOT_DONE);
  return { ...d, version: a.version };
}

/** Signs an assessment of `kind` in the episode, assessed `daysAgo` days ago. */
export async function signedOn(t: TestClinic, episodeId: string, kind: "intake" | "follow_up", daysAgo: number, answers: Answers) {
  const d = await saveDraft(t.clinician, { episodeId, kind, assessedOn: isoDaysAgo(daysAgo), answers });
  return signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

export async function referralDraftIn(t: TestClinic, question = "") {
  const a = await signedIn(t);
  const r = await createReferralDraft(t.clinician, a.episodeId, a.assessmentId);
  if (!question) return { ...a, referralId: r.id, version: r.version, reason: r.reason, urgency: r.urgency };
  const u = await updateReferralDraft(t.clinician, {
    referralId: r.id,
    version: r.version,
    assessmentId: a.assessmentId,
    urgency: r.urgency,
    reason: r.reason,
    question,
    recipient: undefined,
    treatmentSoFar: undefined,
    responseToTreatment: undefined,
    notes: undefined,
  });
  return { ...a, referralId: r.id, version: u.version, reason: u.reason, urgency: u.urgency };
}

export async function signedReferralIn(t: TestClinic) {
  const r = await referralDraftIn(t, "Is there a displaced meniscal tear?");
  const signed = await signReferral(t.clinician, r.referralId, r.version);
  return { ...r, version: signed.version };
}

export async function runIn(t: TestClinic) {
  const p = await patientIn(t);
  const run = await saveRun(t.clinician, { patientId: p.id, date: isoDaysAgo(3), distanceKm: 8, durationSec: 2700, surface: "road" });
  return { patientId: p.id, runId: run.id };
}

export async function shoeIn(t: TestClinic) {
  const r = await runIn(t);
  const s = await saveShoe(t.clinician, { patientId: r.patientId, name: "Daily trainer", introducedOn: isoDaysAgo(30) });
  return { ...r, shoeId: s.id };
}
