/**
 * Patient timeline series (lib/clinical/timeline.ts): weekly distance with
 * the ACWR per week, spikes over the whole history, measure series with the
 * band of the important change; and the server-rendered tables of
 * app/_components/charts (no browser).
 */
import fc from "fast-check";
import {
  addDays,
  computeLoad,
  dayNumber,
  DEFAULT_IMPORTANT_CHANGE,
  evaluate,
  fromDayNumber,
  type Evaluation,
  type RunInput,
  type Scores,
} from "@/lib/clinical";
import { isoWeekStart, measureSeries, trainingSeries, weekStartOf, type TimelineMeasureAssessment } from "@/lib/clinical/timeline";

const week = (series: ReturnType<typeof trainingSeries>, weekStart: string) => series.weeks.find((w) => w.weekStart === weekStart);

describe("trainingSeries: ISO weeks", () => {
  it("weeks start on Monday: a Sunday run belongs to the week before, a Monday run to the new week", () => {
    // 2026-11-01 is a Sunday, 2026-11-02 a Monday.
    expect(weekStartOf("2026-11-01")).toBe("2026-10-26");
    expect(weekStartOf("2026-11-02")).toBe("2026-11-02");
    expect(weekStartOf("2026-11-08")).toBe("2026-11-02");
    expect(weekStartOf("2026-01-01")).toBe("2025-12-29"); // ISO week 1 of 2026 starts in 2025
    const s = trainingSeries(
      [
        { date: "2026-11-01", distanceKm: 10 },
        { date: "2026-11-02", distanceKm: 5 },
      ],
      "2026-11-08",
      10,
    );
    expect(s.weeks.map((w) => [w.weekStart, w.km, w.runs])).toEqual([
      ["2026-10-26", 10, 1],
      ["2026-11-02", 5, 1],
    ]);
  });

  it("isoWeekStart works before 1970 too", () => {
    expect(fromDayNumber(isoWeekStart(dayNumber("1969-12-31")))).toBe("1969-12-29");
  });

  it("includes empty weeks up to today's week, and the ACWR at Sunday or today", () => {
    const s = trainingSeries([{ date: "2026-10-01", distanceKm: 8 }], "2026-10-21", 10);
    expect(s.weeks.map((w) => w.weekStart)).toEqual(["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"]);
    expect(s.weeks.map((w) => w.km)).toEqual([8, 0, 0, 0]);
    expect(s.weeks.map((w) => w.runs)).toEqual([1, 0, 0, 0]);
    expect(s.weeks.map((w) => w.longestKm)).toEqual([8, 0, 0, 0]);
    expect(s.weeks.map((w) => w.acwrOn)).toEqual(["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-21"]);
    // Week 1: acute 8, chronic 8/4 = 2 -> 4. Later weeks: no acute load -> 0.
    expect(s.weeks.map((w) => w.acwr)).toEqual([4, 0, 0, 0]);
  });

  it("ignores runs after today (in the weeks and the spikes)", () => {
    const s = trainingSeries(
      [
        { date: "2026-10-05", distanceKm: 5 },
        { date: "2026-10-07", distanceKm: 20 }, // after today
        { date: "2026-12-01", distanceKm: 50 }, // after today
      ],
      "2026-10-06",
      10,
    );
    expect(s.weeks).toEqual([{ weekStart: "2026-10-05", acwrOn: "2026-10-06", km: 5, runs: 1, longestKm: 5, acwr: 4 }]);
    expect(s.spikes).toEqual([]);
  });

  it("is empty without runs up to today", () => {
    expect(trainingSeries([], "2026-10-06", 10)).toEqual({ weeks: [], spikes: [] });
    expect(trainingSeries([{ date: "2026-10-07", distanceKm: 3 }], "2026-10-06", 10)).toEqual({ weeks: [], spikes: [] });
  });

  it("ACWR is null when the 28 days hold no distance", () => {
    const s = trainingSeries(
      [
        { date: "2026-01-05", distanceKm: 10 },
        { date: "2026-03-02", distanceKm: 0 },
      ],
      "2026-03-08",
      10,
    );
    const acwrs = s.weeks.map((w) => w.acwr);
    expect(acwrs[0]).toBe(4);
    expect(acwrs[4]).toBeNull(); // week of 2 Feb: days 12 Jan .. 8 Feb hold nothing
    expect(acwrs[acwrs.length - 1]).toBeNull(); // a 0 km run only
  });

  it("rounds km to one decimal and the ACWR to two, from unrounded sums", () => {
    const s = trainingSeries(
      [
        { date: "2026-06-15", distanceKm: 0.1 },
        { date: "2026-06-16", distanceKm: 0.2 },
        { date: "2026-06-17", distanceKm: 12.34 },
      ],
      "2026-06-21",
      10,
    );
    expect(s.weeks).toHaveLength(1);
    expect(s.weeks[0]?.km).toBe(12.6);
    expect(s.weeks[0]?.longestKm).toBe(12.3);
    expect(s.weeks[0]?.acwr).toBe(4);
  });

  it("sums same-day runs and counts them", () => {
    const s = trainingSeries(
      [
        { date: "2026-06-16", distanceKm: 5 },
        { date: "2026-06-16", distanceKm: 7 },
      ],
      "2026-06-16",
      10,
    );
    expect(week(s, "2026-06-15")).toMatchObject({ km: 12, runs: 2, longestKm: 7 });
  });
});

