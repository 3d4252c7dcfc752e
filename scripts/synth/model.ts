/**
 * The synthetic runners of scripts/synth/generate.ts: deterministic for a
 * given seed and day, built the way the demo seed (prisma/seed/build.ts)
 * builds its runners, at scale. Every assessment's evaluation comes from the
 * real engine (lib/clinical evaluate()) on its own answers, the runner's runs
 * and the earlier signed assessments, exactly as signing does in lib/data.
 *
 * Per runner: one episode, exactly RUNS_PER_PATIENT runs over RUN_DAYS days
 * (one every three days), 8-12 visits (10 on average: intake + follow-ups two
 * to three weeks apart), most signed, the last one sometimes a draft, a few
 * entered in error.
 */
import { DEFAULT_SETTINGS, RUN_WINDOW_DAYS, type PlanItem } from "../../lib/domain";
import { randomUUID } from "node:crypto";
import { addDays, evaluate, type Evaluation, type EvaluationInput, type SymptomsInput } from "../../lib/clinical";
import { buildEvaluationInput, type ClinicalAnswers, type RecordRun } from "../../lib/clinical/record-input";
import type { Answers } from "../../lib/validation/assessment";
import { COMPLAINTS, FAMILY, GIVEN_FEMALE, GIVEN_MALE, GOALS } from "../../prisma/seed/names";
import { OVERUSE_SCENARIOS, RED_FLAG_SCENARIOS, type Scenario } from "../../prisma/seed/scenarios";
import {
  EXAM_NORMAL,
  SCREEN_NO,
  clamp,
  followUpAnswers,
  intakeSymptoms,
  measuresFor,
  planItems,
  prng,
  type Rng,
  type Trajectory,
} from "../../prisma/seed/generators";
export { prng, type Rng };

export const RUNS_PER_PATIENT = 100;
export const RUN_DAYS = 300;
/** Visits per episode: 8 + (index mod 5), so exactly 10 on average. */
export const visitsFor = (index: number) => 8 + (index % 5);

