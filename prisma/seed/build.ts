/**
 * Builds one demo clinic: staff, runners, episodes, runs, assessments with
 * evaluations computed by the real engine, and (later) referrals. Dates are
 * relative to `today`, so reviews are due, overdue and upcoming whenever the
 * seed is run. Deterministic for a given clinic seed and day.
 */
import { DEFAULT_SETTINGS } from "../../lib/domain";
import { evaluate, RISK_FACTOR_CODES, type Evaluation, type SymptomsInput } from "../../lib/clinical";
import { buildEvaluationInput, type ClinicalAnswers } from "../../lib/clinical/record-input";
import { refreshEpisodeSummary } from "../../lib/data/episode-summary";
import { asJson } from "../../lib/data/tx";
import { createReferralDraftIn, signReferralIn } from "../../lib/data/referrals";
import { redFlagStateIn } from "../../lib/data/red-flag-state";
import { addDays } from "../../lib/format";
import type { Prisma } from "../../prisma/generated/client";
import { deriveAnswers, type Answers } from "../../lib/validation/assessment";
import { COMPLAINTS, FAMILY, GIVEN_FEMALE, GIVEN_MALE, GOALS } from "./names";
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
} from "./generators";
import { seedDischarges } from "./discharges";
import { seedProgrammes } from "./programmes";
import { seedReturnToRun } from "./return-to-run";
import { EMERGENCY_DEPARTMENT, OVERUSE_SCENARIOS, RED_FLAG_SCENARIOS, type Scenario } from "./scenarios";

type Tx = Prisma.TransactionClient;

export type DemoClinic = {
  name: string;
  phone: string;
  address: string;
  timezone: string;
  seed: number;
  runners: number;
  users: { email: string; name: string; role: "admin" | "clinician" | "viewer"; title: string; phone?: string }[];
};

export type SeedCounts = {
  users: number;
  patients: number;
  episodes: number;
  runs: number;
  assessments: number;
  referrals: number;
  returnToRunPlans: number;
};

type RunRow = { date: string; distanceKm: number; surface: "road" | "track" | "treadmill" | "trail" | null; durationSec: number | null };

/** Training log: a steady base, an optional ramp and spike before the intake, a cut-back after it. */
function buildRuns(
  rng: Rng,
  level: "novice" | "recreational" | "competitive",
  start: string,
  intake: string,
  today: string,
  ramp: boolean,
  trajectory: Trajectory,
): RunRow[] {
  const weekly = { novice: 12, recreational: 28, competitive: 55 }[level];
  const sessions = { novice: 3, recreational: 4, competitive: 6 }[level];
  const surfaces = ["road", "road", "trail", "track", "treadmill"] as const;
  const runs: RunRow[] = [];
  for (let day = start; day <= today; day = addDays(day, 1)) {
    if (!rng.chance(sessions / 7)) continue;
    const daysToIntake = (Date.parse(intake) - Date.parse(day)) / 86_400_000;
    let factor = 1;
    if (daysToIntake >= 0 && daysToIntake < 14 && ramp) factor = 1.6;
    if (daysToIntake < 0) {
      const weeksAfter = -daysToIntake / 7;
      factor = trajectory === "worsening" ? 0.9 + weeksAfter * 0.05 : Math.min(1, 0.45 + weeksAfter * 0.06);
    }
    let km = (weekly / sessions) * factor * (0.7 + rng.next() * 0.6);
    if (ramp && daysToIntake >= 2 && daysToIntake <= 5 && !runs.some((r) => r.date > addDays(intake, -6) && r.distanceKm > 20)) km *= 2.1; // a long-run spike
    km = Math.round(km * 10) / 10;
    if (km < 1) continue;
    const pace = { novice: 390, recreational: 330, competitive: 270 }[level] + rng.int(-20, 30);
    runs.push({ date: day, distanceKm: km, surface: rng.pick(surfaces), durationSec: Math.round(km * pace) });
  }
  return runs;
}

/**
 * Signs the seeded drafts in one set-based UPDATE, as the app would have
 * (signer, time, the engine input and settings kept with the record), then
 * marks the chosen ones entered in error in another. PostgreSQL's triggers
 * check every row and stamp the signer's name and title.
 */
