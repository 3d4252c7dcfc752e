/** Changes vs baseline and previous assessment (EVALUATE.md section 6). */
import { classifyChange, type EvaluationInput, type MeasuresInput } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

const prior = (assessedOn: string, measures: MeasuresInput) => ({ assessedOn, measures });
const withPriors = (now: MeasuresInput, ...measures: MeasuresInput[]): Partial<EvaluationInput> => ({
  measures: now,
  priorAssessments: measures.map((m, i) => prior(`2026-0${i + 1}-01`, m)),
});

describe("changes", () => {
  it("is absent without prior assessments, and with an empty list", () => {
    expect(evaluateWith({ measures: { painNow: 3 } }).changes).toBeUndefined();
    expect(evaluateWith({ measures: { painNow: 3 }, priorAssessments: [] }).changes).toBeUndefined();
  });

  it("pain: lower is better, exactly the important change (2) counts", () => {
    expect(evaluateWith(withPriors({ painNow: 4 }, { painNow: 6 })).changes).toEqual({
      painNow: { vsBaseline: "improved", vsPrevious: "improved" },
    });
    expect(evaluateWith(withPriors({ painNow: 5 }, { painNow: 6 })).changes?.painNow?.vsBaseline).toBe("unchanged");
    expect(evaluateWith(withPriors({ painNow: 8 }, { painNow: 6 })).changes?.painNow?.vsBaseline).toBe("worsened");
    expect(evaluateWith(withPriors({ painNow: 7 }, { painNow: 6 })).changes?.painNow?.vsBaseline).toBe("unchanged");
  });

  it("higher is better for the other measures; thresholds met exactly", () => {
    /** 20 LEFS items summing to `sum`. */
    const lefs = (sum: number) => Array.from({ length: 20 }, (_, i) => Math.max(0, Math.min(4, sum - 4 * i)));
    const e = evaluateWith(
      withPriors(
        { lefs: lefs(49), tegner: 4, psfs: [{ activity: "run", score: 7 }] },
        { lefs: lefs(40), tegner: 5, psfs: [{ activity: "run", score: 5 }] },
      ),
    );
    expect(e.changes).toEqual({
      lefs: { vsBaseline: "improved", vsPrevious: "improved" },
      psfs: { vsBaseline: "improved", vsPrevious: "improved" },
      tegner: { vsBaseline: "worsened", vsPrevious: "worsened" },
    });
    const f = evaluateWith(withPriors({ lefs: lefs(48) }, { lefs: lefs(40) }));
    expect(f.changes?.lefs?.vsBaseline).toBe("unchanged");
  });

  it("compares KOOS as rounded for output: 83.3 vs 73.3 is exactly 10", () => {
    const now = { P1: 1, P2: 1, P3: 1, P4: 0, P5: 1, P6: 1, P7: 0, P8: 1, P9: 0 }; // 83.33 -> 83.3
    const before = { P1: 1, P2: 1, P3: 1, P4: 1, P5: 1, P6: 0 }; // 100 - 5/6*25 = 79.17 -> 79.2
    const before2 = { P1: 2, P2: 1, P3: 1, P4: 1, P5: 1, P6: 0 }; // 100 - 6/6*25 = 75
    const before3 = { P1: 2, P2: 1, P3: 1, P4: 1, P5: 1, P6: 1 }; // 100 - 7/6*25 = 70.83 -> 70.8
    const before4 = { P1: 1, P2: 1, P3: 1, P4: 1, P5: 1, P6: 1, P7: 1, P8: 1, P9: 3 }; // 100 - 11/9*25 = 69.44 -> 69.4
    expect(evaluateWith(withPriors({ koos: now }, { koos: before })).changes?.["koos.pain"]?.vsBaseline).toBe("unchanged");
    expect(evaluateWith(withPriors({ koos: now }, { koos: before2 })).changes?.["koos.pain"]?.vsBaseline).toBe("unchanged");
    expect(evaluateWith(withPriors({ koos: now }, { koos: before3 })).changes?.["koos.pain"]?.vsBaseline).toBe("improved");
    expect(evaluateWith(withPriors({ koos: now }, { koos: before4 })).changes?.["koos.pain"]?.vsBaseline).toBe("improved");
    expect(classifyChange(73.3, 83.3, 10, false)).toBe("improved");
    expect(classifyChange(83.3, 73.3, 10, false)).toBe("worsened");
    expect(classifyChange(73.4, 83.3, 10, false)).toBe("unchanged");
  });

  it("baseline is the first prior, previous the last", () => {
    const e = evaluateWith(withPriors({ painNow: 3 }, { painNow: 8 }, { painNow: 1 }, { painNow: 4 }));
    expect(e.changes).toEqual({ painNow: { vsBaseline: "improved", vsPrevious: "unchanged" } });
  });

  it("compares a measure only where it has a value on both sides", () => {
    const e = evaluateWith(
      withPriors({ painNow: 3, tegner: 5, koos: { Q1: 1, Q2: 1 } }, { painNow: 6, koos: { Q1: 3, Q2: 3 } }, { tegner: 3, koos: { Q1: 2 } }),
    );
    expect(e.changes).toEqual({
      painNow: { vsBaseline: "improved" },
      "koos.qol": { vsBaseline: "improved" },
      tegner: { vsPrevious: "improved" },
    });
  });

  it("a prior's pain is its measures.painNow only; the current one falls back to symptoms.painNow", () => {
    const e = evaluateWith({ symptoms: { painNow: 2 }, priorAssessments: [prior("2026-05-01", { painNow: 5 })] });
    expect(e.changes).toEqual({ painNow: { vsBaseline: "improved", vsPrevious: "improved" } });
  });

  it("is an empty object when nothing can be compared", () => {
    expect(evaluateWith(withPriors({ tegner: 3 }, { painNow: 5 })).changes).toEqual({});
  });

  it("orders the measures painNow, koos.*, lefs, psfs, tegner", () => {
    const m: MeasuresInput = {
      tegner: 4,
      psfs: [{ activity: "run", score: 4 }],
      lefs: Array(20).fill(2),
      koos: {
        P1: 1,
        P2: 1,
        P3: 1,
        P4: 1,
        P5: 1,
        S1: 1,
        S2: 1,
        S3: 1,
        S4: 1,
        SP1: 1,
        SP2: 1,
        SP3: 1,
        Q1: 1,
        Q2: 1,
        A1: 1,
        A2: 1,
        A3: 1,
        A4: 1,
        A5: 1,
        A6: 1,
        A7: 1,
        A8: 1,
        A9: 1,
      },
      painNow: 4,
    };
    const e = evaluateWith(withPriors(m, m));
    expect(Object.keys(e.changes ?? {})).toEqual([
      "painNow",
      "koos.pain",
      "koos.symptoms",
      "koos.adl",
      "koos.sport",
      "koos.qol",
      "lefs",
      "psfs",
      "tegner",
    ]);
    expect(Object.values(e.changes ?? {}).every((c) => c.vsBaseline === "unchanged" && c.vsPrevious === "unchanged")).toBe(true);
  });

  it("uses the settings: a partial importantChange overrides only its keys", () => {
    const input = withPriors({ painNow: 5, tegner: 5 }, { painNow: 6, tegner: 4 });
    expect(evaluateWith(input).changes).toEqual({
      painNow: { vsBaseline: "unchanged", vsPrevious: "unchanged" },
      tegner: { vsBaseline: "improved", vsPrevious: "improved" },
    });
    expect(evaluateWith({ ...input, settings: { importantChange: { painNow: 1 } } }).changes).toEqual({
      painNow: { vsBaseline: "improved", vsPrevious: "improved" },
      tegner: { vsBaseline: "improved", vsPrevious: "improved" },
    });
    // clinic settings, then input settings on top, key by key
    expect(
      evaluateWith({ ...input, settings: { importantChange: { painNow: 1 } } }, { importantChange: { tegner: 2, painNow: 3 } }).changes,
    ).toEqual({
      painNow: { vsBaseline: "improved", vsPrevious: "improved" },
      tegner: { vsBaseline: "unchanged", vsPrevious: "unchanged" },
    });
  });

  it("a non-integer important change works in tenths", () => {
    expect(classifyChange(5, 6.5, 1.5, false)).toBe("improved");
    expect(classifyChange(5, 6.4, 1.5, false)).toBe("unchanged");
    expect(classifyChange(0.3, 0, 0.3, true)).toBe("improved");
  });
});