describe("trainingSeries: spikes over the whole history", () => {
  it("finds spikes years ago, not only in the last 30 days, with the bands of load.ts", () => {
    const runs: RunInput[] = [
      { date: "2021-03-01", distanceKm: 10 },
      { date: "2021-03-10", distanceKm: 11 }, // exactly +10%: not a spike
      { date: "2021-03-20", distanceKm: 12.2 }, // 12.2 / 11 = 1.109: 10-30
      { date: "2021-04-25", distanceKm: 30 }, // window 26 Mar .. 24 Apr is empty: not a spike
      { date: "2024-01-01", distanceKm: 5 },
      { date: "2024-01-31", distanceKm: 10.1 }, // window 1 .. 30 Jan holds 5: 2.02 -> >100
      { date: "2024-02-01", distanceKm: 14 }, // window 2 .. 31 Jan holds 10.1: 1.386 -> 30-100
      { date: "2026-06-01", distanceKm: 0 },
      { date: "2026-06-02", distanceKm: 4 }, // window holds only 0 km: not a spike
    ];
    const s = trainingSeries(runs, "2026-06-15", 10);
    expect(s.spikes).toEqual([
      { date: "2021-03-20", distanceKm: 12.2, longestPrior30dKm: 11, band: "10-30" },
      { date: "2024-01-31", distanceKm: 10.1, longestPrior30dKm: 5, band: ">100" },
      { date: "2024-02-01", distanceKm: 14, longestPrior30dKm: 10.1, band: "30-100" },
    ]);
  });

  it("the window is date - 30 .. date - 1: a run 30 days before counts, 31 days before and same day do not", () => {
    const s = trainingSeries(
      [
        { date: "2026-05-01", distanceKm: 10 },
        { date: "2026-05-31", distanceKm: 12 }, // 30 days after: compared with 10 -> spike
        { date: "2026-07-01", distanceKm: 14 }, // 31 days after 31 May: empty window
        { date: "2026-07-01", distanceKm: 20 }, // same day as 14: window still empty
      ],
      "2026-07-31",
      10,
    );
    expect(s.spikes.map((x) => x.date)).toEqual(["2026-05-31"]);
  });

  it("uses spikePct", () => {
    const runs = [
      { date: "2026-05-01", distanceKm: 10 },
      { date: "2026-05-02", distanceKm: 12 },
    ];
    expect(trainingSeries(runs, "2026-05-31", 10).spikes).toHaveLength(1);
    expect(trainingSeries(runs, "2026-05-31", 20).spikes).toHaveLength(0);
  });

  it("a sliding maximum: the longest run leaves the window after 30 days", () => {
    const runs = [
      { date: "2026-01-01", distanceKm: 30 },
      { date: "2026-01-10", distanceKm: 10 },
      { date: "2026-01-31", distanceKm: 20 }, // window 1 .. 30 Jan holds 30: no spike
      { date: "2026-02-01", distanceKm: 25 }, // window 2 Jan .. 31 Jan: 10 and 20 -> 25 / 20 = 1.25
    ];
    expect(trainingSeries(runs, "2026-02-28", 10).spikes).toEqual([
      { date: "2026-02-01", distanceKm: 25, longestPrior30dKm: 20, band: "10-30" },
    ]);
  });

  it("five years of daily runs: fast, and every spike agrees with computeLoad on its own day", () => {
    const start = dayNumber("2021-06-01");
    const today = "2026-06-01";
    const runs: RunInput[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let d = start; d <= dayNumber(today); d++) {
      runs.push({ date: fromDayNumber(d), distanceKm: Math.round(random() * random() * 300) / 10 });
    }
    const t0 = performance.now();
    const s = trainingSeries(runs, today, 10);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(200);
    expect(s.weeks.length).toBe(262);
    expect(s.spikes.length).toBeGreaterThan(10);
    for (const spike of s.spikes) {
      const load = computeLoad(runs, dayNumber(spike.date), 10);
      expect(load.spikes.at(-1)).toEqual(spike);
    }
    // The total distance is kept.
    const total = runs.reduce((sum, r) => sum + r.distanceKm, 0);
    expect(s.weeks.reduce((sum, w) => sum + w.km, 0)).toBeCloseTo(total, 0);
  });
});

