/** Outcome measures (EVALUATE.md section 6). */
import { KOOS_MIN_ANSWERED, KOOS_SUBSCALE_ITEMS, KOOS_SUBSCALES, koosScores, type KoosResponses, type KoosSubscale } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

/** The first `n` items of a subscale, all answered `value`. */
function answered(subscale: KoosSubscale, n: number, value = 1): KoosResponses {
  return Object.fromEntries(KOOS_SUBSCALE_ITEMS[subscale].slice(0, n).map((id) => [id, value]));
}

describe("KOOS", () => {
  it.each(KOOS_SUBSCALES.map((s) => [s, KOOS_MIN_ANSWERED[s]] as const))(
    "%s is scored with exactly %i items answered, null with one fewer",
    (subscale, min) => {
      expect(koosScores(answered(subscale, min))[subscale]).toBe(75);
      expect(koosScores(answered(subscale, min - 1))[subscale]).toBeNull();
    },
  );

  it("uses the minimum numbers of the contract (half the items)", () => {
    expect(KOOS_MIN_ANSWERED).toEqual({ pain: 5, symptoms: 4, adl: 9, sport: 3, qol: 2 });
  });

  it("is 100 - mean x 25, rounded half up to one decimal", () => {
    // mean 6/9 -> 83.33 -> 83.3; mean 4/3 -> 66.67 -> 66.7
    const s = koosScores({ P1: 1, P2: 1, P3: 1, P4: 0, P5: 1, P6: 1, P7: 0, P8: 1, P9: 0, Q1: 2, Q2: 1, Q3: 1 });
    expect(s).toEqual({ pain: 83.3, symptoms: null, adl: null, sport: null, qol: 66.7 });
  });

  it("rounds x.x5 up: mean 0.9 of ADL items -> 77.5; 1/9 -> 97.2", () => {
    expect(koosScores(answered("adl", 10, 0))).toEqual(expect.objectContaining({ adl: 100 }));
    const adl: KoosResponses = { ...answered("adl", 9, 1), A10: 0 }; // mean 0.9 -> 77.5
    expect(koosScores(adl).adl).toBe(77.5);
    expect(koosScores({ ...answered("pain", 8, 0), P9: 1 }).pain).toBe(97.2);
  });

  it("ranges from 0 (all 4) to 100 (all 0)", () => {
    expect(koosScores(answered("sport", 5, 4)).sport).toBe(0);
    expect(koosScores(answered("sport", 5, 0)).sport).toBe(100);
  });

  it("an empty KOOS gives five nulls; no KOOS gives no key", () => {
    expect(evaluateWith({ measures: { koos: {} } }).scores).toEqual({
      koos: { pain: null, symptoms: null, adl: null, sport: null, qol: null },
    });
    expect(evaluateWith({ measures: {} }).scores).toEqual({});
  });
});

describe("LEFS, PSFS, Tegner, pain", () => {
  it("LEFS is the sum of the 20 items", () => {
    expect(evaluateWith({ measures: { lefs: Array(20).fill(4) } }).scores.lefs).toBe(80);
    expect(evaluateWith({ measures: { lefs: [...Array(19).fill(0), 3] } }).scores.lefs).toBe(3);
  });

  it("PSFS is the mean of the scores, one decimal", () => {
    const psfs = [
      { activity: "run", score: 5 },
      { activity: "stairs", score: 6 },
      { activity: "squat", score: 5 },
    ];
    expect(evaluateWith({ measures: { psfs } }).scores.psfs).toBe(5.3);
    expect(
      evaluateWith({
        measures: {
          psfs: [
            { activity: "run", score: 7.25 },
            { activity: "hop", score: 0 },
          ],
        },
      }).scores.psfs,
    ).toBe(3.6);
  });

  it("Tegner and pain as given", () => {
    expect(evaluateWith({ measures: { tegner: 7, painNow: 0 } }).scores).toEqual({ painNow: 0, tegner: 7 });
  });

  it("measures.painNow wins over symptoms.painNow; symptoms.painNow is the fallback", () => {
    expect(evaluateWith({ measures: { painNow: 3 }, symptoms: { painNow: 6 } }).scores.painNow).toBe(3);
    expect(evaluateWith({ symptoms: { painNow: 6 } }).scores.painNow).toBe(6);
    expect(evaluateWith({ symptoms: { painWorstWeek: 6 } }).scores).toEqual({});
  });

  it("orders the score keys painNow, koos, lefs, psfs, tegner", () => {
    const e = evaluateWith({
      measures: { tegner: 1, psfs: [{ activity: "run", score: 1 }], lefs: Array(20).fill(1), koos: {}, painNow: 1 },
    });
    expect(Object.keys(e.scores)).toEqual(["painNow", "koos", "lefs", "psfs", "tegner"]);
    expect(Object.keys(e.scores.koos ?? {})).toEqual(["pain", "symptoms", "adl", "sport", "qol"]);
  });
});
