/** fast-check arbitraries generating VALID evaluation inputs (checked by a property). */
import fc from "fast-check";
import {
  dayNumber,
  EFFUSION_GRADES,
  fromDayNumber,
  KOOS_ITEM_IDS,
  MECHANISMS,
  RUN_SURFACES,
  SEXES,
  SIDES,
  TENDERNESS_SITES,
  TEST_RESULTS,
  VALGUS_STRESS_RESULTS,
  type EvaluationInput,
  type MeasuresInput,
} from "@/lib/clinical";

const optional = { requiredKeys: [] as never[] };
const bool = fc.boolean();
const nrs = fc.integer({ min: 0, max: 10 });
const DAY_MIN = dayNumber("2000-01-01");
const DAY_MAX = dayNumber("2035-12-31");

/** Distances with up to 2 decimals, often round, sometimes 0. */
const distanceKm = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 0, max: 4000 }).map((n) => n / 100),
  fc.constantFrom(0, 1000, 11, 13, 20),
);

export const measuresArb: fc.Arbitrary<MeasuresInput> = fc.record(
  {
    painNow: nrs,
    koos: fc.dictionary(fc.constantFrom(...KOOS_ITEM_IDS), fc.integer({ min: 0, max: 4 }), { maxKeys: 42 }),
    lefs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 20, maxLength: 20 }),
    psfs: fc.array(
      fc.record({
        activity: fc.string({ minLength: 1, maxLength: 20 }),
        score: fc.oneof(
          nrs,
          fc.integer({ min: 0, max: 100 }).map((n) => n / 10),
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    tegner: nrs,
  },
  optional,
);

export const inputArb: fc.Arbitrary<EvaluationInput> = fc
  .record({
    today: fc.integer({ min: DAY_MIN, max: DAY_MAX }),
    ageDays: fc.integer({ min: 0, max: 100 * 366 }),
    rest: fc.record(
      {
        episode: fc.record(
          { mechanism: fc.constantFrom(...MECHANISMS), side: fc.constantFrom(...SIDES), onsetOffset: fc.integer({ min: 0, max: 400 }) },
          optional,
        ),
        sex: fc.constantFrom(...SEXES),
        symptoms: fc.record(
          {
            painNow: nrs,
            painWorstWeek: nrs,
            painDuringRun: nrs,
            painAtRest: bool,
            nightPain: bool,
            morningStiffnessOver30Min: bool,
            painOnStairs: bool,
            painRisingFromChair: bool,
            painProlongedSitting: bool,
            visibleSwelling: bool,
            swellingWithin2hOfInjury: bool,
            locking: bool,
            catching: bool,
            instability: bool,
            sharpWeightBearingPain: bool,
            limp: bool,
            unableToBearWeightImmediately: bool,
            unableToBearWeightNow: bool,
            burningOrTinglingInnerLeg: bool,
            newNumbnessOrWeakness: bool,
            coldOrPaleLimb: bool,
            suspectedDislocation: bool,
            patellarDislocation: bool,
            calfSwellingOrTenderness: bool,
            fever: bool,
            hotSwollenJoint: bool,
            unexplainedWeightLoss: bool,
            daysPersistingDespiteReducedTraining: fc.integer({ min: 0, max: 60 }),
          },
          optional,
        ),
        history: fc.record(
          {
            priorKneeInjury: bool,
            previousBoneStressInjury: bool,
            historyOfCancer: bool,
            recentJointInjection: bool,
            immunosuppressed: bool,
            lowEnergyAvailability: bool,
          },
          optional,
        ),
        exam: fc.record(
          {
            effusion: fc.constantFrom(...EFFUSION_GRADES),
            fullExtension: bool,
            flexionTo90: bool,
            tenderness: fc.subarray([...TENDERNESS_SITES]),
            valgusStress0: fc.constantFrom(...VALGUS_STRESS_RESULTS),
            valgusStress30: fc.constantFrom(...VALGUS_STRESS_RESULTS),
            mcmurray: fc.constantFrom(...TEST_RESULTS),
            thessaly: fc.constantFrom(...TEST_RESULTS),
            wellsDvt: fc.integer({ min: -2, max: 9 }),
            hopPain: bool,
            singleLegSquatValgus: bool,
            hipAbductorWeakness: bool,
            quadricepsControlDeficit: bool,
            hamstringTightness: bool,
            ankleDorsiflexionLimited: bool,
            hipInternalRotationReduced: bool,
            saphenousTinel: bool,
          },
          optional,
        ),
        training: fc.record(
          {
            runs: fc.array(
              fc.record({
                offset: fc.integer({ min: -5, max: 70 }),
                distanceKm,
                surface: fc.option(fc.constantFrom(...RUN_SURFACES), { nil: undefined }),
              }),
              { maxLength: 40 },
            ),
            loggedSinceOffset: fc.integer({ min: 0, max: 90 }),
            hardSurfaces: bool,
            camberedRoads: bool,
            trackSameDirection: bool,
            treadmillMostly: bool,
            recentSpeedIncrease: bool,
            recentHillIncrease: bool,
            overstriding: bool,
            warmUp: bool,
            restDaysPerWeek: fc.integer({ min: 0, max: 7 }),
            shoeDistanceKm: fc.integer({ min: 0, max: 20000 }).map((n) => n / 10),
            shoePairsInRotation: fc.integer({ min: 1, max: 4 }),
          },
          optional,
        ),
        measures: measuresArb,
        priors: fc.array(fc.record({ offset: fc.integer({ min: 1, max: 200 }), measures: measuresArb }), { maxLength: 3 }),
        settings: fc.record(
          {
            persistentPainDays: fc.integer({ min: 1, max: 365 }),
            twoWeekIncreasePct: fc.integer({ min: 0, max: 100 }),
            spikePct: fc.integer({ min: 0, max: 100 }),
            minRestDaysPerWeek: fc.integer({ min: 0, max: 7 }),
            shoeReplaceKm: fc.integer({ min: 100, max: 2000 }),
            maxRunPain: fc.integer({ min: 0, max: 5 }),
            importantChange: fc.record(
              {
                painNow: fc.integer({ min: 1, max: 10 }),
                koos: fc.integer({ min: 1, max: 30 }),
                lefs: fc.integer({ min: 1, max: 20 }),
                psfs: fc.integer({ min: 1, max: 10 }).map((n) => n / 2),
                tegner: fc.integer({ min: 1, max: 3 }),
              },
              optional,
            ),
          },
          optional,
        ),
      },
      optional,
    ),
  })
  .map(({ today, ageDays, rest }) => {
    const assessedOn = fromDayNumber(today);
    const input: EvaluationInput = { assessedOn, patient: { birthDate: fromDayNumber(today - ageDays) } };
    if (rest.sex !== undefined) input.patient.sex = rest.sex;
    if (rest.episode !== undefined) {
      const { onsetOffset, ...episode } = rest.episode;
      input.episode = onsetOffset === undefined ? episode : { ...episode, onsetDate: fromDayNumber(today - onsetOffset) };
    }
    if (rest.symptoms !== undefined) input.symptoms = rest.symptoms;
    if (rest.history !== undefined) input.history = rest.history;
    if (rest.exam !== undefined) input.exam = rest.exam;
    if (rest.training !== undefined) {
      const { runs, loggedSinceOffset, ...flags } = rest.training;
      const training: NonNullable<EvaluationInput["training"]> =
        loggedSinceOffset === undefined ? flags : { ...flags, loggedSince: fromDayNumber(today - loggedSinceOffset) };
      input.training =
        runs === undefined
          ? training
          : {
              ...training,
              runs: runs.map(({ offset, distanceKm: km, surface }) => ({
                date: fromDayNumber(today - offset),
                distanceKm: km,
                ...(surface === undefined ? {} : { surface }),
              })),
            };
    }
    if (rest.measures !== undefined) input.measures = rest.measures;
    if (rest.priors !== undefined) {
      const offsets = rest.priors.map((p) => p.offset).sort((a, b) => b - a); // oldest first
      input.priorAssessments = rest.priors.map((p, i) => ({ assessedOn: fromDayNumber(today - (offsets[i] ?? 1)), measures: p.measures }));
    }
    if (rest.settings !== undefined) input.settings = rest.settings;
    return input;
  });
