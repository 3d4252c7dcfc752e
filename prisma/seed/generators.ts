/**
 * Generators shared by the demo seed (prisma/seed/build.ts) and the large
 * synthetic clinic (scripts/synth): a deterministic PRNG, a complete
 * red-flag screen answered "no", outcome measures for a severity, plan items.
 */
import { type PlanItem } from "../../lib/domain";
import type { ExamInput, HistoryInput, MeasuresInput, SymptomsInput } from "../../lib/clinical";
import type { Answers } from "../../lib/validation/assessment";

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Every red-flag question answered "no": the baseline of a complete screen. */
export const SCREEN_NO: SymptomsInput = {
  visibleSwelling: false,
  swellingWithin2hOfInjury: false,
  locking: false,
  catching: false,
  instability: false,
  sharpWeightBearingPain: false,
  limp: false,
  unableToBearWeightImmediately: false,
  unableToBearWeightNow: false,
  newNumbnessOrWeakness: false,
  coldOrPaleLimb: false,
  suspectedDislocation: false,
  patellarDislocation: false,
  calfSwellingOrTenderness: false,
  fever: false,
  hotSwollenJoint: false,
  unexplainedWeightLoss: false,
  painAtRest: false,
  nightPain: false,
  daysPersistingDespiteReducedTraining: 0,
};

/** An examination with nothing abnormal found (the movement findings are drawn per runner). */
export const EXAM_NORMAL = {
  effusion: "none",
  fullExtension: true,
  flexionTo90: true,
  tenderness: [],
  valgusStress0: "normal",
  valgusStress30: "normal",
  mcmurray: "negative",
  thessaly: "negative",
  hopPain: false,
  hipInternalRotationReduced: false,
  saphenousTinel: false,
} as const satisfies ExamInput;

/**
 * The intake's symptoms: pain around `intakePain`, the scenario's findings on
 * top; a complete red-flag screen unless the runner was not screened.
 */
export function intakeSymptoms(rng: Rng, intakePain: number, unscreened: boolean, scenario: SymptomsInput | undefined): SymptomsInput {
  if (unscreened) return { painNow: intakePain, painDuringRun: Math.min(10, intakePain + 1), ...scenario };
  return {
    ...SCREEN_NO,
    painNow: intakePain,
    painWorstWeek: Math.min(10, intakePain + rng.int(1, 2)),
    painDuringRun: Math.min(10, intakePain + 1),
    morningStiffnessOver30Min: false,
    painOnStairs: rng.chance(0.4),
    painRisingFromChair: rng.chance(0.3),
    painProlongedSitting: rng.chance(0.2),
    daysPersistingDespiteReducedTraining: rng.int(0, 9),
    ...scenario,
  };
}

/** Outcome measures for a severity 0 (no problem) .. 1 (worst), with some noise. */
export function measuresFor(rng: Rng, severity: number, tegner: number, partialKoos: boolean): MeasuresInput {
  const item = (weight: number) => clamp(Math.round(severity * 4 * weight + (rng.next() - 0.5) * 0.5), 0, 4);
  const koos: Record<string, number> = {};
  const sub: [string, number, number][] = [
    ["P", 9, 0.9],
    ["S", 7, 0.6],
    ["A", 17, 0.5],
    ["SP", 5, 1.15],
    ["Q", 4, 1.0],
  ];
  for (const [prefix, n, w] of sub) {
    for (let k = 1; k <= n; k++) {
      if (partialKoos && prefix === "S" && k > 3) continue; // symptoms subscale left too incomplete to score
      koos[`${prefix}${k}`] = item(w);
    }
  }
  const lefs = Array.from({ length: 20 }, () => clamp(Math.round(4 - severity * 4 * 0.7 + (rng.next() - 0.5) * 0.5), 0, 4));
  const psfsScore = () => clamp(Math.round((1 - severity) * 10 + (rng.next() - 0.5)), 0, 10);
  return {
    koos,
    lefs,
    psfs: [
      { activity: "Running 10 km", score: psfsScore() },
      { activity: "Running downhill", score: psfsScore() },
      { activity: "Climbing stairs", score: psfsScore() },
    ],
    tegner: clamp(tegner, 0, 10),
  };
}

export function planItems(rng: Rng, base: PlanItem[]): PlanItem[] {
  const extra: PlanItem[] = rng.chance(0.5) ? ["footwear_review"] : [];
  return [...new Set([...base, ...extra])];
}

export type Trajectory = "improving" | "stalled" | "worsening";

/**
 * A follow-up's answers: the re-screen, the exam re-check (findings settle
 * when the runner improves), measures, training habits and the response.
 */
export function followUpAnswers(
  rng: Rng,
  a: {
    visit: number;
    trajectory: Trajectory;
    symptoms: SymptomsInput;
    exam: ExamInput;
    /** The intake's history: the bone-health answers are asked again at follow-ups. */
    history?: HistoryInput;
    training: NonNullable<Answers["training"]>;
    measures: MeasuresInput;
    plan: Answers["plan"];
  },
): Answers {
  const { exam, trajectory } = a;
  return {
    symptoms: a.symptoms,
    ...(a.history
      ? {
          history: { previousBoneStressInjury: a.history.previousBoneStressInjury, lowEnergyAvailability: a.history.lowEnergyAvailability },
        }
      : {}),
    exam: {
      effusion: exam.effusion === "large" || exam.effusion === "moderate" ? (trajectory === "improving" ? "trace" : exam.effusion) : "none",
      fullExtension: exam.fullExtension,
      flexionTo90: true,
      tenderness: trajectory === "improving" && a.visit > 1 ? [] : exam.tenderness,
      hopPain: trajectory === "improving" ? false : exam.hopPain,
      hipInternalRotationReduced: exam.hipInternalRotationReduced,
      valgusStress0: exam.valgusStress0,
    },
    measures: a.measures,
    training: { ...a.training, warmUp: true },
    followUp: {
      responseToTreatment:
        trajectory === "improving" ? (rng.chance(0.5) ? "much_better" : "better") : trajectory === "stalled" ? "unchanged" : "worse",
      trainingSinceLastVisit: trajectory === "worsening" ? "Kept racing at weekends" : "Followed the walk-run plan",
    },
    plan: a.plan,
  };
}
