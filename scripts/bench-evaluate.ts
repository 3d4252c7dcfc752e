/**
 * Benchmark of evaluate(): evaluations per second on one core (Node is
 * single-threaded) for a realistic intake with 90 days of runs.
 *
 *   npm run bench:evaluate [-- --seconds 3]
 *
 * Also reports validation + evaluation (parseEvaluationInput then evaluate),
 * which is what the API and the command line do per request.
 */

import os from "node:os";
import { addDays, evaluate, KOOS_ITEM_IDS, type EvaluationInput, type RunInput } from "../lib/clinical";
import { parseEvaluationInput } from "../lib/validation/evaluate-input";

const ASSESSED_ON = "2026-08-20";

/** 90 days of runs: 5-6 a week, a long run on Sundays, a spike three weeks ago. */
function ninetyDaysOfRuns(): RunInput[] {
  const runs: RunInput[] = [];
  for (let daysAgo = 89; daysAgo >= 0; daysAgo--) {
    const weekday = daysAgo % 7;
    if (weekday === 3) continue; // rest day
    const long = weekday === 0;
    const km = long ? 16 + (daysAgo % 3) : 6 + ((daysAgo * 7) % 5) + 0.25;
    runs.push({ date: addDays(ASSESSED_ON, -daysAgo), distanceKm: daysAgo === 21 ? 24 : km, surface: long ? "road" : "trail" });
  }
  return runs;
}

export function realisticIntake(): EvaluationInput {
  const koos = Object.fromEntries(KOOS_ITEM_IDS.map((id, i) => [id, i % 5]));
  return {
    assessedOn: ASSESSED_ON,
    patient: { birthDate: "1984-03-02", sex: "female" },
    episode: { mechanism: "gradual", side: "right", onsetDate: "2026-07-10" },
    symptoms: {
      painNow: 3,
      painWorstWeek: 6,
      painDuringRun: 5,
      painAtRest: false,
      nightPain: false,
      morningStiffnessOver30Min: false,
      painOnStairs: true,
      painRisingFromChair: true,
      painProlongedSitting: false,
      visibleSwelling: false,
      locking: false,
      catching: false,
      instability: false,
      sharpWeightBearingPain: false,
      limp: false,
      burningOrTinglingInnerLeg: false,
      newNumbnessOrWeakness: false,
      coldOrPaleLimb: false,
      suspectedDislocation: false,
      calfSwellingOrTenderness: false,
      fever: false,
      hotSwollenJoint: false,
      unexplainedWeightLoss: false,
      daysPersistingDespiteReducedTraining: 10,
    },
    history: { priorKneeInjury: true, previousBoneStressInjury: false, historyOfCancer: false, lowEnergyAvailability: false },
    exam: {
      effusion: "trace",
      fullExtension: true,
      flexionTo90: true,
      tenderness: ["pes_anserine", "mcl"],
      valgusStress0: "normal",
      valgusStress30: "pain",
      mcmurray: "negative",
      thessaly: "negative",
      hopPain: false,
      singleLegSquatValgus: true,
      hipAbductorWeakness: true,
      quadricepsControlDeficit: false,
      hamstringTightness: true,
      ankleDorsiflexionLimited: false,
      hipInternalRotationReduced: false,
      saphenousTinel: false,
    },
    training: {
      runs: ninetyDaysOfRuns(),
      hardSurfaces: true,
      camberedRoads: false,
      trackSameDirection: false,
      treadmillMostly: false,
      recentSpeedIncrease: true,
      recentHillIncrease: false,
      overstriding: true,
      warmUp: false,
      restDaysPerWeek: 1,
      shoeDistanceKm: 720,
      shoePairsInRotation: 1,
    },
    measures: {
      koos,
      lefs: [4, 4, 3, 3, 4, 3, 2, 3, 4, 4, 3, 3, 4, 2, 3, 3, 4, 4, 3, 3],
      psfs: [
        { activity: "running 10 km", score: 4 },
        { activity: "stairs", score: 7 },
        { activity: "squatting", score: 6 },
      ],
      tegner: 6,
    },
    priorAssessments: [
      { assessedOn: "2026-07-20", measures: { painNow: 6, koos, tegner: 4 } },
      { assessedOn: "2026-08-05", measures: { painNow: 4, koos, tegner: 5, lefs: Array(20).fill(3) } },
    ],
  };
}

function rate(label: string, seconds: number, fn: () => unknown): number {
  // Warm-up, so that the JIT has compiled the hot paths.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) fn();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) fn();
    count += 100;
    now = performance.now();
  }
  const perSecond = count / ((now - start) / 1000);
  console.log(
    `${label.padEnd(34)} ${Math.round(perSecond).toLocaleString("en-US").padStart(10)} /s  (${(1e6 / perSecond).toFixed(1)} µs each)`,
  );
  return perSecond;
}

function main(): void {
  const secondsArg = process.argv.indexOf("--seconds");
  const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3;
  const input = realisticIntake();
  const parsed = parseEvaluationInput(input);
  if (!parsed.ok) throw new Error(`benchmark input is invalid: ${JSON.stringify(parsed.issues)}`);
  const runs = input.training?.runs?.length ?? 0;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`evaluate() benchmark: intake with ${runs} runs over 90 days, ${seconds} s per measure, one core`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`);
  let sink = 0;
  rate("evaluate()", seconds, () => {
    sink += evaluate(input).redFlags.length;
  });
  rate("parseEvaluationInput + evaluate()", seconds, () => {
    const r = parseEvaluationInput(input);
    if (r.ok) sink += evaluate(r.value).redFlags.length;
  });
  if (sink < 0) console.log(sink);
}

if (require.main === module) main();