async function signDrafts(
  tx: Tx,
  clinicId: string,
  signerId: string,
  toSign: { id: string; signedAt: string; input: unknown }[],
  toMarkInError: { id: string; at: string; reason: string }[],
): Promise<void> {
  const signed = await tx.$executeRaw`
    UPDATE "Assessment" a
       SET status = 'signed', "signedById" = ${signerId}::uuid, "signedAt" = s."signedAt", "evaluationInput" = s.input,
           "settingsUsed" = ${JSON.stringify(DEFAULT_SETTINGS)}::jsonb, version = a.version + 1, "updatedAt" = s."signedAt"
      FROM jsonb_to_recordset(${JSON.stringify(toSign)}::jsonb) AS s(id uuid, "signedAt" timestamptz, input jsonb)
     WHERE a.id = s.id AND a."clinicId" = ${clinicId}::uuid AND a.status = 'draft'`;
  if (signed !== toSign.length) throw new Error(`signed ${signed} of ${toSign.length} seeded assessments`);
  const marked = await tx.$executeRaw`
    UPDATE "Assessment" a
       SET status = 'entered_in_error', "enteredInErrorReason" = s.reason, "enteredInErrorById" = ${signerId}::uuid,
           "enteredInErrorAt" = s.at, "updatedById" = ${signerId}::uuid, version = a.version + 1, "updatedAt" = s.at
      FROM jsonb_to_recordset(${JSON.stringify(toMarkInError)}::jsonb) AS s(id uuid, at timestamptz, reason text)
     WHERE a.id = s.id AND a."clinicId" = ${clinicId}::uuid AND a.status = 'signed'`;
  if (marked !== toMarkInError.length) throw new Error(`marked ${marked} of ${toMarkInError.length} seeded assessments entered in error`);
}

/** Discharged demo episodes were discharged at the end of their last visit's day (after its signing and red-flag actions). */
const DISCHARGE_TIME = "17:30:00Z";

type SeededEpisode = {
  id: string;
  intakeId: string;
  nextReviewDate: string | null;
  scenario: Scenario;
  redFlagScenario: boolean;
  dischargedOn: string | null;
};

type ReferralOutcome = { status: "draft" | "signed" | "sent" | "cancelled"; recipient: string | null; at: Date };

const minutesAfter = (at: string | Date, minutes: number) => new Date(new Date(at).getTime() + minutes * 60_000);

/**
 * What the demo clinicians did about each red flag, as a clinic would have
 * recorded it (RedFlagAction rows; the open items follow from them,
 * lib/domain/red-flag-items.ts):
 * - a referral sent for the intake's flags: "sent to the emergency
 *   department" when it went to the ED (the septic knee), else "urgent
 *   referral made" (the SCFE teenager: the same day), just after it was sent;
 * - a referral cancelled because the runner went to their GP: "discussed with doctor";
 * - a referral drafted or signed but not sent: the flags stay open (the caseload shows both);
 * - a red-flag picture without a referral: the same day, by urgency (ED,
 *   doctor, or advice and safety-netting);
 * - a flag raised again at a later visit, or raised in an overuse episode:
 *   advice and safety-netting for "soon", otherwise it stays open today;
 * - a discharged episode: anything still open was reviewed at discharge.
 */