/** Small deterministic PRNG (mulberry32), as in the demo seed. */
const mix = (seed: number, index: number, stream: number) =>
  (Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(index + 1, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;

type Level = "novice" | "recreational" | "competitive";

/** Demographics and the shape of the episode, decided before any run or visit. */
export type PatientPlan = {
  index: number;
  patientId: string;
  episodeId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: "female" | "male";
  email: string;
  phone: string;
  level: Level;
  weeklyKm: number;
  goalEvent: string | null;
  goalEventDate: string | null;
  /** The run log is complete from the first day of its RUN_DAYS (Patient.runsLoggedSince). */
  runsLoggedSince: string;
  createdAt: string;
  scenario: Scenario;
  redFlagScenario: boolean;
  side: "left" | "right" | "both";
  complaint: string;
  onsetDate: string;
  visits: string[];
  interval: number;
  trajectory: Trajectory;
  discharged: boolean;
  dischargedAt: string | null;
  /** The last visit is an unsigned draft. */
  draftLast: boolean;
  /** Index of a follow-up marked entered in error, or -1. */
  errorIndex: number;
  /** The red-flag screen is never completed (intake and follow-ups). */
  unscreened: boolean;
  ramp: boolean;
  redFlagStillPresent: boolean;
  /** Next review date on the episode (the last signed plan's), null when discharged. */
  nextReviewDate: string | null;
};

export function planPatient(seed: number, index: number, today: string): PatientPlan {
  const rng = prng(mix(seed, index, 1));
  const redFlagScenario = rng.chance(0.12);
  const scenario = redFlagScenario ? rng.pick(RED_FLAG_SCENARIOS) : rng.pick(OVERUSE_SCENARIOS);
  const sex = rng.chance(0.5) ? "female" : "male";
  const givenName = rng.pick(sex === "female" ? GIVEN_FEMALE : GIVEN_MALE);
  const familyName = rng.chance(0.15) ? `${rng.pick(FAMILY)}-${rng.pick(FAMILY)}` : rng.pick(FAMILY);
  const age = scenario.age ? rng.int(scenario.age[0], scenario.age[1]) : rng.int(16, 64);
  const birthDate = addDays(`${Number(today.slice(0, 4)) - age - 1}-${today.slice(5)}`, rng.int(1, 360));
  const level: Level = age < 18 ? "recreational" : rng.pick(["novice", "recreational", "recreational", "competitive"] as const);
  const weeklyKm = { novice: 12, recreational: 28, competitive: 55 }[level];

  const n = visitsFor(index);
  const trajectory: Trajectory = rng.chance(0.66) ? "improving" : rng.chance(0.6) ? "stalled" : "worsening";
  const discharged = trajectory === "improving" && rng.chance(0.25);
  // The intake is at most 240 days ago, so every evaluation has 59 days of runs before it.
  const lastAgo = discharged ? rng.int(30, 80) : rng.int(0, 24);
  const interval = Math.min(rng.int(14, 21), Math.floor((240 - lastAgo) / (n - 1)));
  const lastVisit = addDays(today, -lastAgo);
  const visits = Array.from({ length: n }, (_, k) => addDays(lastVisit, -(n - 1 - k) * interval));
  const draftLast = !discharged && rng.chance(0.12);
  const errorIndex = rng.chance(0.01) ? 3 : -1;
  const unscreened = rng.chance(0.025);
  // The last signed plan's next review: the draft's day when the last visit is a draft.
  const nextReview = draftLast ? visits[n - 1]! : addDays(lastVisit, interval);
  const intakeOn = visits[0]!;
  return {
    index,
    patientId: randomUUID(),
    episodeId: randomUUID(),
    mrn: `SYN-${String(index + 1).padStart(6, "0")}`,
    givenName,
    familyName,
    birthDate,
    sex,
    email: `${givenName}.${familyName}.${index + 1}`.toLowerCase().replace(/[^a-z0-9.]/g, "") + "@synthetic.example",
    phone: `+44 7700 9${String(rng.int(0, 99999)).padStart(5, "0")}`,
    level,
    weeklyKm,
    goalEvent: rng.chance(0.7) ? rng.pick(GOALS) : null,
    goalEventDate: rng.chance(0.6) ? addDays(today, rng.int(30, 200)) : null,
    runsLoggedSince: addDays(today, -(RUN_DAYS - 1)),
    createdAt: `${addDays(intakeOn, -rng.int(1, 6))}T${String(8 + rng.int(0, 9)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00.000Z`,
    scenario,
    redFlagScenario,
    side: rng.pick(["left", "right", "right", "left", "both"] as const),
    complaint: scenario.complaint ?? rng.pick(COMPLAINTS),
    onsetDate: addDays(intakeOn, -rng.int(10, 80)),
    visits,
    interval,
    trajectory,
    discharged,
    dischargedAt: discharged ? `${lastVisit}T16:00:00.000Z` : null,
    draftLast,
    errorIndex,
    unscreened,
    ramp: rng.chance(0.3),
    redFlagStillPresent: redFlagScenario && rng.chance(0.5),
    nextReviewDate: discharged ? null : nextReview,
  };
}

export type RunRow = {
  id: string;
  date: string;
  distanceKm: number;
  durationSec: number;
  surface: "road" | "track" | "treadmill" | "trail";
};

/** Exactly RUNS_PER_PATIENT runs, one in each three-day block of the last RUN_DAYS days. */
export function buildRuns(seed: number, plan: PatientPlan, today: string): RunRow[] {
  const rng = prng(mix(seed, plan.index, 2));
  const first = addDays(today, -(RUN_DAYS - 1));
  const intake = plan.visits[0]!;
  const intakeMs = Date.parse(intake);
  const perRun = plan.weeklyKm / (7 / 3);
  const pace = { novice: 390, recreational: 330, competitive: 270 }[plan.level] + rng.int(-20, 30);
  const surfaces = ["road", "road", "trail", "track", "treadmill"] as const;
  const runs: RunRow[] = [];
  let spiked = false;
  for (let j = 0; j < RUNS_PER_PATIENT; j++) {
    const date = addDays(first, j * 3 + rng.int(0, 2));
    const daysToIntake = (intakeMs - Date.parse(date)) / 86_400_000;
    let factor = 1;
    if (daysToIntake >= 0 && daysToIntake < 14 && plan.ramp) factor = 1.6;
    if (daysToIntake < 0) {
      const weeksAfter = -daysToIntake / 7;
      factor = plan.trajectory === "worsening" ? 0.9 + Math.min(weeksAfter, 12) * 0.04 : Math.min(1, 0.45 + weeksAfter * 0.06);
    }
    let km = perRun * factor * (0.7 + rng.next() * 0.6);
    if (plan.ramp && !spiked && daysToIntake >= 2 && daysToIntake <= 5) {
      km *= 2.1; // a long-run spike a few days before the intake
      spiked = true;
    }
    km = Math.max(1, Math.round(km * 10) / 10);
    runs.push({ id: randomUUID(), date, distanceKm: km, durationSec: Math.round(km * pace), surface: rng.pick(surfaces) });
  }
  return runs;
}

export type VisitRow = {
  id: string;
  kind: "intake" | "follow_up";
  assessedOn: string;
  status: "draft" | "signed" | "entered_in_error";
  answers: Answers;
  evaluation: Evaluation;
  /** The evaluate() input kept with a signed assessment (null for drafts). */
  input: EvaluationInput | null;
  createdAt: string;
  signedAt: string | null;
  enteredInErrorAt: string | null;
};

/** The visits of the episode, each evaluated by the real engine as signing would. */
export function buildVisits(seed: number, plan: PatientPlan, runs: readonly RunRow[]): VisitRow[] {
  const rng = prng(mix(seed, plan.index, 3));
  const { scenario, trajectory, level } = plan;
  // Runs are in date order: each evaluation gets the slice of its look-back window (buildEvaluationInput filters the same way).
  const recordRuns: RecordRun[] = runs.map((r) => ({ date: r.date, distanceKm: r.distanceKm, surface: r.surface }));
  const windowOf = (day: string) => {
    const from = addDays(day, -RUN_WINDOW_DAYS);
    let lo = 0;
    while (lo < recordRuns.length && recordRuns[lo]!.date < from) lo++;
    let hi = lo;
    while (hi < recordRuns.length && recordRuns[hi]!.date <= day) hi++;
    return recordRuns.slice(lo, hi);
  };
  const risk = (p: number) => rng.chance(p);
  const baseTegner = { novice: 4, recreational: 6, competitive: 8 }[level];
  const age = Number(plan.visits[0]!.slice(0, 4)) - Number(plan.birthDate.slice(0, 4));
  const intakePain = rng.int(3, 8);
  const training = {
    hardSurfaces: risk(0.3),
    camberedRoads: risk(0.2),
    trackSameDirection: risk(0.1),
    treadmillMostly: risk(0.15),
    recentSpeedIncrease: risk(0.25),
    recentHillIncrease: risk(0.25),
    overstriding: risk(0.25),
    warmUp: !risk(0.35),
    restDaysPerWeek: risk(0.15) ? 0 : rng.int(1, 3),
    shoeDistanceKm: risk(0.25) ? rng.int(820, 1300) : rng.int(80, 650),
    shoePairsInRotation: risk(0.4) ? 1 : rng.int(2, 3),
  };
  const exam = {
    ...EXAM_NORMAL,
    singleLegSquatValgus: risk(0.3),
    hipAbductorWeakness: risk(0.3),
    quadricepsControlDeficit: risk(0.2),
    hamstringTightness: risk(0.3),
    ankleDorsiflexionLimited: risk(0.2),
    ...scenario.exam,
  };
  const history = {
    priorKneeInjury: risk(0.25),
    previousBoneStressInjury: risk(0.05),
    historyOfCancer: false,
    recentJointInjection: false,
    immunosuppressed: false,
    lowEnergyAvailability: risk(0.05),
    ...scenario.history,
  };
  const symptoms = intakeSymptoms(rng, intakePain, plan.unscreened, scenario.symptoms);
  const context = {
    painTimes: ["during_run", "after_run"] as ("during_run" | "after_run")[],
    swellingTiming: scenario.symptoms?.swellingWithin2hOfInjury
      ? ("within_2h" as const)
      : scenario.symptoms?.visibleSwelling
        ? ("gradual" as const)
        : ("none" as const),
    medication: rng.chance(0.3) ? "Ibuprofen 400 mg as needed" : "None",
    allergies: rng.chance(0.15) ? "Penicillin" : "None known",
    comorbidities: age > 50 && rng.chance(0.4) ? "Hypertension, treated" : "None",
    treatmentsTried: rng.pick(["Rest for a week", "Ice and foam rolling", "None", "Knee sleeve, ibuprofen"]),
    trainingChanges: plan.ramp ? "Increased weekly distance quickly for a race" : "No recent change",
  };

  const priors: { assessedOn: string; answers: ClinicalAnswers }[] = [];
  const out: VisitRow[] = [];
  let pain = intakePain;
  let severity = intakePain / 10;
  let tegner = baseTegner - rng.int(1, 3);
  const n = plan.visits.length;
  for (let k = 0; k < n; k++) {
    const assessedOn = plan.visits[k]!;
    const isIntake = k === 0;
    if (!isIntake) {
      const step = trajectory === "improving" ? -rng.int(0, 2) : trajectory === "worsening" ? rng.int(0, 2) : rng.int(-1, 1);
      pain = clamp(pain + step, 0, 10);
      severity = clamp(severity + step * (trajectory === "stalled" ? 0.03 : 0.08), 0.02, 0.95);
      tegner = clamp(
        tegner + (trajectory === "improving" ? rng.int(0, 1) : trajectory === "worsening" ? -rng.int(0, 1) : 0),
        0,
        baseTegner,
      );
    }
    const screen = plan.unscreened ? {} : SCREEN_NO;
    const followUpSymptoms: SymptomsInput = {
      ...screen,
      painNow: pain,
      painWorstWeek: Math.min(10, pain + 1),
      painDuringRun: Math.min(10, pain + 1),
      daysPersistingDespiteReducedTraining: trajectory === "improving" ? 0 : rng.int(3, 12),
      ...Object.fromEntries((scenario.persists ?? []).map((key) => [key, trajectory !== "improving"])),
      // Some red-flag pictures are still present at the latest visit (awaiting the physician).
      ...(plan.redFlagStillPresent && k === n - 1 ? scenario.symptoms : {}),
    };
    const measures = measuresFor(rng, severity, tegner, isIntake && plan.index % 9 === 4);
    const nextReview = k === n - 1 ? addDays(assessedOn, plan.interval) : plan.visits[k + 1];
    const plannedItems = isIntake
      ? scenario.plan
      : trajectory === "improving"
        ? (["walk_run_progression", "pain_monitoring", "strengthen_hip_thigh"] as PlanItem[])
        : scenario.plan;
    const planAnswers = { items: planItems(rng, plannedItems), nextReviewDate: nextReview };
    const answers: Answers = isIntake
      ? { symptoms, history, exam, training, measures, context, plan: planAnswers }
      : followUpAnswers(rng, { visit: k, trajectory, symptoms: followUpSymptoms, exam, history, training, measures, plan: planAnswers });
    const input = buildEvaluationInput({
      assessedOn,
      loggedSince: plan.runsLoggedSince,
      patient: { birthDate: plan.birthDate, sex: plan.sex },
      episode: { mechanism: scenario.mechanism, side: plan.side, onsetDate: plan.onsetDate },
      answers,
      runs: windowOf(assessedOn),
      priors,
      settings: DEFAULT_SETTINGS,
    });
    const evaluation = evaluate(input);
    const isDraft = plan.draftLast && k === n - 1;
    const hour = String(9 + ((plan.index + k) % 8)).padStart(2, "0");
    const status = isDraft ? "draft" : k === plan.errorIndex ? "entered_in_error" : "signed";
    out.push({
      id: randomUUID(),
      kind: isIntake ? "intake" : "follow_up",
      assessedOn,
      status,
      answers,
      evaluation,
      input: isDraft ? null : input,
      createdAt: `${assessedOn}T${hour}:05:00.000Z`,
      signedAt: isDraft ? null : `${assessedOn}T${hour}:40:00.000Z`,
      enteredInErrorAt: status === "entered_in_error" ? `${assessedOn}T18:00:00.000Z` : null,
    });
    if (status === "signed") priors.push({ assessedOn, answers });
  }
  return out;
}