describe("trainingSeries agrees with evaluate() (property)", () => {
  const DAY0 = dayNumber("2026-01-01");
  const distance = fc.oneof(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 3000 }).map((n) => n / 100),
    fc.constantFrom(0, 10, 11, 13, 20),
  );
  const runsArb = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 120 }), distanceKm: distance }), { maxLength: 45 });

  it("each week's ACWR and the spikes of D-29 .. D equal evaluate().load at the week's last day D", () => {
    fc.assert(
      fc.property(runsArb, fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 60 }), (raw, todayOffset, spikePct) => {
        const runs: RunInput[] = raw.map((r) => ({ date: fromDayNumber(DAY0 + r.offset), distanceKm: r.distanceKm }));
        const today = fromDayNumber(DAY0 + todayOffset);
        const series = trainingSeries(runs, today, spikePct);
        for (const w of series.weeks) {
          const D = w.acwrOn;
          const load = evaluate({ assessedOn: D, patient: { birthDate: "1990-01-01" }, training: { runs }, settings: { spikePct } }).load;
          expect(load).toBeDefined();
          expect(w.acwr).toBe(load?.acwr);
          const from = addDays(D, -29);
          expect(series.spikes.filter((s) => s.date >= from && s.date <= D)).toEqual(load?.spikes);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("weeks are consecutive Mondays from the first run's week to today's week, and hold every run up to today", () => {
    fc.assert(
      fc.property(runsArb, fc.integer({ min: 0, max: 130 }), (raw, todayOffset) => {
        const runs: RunInput[] = raw.map((r) => ({ date: fromDayNumber(DAY0 + r.offset), distanceKm: r.distanceKm }));
        const today = fromDayNumber(DAY0 + todayOffset);
        const kept = runs.filter((r) => r.date <= today);
        const { weeks } = trainingSeries(runs, today, 10);
        if (kept.length === 0) {
          expect(weeks).toEqual([]);
          return;
        }
        const first = kept.map((r) => r.date).sort()[0] as string;
        expect(weeks[0]?.weekStart).toBe(weekStartOf(first));
        expect(weeks.at(-1)?.weekStart).toBe(weekStartOf(today));
        weeks.forEach((w, i) => {
          if (i > 0) expect(dayNumber(w.weekStart) - dayNumber(weeks[i - 1]?.weekStart as string)).toBe(7);
        });
        expect(weeks.reduce((n, w) => n + w.runs, 0)).toBe(kept.length);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------

function evaluationWith(scores: Scores): Evaluation {
  return {
    rulesVersion: "1",
    ageYears: 36,
    urgency: "routine",
    redFlags: [],
    redFlagsAbsent: [],
    redFlagsNotAssessed: [],
    riskFactors: [],
    considerations: [],
    scores,
  };
}

const assessment = (id: string, assessedOn: string, scores: Scores, kind: "intake" | "follow_up" = "follow_up"): TimelineMeasureAssessment => ({
  id,
  assessedOn,
  kind,
  evaluation: evaluationWith(scores),
});

describe("measureSeries", () => {
  it("one series per measure that has a score, in output order, skipping nulls", () => {
    const series = measureSeries(
      [
        assessment("a1", "2026-01-03", { painNow: 6, koos: { pain: null, symptoms: 50, adl: null, sport: null, qol: null }, tegner: 4 }, "intake"),
        assessment("a2", "2026-01-20", { painNow: 4, koos: { pain: 61.1, symptoms: 57.1, adl: null, sport: null, qol: null } }),
        assessment("a3", "2026-02-20", { painNow: 2, lefs: 70 }),
      ],
      DEFAULT_IMPORTANT_CHANGE,
    );
    expect(series.map((s) => s.measure)).toEqual(["painNow", "koos.pain", "koos.symptoms", "lefs", "tegner"]);
    const pain = series[0];
    expect(pain).toEqual({
      measure: "painNow",
      label: "Pain NRS",
      unit: "/10",
      betterIs: "lower",
      domain: [0, 10],
      importantChange: 2,
      baseline: 6,
      band: { low: 4, high: 8 },
      points: [
        { assessmentId: "a1", date: "2026-01-03", value: 6 },
        { assessmentId: "a2", date: "2026-01-20", value: 4 },
        { assessmentId: "a3", date: "2026-02-20", value: 2 },
      ],
    });
    // KOOS Pain: the first non-null value is the baseline.
    const koosPain = series.find((s) => s.measure === "koos.pain");
    expect(koosPain?.baseline).toBe(61.1);
    expect(koosPain?.band).toEqual({ low: 51.1, high: 71.1 });
    expect(koosPain?.points.map((p) => p.assessmentId)).toEqual(["a2"]);
    expect(koosPain).toMatchObject({ unit: "/100", betterIs: "higher", domain: [0, 100], importantChange: 10 });
    expect(series.find((s) => s.measure === "lefs")).toMatchObject({ unit: "/80", domain: [0, 80], importantChange: 9 });
    expect(series.find((s) => s.measure === "tegner")).toMatchObject({ unit: "level", domain: [0, 10], importantChange: 1 });
  });

  it("clamps the band to the domain and uses the clinic's important change", () => {
    const series = measureSeries(
      [assessment("a1", "2026-01-03", { painNow: 1, koos: { pain: 95, symptoms: null, adl: null, sport: null, qol: 3 }, lefs: 78, psfs: 9.5, tegner: 0 })],
      { painNow: 3, koos: 8, lefs: 9, psfs: 2, tegner: 1 },
    );
    const band = Object.fromEntries(series.map((s) => [s.measure, s.band]));
    expect(band).toEqual({
      painNow: { low: 0, high: 4 },
      "koos.pain": { low: 87, high: 100 },
      "koos.qol": { low: 0, high: 11 },
      lefs: { low: 69, high: 80 },
      psfs: { low: 7.5, high: 10 },
      tegner: { low: 0, high: 1 },
    });
  });

  it("no assessments, or no scores: no series", () => {
    expect(measureSeries([], DEFAULT_IMPORTANT_CHANGE)).toEqual([]);
    expect(measureSeries([assessment("a1", "2026-01-03", {})], DEFAULT_IMPORTANT_CHANGE)).toEqual([]);
  });
});