async function seedRedFlagActions(
  tx: Tx,
  clinicId: string,
  actedById: string,
  episodes: SeededEpisode[],
  referrals: Map<string, ReferralOutcome>,
  signedAt: Map<string, string>,
): Promise<void> {
  // An action closes an item; a later firing of the same code then raises a new one: decide again until nothing is new.
  const decided = new Set<string>();
  for (;;) {
    const state = await redFlagStateIn(
      tx,
      clinicId,
      episodes.map((e) => e.id),
    );
    const rows: Prisma.RedFlagActionCreateManyInput[] = [];
    for (const e of episodes) {
      const referral = referrals.get(e.id);
      for (const f of state.get(e.id)!.openRedFlags) {
        const key = `${e.id} ${f.code} ${f.assessmentId}`;
        if (decided.has(key)) continue;
        decided.add(key);
        const raisedAt = signedAt.get(f.assessmentId)!;
        const byIntake = f.assessmentId === e.intakeId;
        const act = (action: Prisma.RedFlagActionCreateManyInput["action"], at: Date, note: string, reason?: string) =>
          rows.push({
            clinicId,
            episodeId: e.id,
            assessmentId: f.assessmentId,
            code: f.code,
            action,
            note,
            reason,
            actedById,
            actedByName: "",
            actedAt: at,
          });
        if (referral && byIntake && referral.status === "sent") {
          if (referral.recipient === EMERGENCY_DEPARTMENT)
            act(
              "sent_to_ed",
              minutesAfter(referral.at, 10),
              "Sent to the emergency department with the referral letter; a relative drove them there. ED triage informed by phone.",
            );
          else
            act(
              "urgent_referral",
              minutesAfter(referral.at, 10),
              `Referral sent to ${referral.recipient ?? "the runner's GP"}. No running until seen.`,
            );
        } else if (referral && byIntake && referral.status === "cancelled") {
          act(
            "discussed_with_doctor",
            minutesAfter(referral.at, 20),
            "The runner chose to see their own GP; findings discussed with the GP by phone the same day.",
          );
        } else if (referral && byIntake && !e.dischargedOn) {
          continue; // the referral is not sent yet: the flag stays open
        } else if (e.redFlagScenario && byIntake) {
          const [action, note] =
            f.urgency === "emergency"
              ? (["sent_to_ed", "Sent to the emergency department the same day."] as const)
              : f.urgency === "urgent"
                ? ([
                    "discussed_with_doctor",
                    "Discussed with the clinic's sports physician the same day; seen by them within the week.",
                  ] as const)
                : (["advised_safety_netted", "Advised on load; to come back sooner if it gets worse or new symptoms appear."] as const);
          act(action, minutesAfter(raisedAt, 30), note);
        } else if (referral && (referral.status === "sent" || referral.status === "cancelled")) {
          // Raised again at a later visit while under the doctor the runner was referred to: passed on the same day.
          act(
            "discussed_with_doctor",
            minutesAfter(raisedAt, 30),
            `Still under ${referral.recipient ?? "their GP"}: today's findings passed on by phone.`,
          );
        } else if (f.urgency === "soon" || f.urgency === "routine") {
          act(
            "advised_safety_netted",
            minutesAfter(raisedAt, 30),
            "Advised on load; to come back sooner if it gets worse or new symptoms appear.",
          );
        } else if (e.dischargedOn) {
          act("advised_safety_netted", new Date(`${e.dischargedOn}T17:00:00Z`), "Reviewed at discharge: settled, safety-netted.");
        }
      }
    }
    if (!rows.length) return;
    await tx.redFlagAction.createMany({ data: rows });
  }
}

export async function buildClinicData(tx: Tx, def: DemoClinic, passwordHash: string, today: string): Promise<SeedCounts> {
  const rng = prng(def.seed * 7919);
  const clinic = await tx.clinic.create({
    // Demo clinics sign in with email and password alone (new clinics require two-factor sign-in of admins).
    data: { name: def.name, isDemo: true, phone: def.phone, address: def.address, timezone: def.timezone, twoFactorRequired: "off" },
  });
  await tx.clinicSettings.create({ data: { clinicId: clinic.id } });
  const users = [];
  for (const u of def.users) {
    users.push(
      await tx.user.create({
        data: { clinicId: clinic.id, email: u.email, name: u.name, role: u.role, title: u.title, phone: u.phone ?? null, passwordHash },
      }),
    );
  }
  const signer = users.find((u) => u.role === "clinician") ?? users[0]!;
  const counts: SeedCounts = { users: users.length, patients: 0, episodes: 0, runs: 0, assessments: 0, referrals: 0, returnToRunPlans: 0 };
  await tx.auditEvent.create({
    data: { clinicId: clinic.id, userId: null, action: "seed.demo_data", entityType: "Clinic", entityId: clinic.id },
  });

  const usedNames = new Set<string>();
  const referralCandidates: { episodeId: string; intakeId: string; intakeOn: string; scenario: Scenario }[] = [];
  // PostgreSQL accepts assessments only as drafts: they are signed (and some marked entered in error) afterwards, set-based.
  const toSign: { id: string; signedAt: string; input: unknown }[] = [];
  const toMarkInError: { id: string; at: string; reason: string }[] = [];
  const episodes: SeededEpisode[] = [];
  for (let i = 0; i < def.runners; i++) {
    const scenario: Scenario =
      i < RED_FLAG_SCENARIOS.length
        ? RED_FLAG_SCENARIOS[i]!
        : OVERUSE_SCENARIOS[(i - RED_FLAG_SCENARIOS.length) % OVERUSE_SCENARIOS.length]!;
    const sex = rng.chance(0.5) ? "female" : "male";
    let given: string, family: string;
    do {
      given = rng.pick(sex === "female" ? GIVEN_FEMALE : GIVEN_MALE);
      family = rng.pick(FAMILY);
    } while (usedNames.has(`${given} ${family}`));
    usedNames.add(`${given} ${family}`);
    const age = scenario.age ? rng.int(scenario.age[0], scenario.age[1]) : rng.int(15, 70);
    const birthDate = addDays(`${Number(today.slice(0, 4)) - age - 1}-${today.slice(5)}`, rng.int(1, 360));
    const level = age < 18 ? "recreational" : rng.pick(["novice", "recreational", "recreational", "competitive"] as const);

    // Visits: intake, then 1-6 follow-ups two to three weeks apart, the last one recent.
    const followUps = rng.int(1, 6);
    const interval = rng.int(14, 21);
    const lastVisit = addDays(today, -rng.int(0, interval + 4));
    const visits = Array.from({ length: followUps + 1 }, (_, k) => addDays(lastVisit, -(followUps - k) * interval));
    const intakeOn = visits[0]!;
    const trajectory: Trajectory = rng.chance(0.68) ? "improving" : rng.chance(0.6) ? "stalled" : "worsening";
    const forcedRisk = i < RISK_FACTOR_CODES.length ? RISK_FACTOR_CODES[(i * 7) % RISK_FACTOR_CODES.length] : undefined;
    const ramp = forcedRisk === "rapid_distance_increase" || forcedRisk === "single_run_spike" || rng.chance(0.3);

    const patient = await tx.patient.create({
      data: {
        clinicId: clinic.id,
        mrn: `${def.name.slice(0, 2).toUpperCase()}-${String(100231 + i * 37).padStart(6, "0")}`,
        givenName: given,
        familyName: family,
        birthDate: new Date(`${birthDate}T00:00:00Z`),
        sex,
        email: `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, "") + "@mail.example",
        phone: `+44 7700 9${String(rng.int(0, 99999)).padStart(5, "0")}`,
        runningLevel: level,
        weeklyDistanceKm: { novice: 12, recreational: 28, competitive: 55 }[level],
        goalEvent: rng.chance(0.7) ? rng.pick(GOALS) : null,
        goalEventDate: rng.chance(0.6) ? new Date(`${addDays(today, rng.int(30, 200))}T00:00:00Z`) : null,
      },
    });
    counts.patients++;

    const runs = buildRuns(rng, level, addDays(intakeOn, -100), intakeOn, today, ramp, trajectory);
    // The log is complete from its first run (as the app proposes it).
    const runsLoggedSince = runs[0]?.date ?? null;
    if (runsLoggedSince)
      await tx.patient.update({ where: { id: patient.id }, data: { runsLoggedSince: new Date(`${runsLoggedSince}T00:00:00Z`) } });
    await tx.run.createMany({
      data: runs.map((r) => ({
        clinicId: clinic.id,
        patientId: patient.id,
        date: new Date(`${r.date}T00:00:00Z`),
        distanceKm: r.distanceKm,
        durationSec: r.durationSec,
        surface: r.surface,
        source: "seed" as const,
      })),
    });
    counts.runs += runs.length;

    const discharged = trajectory === "improving" && rng.chance(0.15);
    const episode = await tx.episode.create({
      data: {
        clinicId: clinic.id,
        patientId: patient.id,
        side: rng.pick(["left", "right", "right", "left", "both"] as const),
        complaint: scenario.complaint ?? rng.pick(COMPLAINTS),
        onsetDate: new Date(`${addDays(intakeOn, -rng.int(10, 80))}T00:00:00Z`),
        mechanism: scenario.mechanism,
        status: discharged ? "discharged" : "open",
        dischargedAt: discharged ? new Date(`${lastVisit}T${DISCHARGE_TIME}`) : null,
      },
    });
    counts.episodes++;

    // Intake answers: the scenario on top of a complete red-flag screen (two runners per clinic left unscreened).
    const unscreened = i === def.runners - 1 || i === def.runners - 2;
    const risk = (code: string, p = 0.3) => forcedRisk === code || rng.chance(p);
    const baseTegner = { novice: 4, recreational: 6, competitive: 8 }[level];
    const intakePain = rng.int(4, 7);
    const training = {
      hardSurfaces: risk("hard_surfaces"),
      camberedRoads: risk("cambered_or_one_direction", 0.2),
      trackSameDirection: rng.chance(0.1),
      treadmillMostly: risk("treadmill_monotony", 0.15),
      recentSpeedIncrease: risk("speed_or_hill_increase", 0.25),
      recentHillIncrease: rng.chance(0.25),
      overstriding: risk("overstriding", 0.25),
      warmUp: !risk("no_warm_up", 0.35),
      restDaysPerWeek: risk("insufficient_rest", 0.15) ? 0 : rng.int(1, 3),
      shoeDistanceKm: risk("worn_footwear", 0.25) ? rng.int(820, 1300) : rng.int(80, 650),
      shoePairsInRotation: risk("single_shoe_pair", 0.4) ? 1 : rng.int(2, 3),
    };
    const exam = {
      ...EXAM_NORMAL,
      singleLegSquatValgus: risk("dynamic_knee_valgus"),
      hipAbductorWeakness: risk("hip_abductor_weakness"),
      quadricepsControlDeficit: risk("quadriceps_control_deficit", 0.2),
      hamstringTightness: risk("hamstring_tightness"),
      ankleDorsiflexionLimited: risk("ankle_dorsiflexion_limited", 0.2),
      ...scenario.exam,
    };
    const history = {
      priorKneeInjury: risk("prior_knee_injury", 0.25),
      previousBoneStressInjury: risk("previous_bone_stress_injury", 0.05),
      historyOfCancer: false,
      recentJointInjection: false,
      immunosuppressed: false,
      lowEnergyAvailability: risk("low_energy_availability", 0.05),
      ...scenario.history,
    };
    const symptoms = intakeSymptoms(rng, intakePain, unscreened, scenario.symptoms);

    const priors: { assessedOn: string; answers: ClinicalAnswers }[] = [];
    let pain = intakePain;
    let severity = intakePain / 10;
    let tegner = baseTegner - rng.int(1, 3);
    const draftLast = rng.chance(0.12) && !discharged;
    const redFlagStillPresent = i < RED_FLAG_SCENARIOS.length && rng.chance(0.5);
    const errorIndex = i === 3 && followUps >= 2 ? 1 : -1; // one follow-up per clinic entered in error
    let lastSignedPlan: Answers["plan"] | undefined;
    let intakeId: string | undefined;

    for (let k = 0; k < visits.length; k++) {
      const assessedOn = visits[k]!;
      const isIntake = k === 0;
      if (!isIntake) {
        const step = trajectory === "improving" ? -rng.int(1, 2) : trajectory === "worsening" ? rng.int(1, 2) : rng.int(-1, 1);
        pain = clamp(pain + step, 0, 10);
        severity = clamp(severity + step * (trajectory === "stalled" ? 0.03 : 0.09), 0.02, 0.95);
        tegner = clamp(
          tegner + (trajectory === "improving" ? rng.int(0, 1) : trajectory === "worsening" ? -rng.int(0, 1) : 0),
          0,
          baseTegner,
        );
      }
      const followUpSymptoms: SymptomsInput = {
        ...SCREEN_NO,
        painNow: pain,
        painWorstWeek: Math.min(10, pain + 1),
        painDuringRun: Math.min(10, pain + 1),
        daysPersistingDespiteReducedTraining: trajectory === "improving" ? 0 : rng.int(3, 12),
        ...Object.fromEntries((scenario.persists ?? []).map((key) => [key, trajectory !== "improving"])),
        // Some red-flag pictures are still present at the latest visit (awaiting the physician).
        ...(redFlagStillPresent && k === visits.length - 1 ? scenario.symptoms : {}),
      };
      const measures = measuresFor(rng, severity, tegner, isIntake && i % 9 === 4);
      const nextReview = k === visits.length - 1 ? addDays(assessedOn, interval) : visits[k + 1];
      const plan = {
        items: planItems(
          rng,
          isIntake
            ? scenario.plan
            : trajectory === "improving" && !scenario.stopsRunning
              ? ["walk_run_progression", "pain_monitoring", "strengthen_hip_thigh"]
              : scenario.plan,
        ),
        nextReviewDate: nextReview,
      };
      const recorded: Answers = isIntake
        ? {
            symptoms,
            history,
            exam,
            training,
            measures,
            context: {
              painTimes: ["during_run", "after_run"],
              swellingTiming: scenario.symptoms?.swellingWithin2hOfInjury
                ? "within_2h"
                : scenario.symptoms?.visibleSwelling
                  ? "gradual"
                  : "none",
              ...(scenario.wellsDvtCriteria ? { wellsDvtCriteria: scenario.wellsDvtCriteria } : {}),
              medication: rng.chance(0.3) ? "Ibuprofen 400 mg as needed" : "None",
              allergies: rng.chance(0.15) ? "Penicillin" : "None known",
              comorbidities: age > 50 && rng.chance(0.4) ? "Hypertension, treated" : "None",
              treatmentsTried: rng.pick(["Rest for a week", "Ice and foam rolling", "None", "Knee sleeve, ibuprofen"]),
              trainingChanges: ramp ? "Increased weekly distance quickly for a race" : "No recent change",
            },
            plan,
          }
        : followUpAnswers(rng, { visit: k, trajectory, symptoms: followUpSymptoms, exam, history, training, measures, plan });
      // As the form and the server do: swelling timing and the Wells criteria decide their engine inputs.
      const answers = deriveAnswers(recorded);
      const input = buildEvaluationInput({
        assessedOn,
        loggedSince: runsLoggedSince,
        patient: { birthDate, sex },
        episode: { mechanism: scenario.mechanism, side: episode.side, onsetDate: episode.onsetDate?.toISOString().slice(0, 10) },
        answers,
        runs: runs.filter((r) => r.date <= assessedOn),
        priors,
        settings: undefined,
      });
      const evaluation: Evaluation = evaluate(input);
      const isDraft = draftLast && k === visits.length - 1 && k > 0;
      const row = await tx.assessment.create({
        data: {
          clinicId: clinic.id,
          episodeId: episode.id,
          kind: isIntake ? "intake" : "follow_up",
          assessedOn: new Date(`${assessedOn}T00:00:00Z`),
          answers: asJson(answers),
          evaluation: asJson(evaluation),
          rulesVersion: evaluation.rulesVersion,
          urgency: evaluation.urgency,
          createdById: signer.id,
          updatedById: signer.id,
        },
      });
      counts.assessments++;
      if (isIntake) intakeId = row.id;
      if (!isDraft) toSign.push({ id: row.id, signedAt: `${assessedOn}T${String(9 + (k % 8)).padStart(2, "0")}:30:00Z`, input });
      if (isIntake && scenario.referral)
        referralCandidates.push({ episodeId: episode.id, intakeId: row.id, intakeOn: assessedOn, scenario });
      if (k === errorIndex) {
        toMarkInError.push({
          id: row.id,
          at: `${assessedOn}T18:00:00Z`,
          reason: "Recorded against the wrong episode; see the next follow-up.",
        });
      } else if (!isDraft) {
        priors.push({ assessedOn, answers });
        lastSignedPlan = plan;
      }
    }
    episodes.push({
      id: episode.id,
      intakeId: intakeId!,
      nextReviewDate: !discharged ? (lastSignedPlan?.nextReviewDate ?? null) : null,
      scenario,
      redFlagScenario: i < RED_FLAG_SCENARIOS.length,
      dischargedOn: discharged ? lastVisit : null,
    });
  }
  await signDrafts(tx, clinic.id, signer.id, toSign, toMarkInError);
  for (const e of episodes) {
    if (e.nextReviewDate)
      await tx.episode.update({ where: { id: e.id }, data: { nextReviewDate: new Date(`${e.nextReviewDate}T00:00:00Z`) } });
  }
  // Referrals: signed, sent, cancelled and draft ones, several urgent, built by the same code as the app.
  const actor = {
    userId: signer.id,
    clinicId: clinic.id,
    clinicName: clinic.name,
    timezone: clinic.timezone,
    role: signer.role,
    name: signer.name,
    email: signer.email,
    title: signer.title,
  };
  const recipients = [
    "Dr A. Patel, Sports & Exercise Medicine",
    "Orthopaedic knee clinic, City Hospital",
    "Emergency department, City Hospital",
    null,
  ];
  const referralOutcome = new Map<string, ReferralOutcome>();
  for (const [n, c] of referralCandidates.entries()) {
    const referral = c.scenario.referral!;
    const draft = await createReferralDraftIn(tx, actor, c.episodeId, c.intakeId);
    const recipient = referral.recipient ?? recipients[n % recipients.length] ?? null;
    // A same-day referral is written, signed and sent within the hour after the intake; the others in the afternoon.
    const at = (time: string) =>
      new Date(`${c.intakeOn}T${referral.sameDay ? time.replace(/^1[4-7]/, (h) => String(Number(h) - 4)) : time}Z`);
    await tx.referral.update({
      where: { id: draft.id },
      // The clinician's reason and question, about the flag the intake fired (the engine's list of flags is the default).
      data: { question: referral.question, reason: referral.reason, recipient, createdAt: at("14:30:00") },
    });
    counts.referrals++;
    // 0 signed, 1 sent, 2 draft, 3 sent (one cancelled); same-day referrals are always sent.
    const state = referral.sameDay ? 1 : n % 4;
    const outcome: ReferralOutcome = { status: state === 2 ? "draft" : state === 0 ? "signed" : "sent", recipient, at: at("16:00:00") };
    referralOutcome.set(c.episodeId, outcome);
    if (state === 2) continue;
    await signReferralIn(tx, actor, draft.id, draft.version, at("15:00:00"));
    if (state === 1 || state === 3)
      await tx.referral.update({
        where: { id: draft.id },
        data: { status: "sent", sentAt: at("16:00:00"), version: { increment: 1 } },
      });
    if (n === 3 && !referral.sameDay) {
      outcome.status = "cancelled";
      outcome.at = at("17:00:00");
      await tx.referral.update({
        where: { id: draft.id },
        data: {
          status: "cancelled",
          cancelledAt: outcome.at,
          cancelReason: "Runner chose to see their own GP.",
          version: { increment: 1 },
        },
      });
    }
  }
  const signedAt = new Map(toSign.map((a) => [a.id, a.signedAt]));
  await seedRedFlagActions(tx, clinic.id, signer.id, episodes, referralOutcome, signedAt);
  const signNow = (rows: { id: string; signedAt: string; input: unknown }[]) => signDrafts(tx, clinic.id, signer.id, rows, []);
  counts.returnToRunPlans = (await seedReturnToRun(tx, clinic.id, signer, episodes, today, signNow)).length;
  await seedDischarges(tx, actor, episodes);
  for (const e of episodes) await refreshEpisodeSummary(tx, clinic.id, e.id);
  const admin = users.find((u) => u.role === "admin") ?? signer;
  await seedProgrammes(tx, clinic.id, { clinicianId: signer.id, adminId: admin.id }, episodes, today);
  return counts;
}
