/**
 * Patient timeline series (lib/clinical/timeline.ts): weekly distance with
 * the ACWR per week, spikes over the whole history, measure series with the
 * band of the important change; and the server-rendered tables of
 * app/_components/charts (no browser).
 */
import { DEFAULT_IMPORTANT_CHANGE } from "@/lib/domain";
import fc from "fast-check";
import { addDays, computeLoad, dayNumber, evaluate, fromDayNumber, type Evaluation, type RunInput, type Scores } from "@/lib/clinical";
import { isoWeekStart, measureSeries, trainingSeries, weekStartOf, type TimelineMeasureAssessment } from "@/lib/clinical/timeline";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { timeTicks } from "@/app/_components/charts/format";
import { trainingPlotProps, weekTicks } from "@/app/_components/charts/training-chart";
import { measurePlotProps } from "@/app/_components/charts/measure-chart";
import {
  AssessmentHistory,
  episodeLabel,
  eventsFromAssessments,
  groupByEpisode,
  MeasureChart,
  MeasureTable,
  measureSummary,
  PatientTimeline,
  signedDay,
  TrainingChart,
  TrainingTable,
  groupEvents,
  type TimelineAssessment,
} from "@/app/_components/charts";

const week = (series: ReturnType<typeof trainingSeries>, weekStart: string) => series.weeks.find((w) => w.weekStart === weekStart);

/** The hand-derived window arithmetic below reads a log complete since long before its runs. */
const completeLog = (runs: RunInput[], today: string, spikePct: number) => trainingSeries(runs, today, spikePct, "2000-01-01");

describe("trainingSeries: ISO weeks", () => {
  it("weeks start on Monday: a Sunday run belongs to the week before, a Monday run to the new week", () => {
    // 2026-11-01 is a Sunday, 2026-11-02 a Monday.
    expect(weekStartOf("2026-11-01")).toBe("2026-10-26");
    expect(weekStartOf("2026-11-02")).toBe("2026-11-02");
    expect(weekStartOf("2026-11-08")).toBe("2026-11-02");
    expect(weekStartOf("2026-01-01")).toBe("2025-12-29"); // ISO week 1 of 2026 starts in 2025
    const s = completeLog(
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
    const s = completeLog([{ date: "2026-10-01", distanceKm: 8 }], "2026-10-21", 10);
    expect(s.weeks.map((w) => w.weekStart)).toEqual(["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"]);
    expect(s.weeks.map((w) => w.km)).toEqual([8, 0, 0, 0]);
    expect(s.weeks.map((w) => w.runs)).toEqual([1, 0, 0, 0]);
    expect(s.weeks.map((w) => w.longestKm)).toEqual([8, 0, 0, 0]);
    expect(s.weeks.map((w) => w.acwrOn)).toEqual(["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-21"]);
    // Week 1: acute 8, chronic 8/4 = 2 -> 4. Later weeks: no acute load -> 0.
    expect(s.weeks.map((w) => w.acwr)).toEqual([4, 0, 0, 0]);
  });

  it("ignores runs after today (in the weeks and the spikes)", () => {
    const s = completeLog(
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
    expect(completeLog([], "2026-10-06", 10)).toEqual({ weeks: [], spikes: [] });
    expect(completeLog([{ date: "2026-10-07", distanceKm: 3 }], "2026-10-06", 10)).toEqual({ weeks: [], spikes: [] });
  });

  it("ACWR is null when the 28 days hold no distance", () => {
    const s = completeLog(
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
    const s = completeLog(
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
    const s = completeLog(
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
    const s = completeLog(runs, "2026-06-15", 10);
    expect(s.spikes).toEqual([
      { date: "2021-03-20", distanceKm: 12.2, longestPrior30dKm: 11, band: "10-30" },
      { date: "2024-01-31", distanceKm: 10.1, longestPrior30dKm: 5, band: ">100" },
      { date: "2024-02-01", distanceKm: 14, longestPrior30dKm: 10.1, band: "30-100" },
    ]);
  });

  it("the window is date - 30 .. date - 1: a run 30 days before counts, 31 days before and same day do not", () => {
    const s = completeLog(
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
    expect(completeLog(runs, "2026-05-31", 10).spikes).toHaveLength(1);
    expect(completeLog(runs, "2026-05-31", 20).spikes).toHaveLength(0);
  });

  it("a sliding maximum: the longest run leaves the window after 30 days", () => {
    const runs = [
      { date: "2026-01-01", distanceKm: 30 },
      { date: "2026-01-10", distanceKm: 10 },
      { date: "2026-01-31", distanceKm: 20 }, // window 1 .. 30 Jan holds 30: no spike
      { date: "2026-02-01", distanceKm: 25 }, // window 2 Jan .. 31 Jan: 10 and 20 -> 25 / 20 = 1.25
    ];
    expect(completeLog(runs, "2026-02-28", 10).spikes).toEqual([
      { date: "2026-02-01", distanceKm: 25, longestPrior30dKm: 20, band: "10-30" },
    ]);
  });

  it("five years of daily runs: every week charted, and every spike agrees with computeLoad on its own day", () => {
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
    // Its speed is a benchmark's to measure, never a timed test's (one failed a landing under load).
    const s = trainingSeries(runs, today, 10);
    expect(s.weeks.length).toBe(262);
    expect(s.spikes.length).toBeGreaterThan(10);
    for (const spike of s.spikes) {
      const load = computeLoad(runs, dayNumber(spike.date), 10);
      expect(load?.spikes.at(-1)).toEqual(spike);
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

describe("trainingSeries: an incomplete log, like the engine (EVALUATE.md section 5)", () => {
  // A runner who started logging on Monday 5 Oct 2026; today is Sunday 8 Nov.
  const runs = [
    { date: "2026-10-05", distanceKm: 5 },
    { date: "2026-10-07", distanceKm: 8 },
    { date: "2026-10-14", distanceKm: 6 },
    { date: "2026-10-21", distanceKm: 6 },
    { date: "2026-10-28", distanceKm: 6 },
    { date: "2026-11-02", distanceKm: 6 },
    { date: "2026-11-05", distanceKm: 9 },
  ];

  it("no ACWR whose 28 days start before the log (its first run), no spike whose 30 days before do", () => {
    const s = trainingSeries(runs, "2026-11-08", 10);
    expect(s.weeks.map((w) => [w.acwrOn, w.acwr])).toEqual([
      ["2026-10-11", null], // 28 days from 14 Sep: before the log
      ["2026-10-18", null],
      ["2026-10-25", null],
      ["2026-11-01", 0.77], // 5 Oct .. 1 Nov: acute 6; chronic 31 / 4 = 7.75; 6 / 7.75 = 0.774
      ["2026-11-08", 1.82], // 12 Oct .. 8 Nov: acute 6 + 9 = 15; chronic 33 / 4 = 8.25; 15 / 8.25 = 1.818
    ]);
    // 7 Oct (8 km vs 5) looks back to 7 Sep: not a spike; 5 Nov (9 km vs 8) looks back to 6 Oct: a spike.
    expect(s.spikes).toEqual([{ date: "2026-11-05", distanceKm: 9, longestPrior30dKm: 8, band: "10-30" }]);
  });

  it("read as complete since long before, the first week would show an ACWR of 4 and a spike", () => {
    const s = completeLog(runs, "2026-11-08", 10);
    expect(s.weeks[0]).toMatchObject({ acwrOn: "2026-10-11", acwr: 4 }); // 13 / (13 / 4)
    expect(s.spikes.map((x) => x.date)).toEqual(["2026-10-07", "2026-11-05"]);
  });

  it("an explicit loggedSince moves the start of the log", () => {
    const s = trainingSeries(runs, "2026-11-08", 10, "2026-10-12");
    expect(s.weeks.map((w) => w.acwr)).toEqual([null, null, null, null, 1.82]);
    expect(s.spikes).toEqual([]); // 5 Nov looks back to 6 Oct, before 12 Oct
  });
});

// ---------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------

function evaluationWith(scores: Scores): Evaluation {
  return {
    rulesVersion: "2",
    ageYears: 36,
    urgency: "routine",
    redFlags: [],
    redFlagsAbsent: [],
    redFlagsNotAssessed: [],
    riskFactors: [],
    runningAdvice: { mode: "pain_monitored", maxPainDuringRun: 3, screenComplete: true, because: [] },
    considerations: [],
    scores,
  };
}

const assessment = (
  id: string,
  assessedOn: string,
  scores: Scores,
  kind: "intake" | "follow_up" = "follow_up",
): TimelineMeasureAssessment => ({
  id,
  assessedOn,
  kind,
  evaluation: evaluationWith(scores),
});

describe("measureSeries", () => {
  it("one series per measure that has a score, in output order, skipping nulls", () => {
    const series = measureSeries(
      [
        assessment(
          "a1",
          "2026-01-03",
          { painNow: 6, koos: { pain: null, symptoms: 50, adl: null, sport: null, qol: null }, tegner: 4 },
          "intake",
        ),
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
      currentImportantChange: 2,
      baseline: 6,
      band: { low: 4, high: 8 },
      // No settings stored with these records: each judged with the clinic's current important change.
      points: [
        { assessmentId: "a1", date: "2026-01-03", value: 6, importantChange: 2, band: { low: 4, high: 8 } },
        { assessmentId: "a2", date: "2026-01-20", value: 4, importantChange: 2, band: { low: 4, high: 8 } },
        { assessmentId: "a3", date: "2026-02-20", value: 2, importantChange: 2, band: { low: 4, high: 8 } },
      ],
      companions: [],
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
      [
        assessment("a1", "2026-01-03", {
          painNow: 1,
          koos: { pain: 95, symptoms: null, adl: null, sport: null, qol: 3 },
          lefs: 78,
          psfs: 9.5,
          tegner: 0,
        }),
      ],
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

  it("pain now carries the worst pain of the week and pain during running, each with the points it has", () => {
    const series = measureSeries(
      [
        { ...assessment("a1", "2026-01-03", { painNow: 6, lefs: 40 }, "intake"), pain: { painWorstWeek: 8, painDuringRun: 7 } },
        { ...assessment("a2", "2026-01-20", { painNow: 4 }), pain: { painWorstWeek: 6 } },
        assessment("a3", "2026-02-20", { painNow: 2 }),
      ],
      DEFAULT_IMPORTANT_CHANGE,
    );
    expect(series[0]?.companions).toEqual([
      {
        key: "painWorstWeek",
        label: "Worst pain in the last week",
        points: [
          { assessmentId: "a1", date: "2026-01-03", value: 8 },
          { assessmentId: "a2", date: "2026-01-20", value: 6 },
        ],
      },
      { key: "painDuringRun", label: "Pain during running", points: [{ assessmentId: "a1", date: "2026-01-03", value: 7 }] },
    ]);
    expect(series.find((s) => s.measure === "lefs")?.companions).toEqual([]);
  });

  it("a pain series is drawn from the companions alone when pain now was not recorded", () => {
    const [pain] = measureSeries([{ ...assessment("a1", "2026-01-03", {}), pain: { painDuringRun: 3 } }], DEFAULT_IMPORTANT_CHANGE);
    expect(pain).toMatchObject({ measure: "painNow", points: [], baseline: null, band: null });
    expect(pain?.companions.map((c) => c.key)).toEqual(["painDuringRun"]);
  });
});

// ---------------------------------------------------------------------------
// Components, rendered on the server (no browser)
// ---------------------------------------------------------------------------

function timelineAssessment(
  id: string,
  assessedOn: string,
  scores: Scores,
  extra: Partial<TimelineAssessment> & { changes?: Evaluation["changes"]; redFlags?: Evaluation["redFlags"] } = {},
): TimelineAssessment {
  const { changes, redFlags, ...rest } = extra;
  const evaluation: Evaluation = {
    ...evaluationWith(scores),
    ...(changes ? { changes } : {}),
    ...(redFlags ? { redFlags, urgency: "soon" } : {}),
  };
  return {
    id,
    episodeId: "e1",
    kind: "follow_up",
    assessedOn,
    status: "signed",
    signedAt: `${assessedOn}T10:00:00.000Z`,
    urgency: evaluation.urgency,
    evaluation,
    href: `/patients/p1/episodes/e1/assessments/${id}`,
    ...rest,
  };
}

const HISTORY: TimelineAssessment[] = [
  timelineAssessment(
    "a1",
    "2026-01-03",
    { painNow: 6, koos: { pain: 50, symptoms: null, adl: null, sport: null, qol: null } },
    {
      kind: "intake",
      redFlags: [{ code: "catching", urgency: "soon", because: ["symptoms.catching"] }],
    },
  ),
  timelineAssessment(
    "a2",
    "2026-01-20",
    { painNow: 9 },
    {
      status: "entered_in_error",
      changes: { painNow: { vsBaseline: "worsened", vsPrevious: "worsened" } },
    },
  ),
  timelineAssessment(
    "a3",
    "2026-02-20",
    { painNow: 2, koos: { pain: 72.2, symptoms: null, adl: null, sport: null, qol: null } },
    {
      changes: {
        painNow: { vsBaseline: "improved", vsPrevious: "improved" },
        "koos.pain": { vsBaseline: "improved", vsPrevious: "unchanged" },
      },
    },
  ),
  timelineAssessment(
    "a4",
    "2026-03-01",
    { painNow: 3 },
    {
      status: "draft",
      signedAt: null,
      changes: { painNow: { vsBaseline: "improved", vsPrevious: "unchanged" } },
    },
  ),
];

/** The <tr>…</tr> of the body rows of the first table in `html`. */
function bodyRows(html: string): string[] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return body.split("</tr>").filter((r) => r.includes("<tr"));
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("AssessmentHistory (server-rendered)", () => {
  const html = renderToStaticMarkup(createElement(AssessmentHistory, { assessments: HISTORY }));
  const rows = bodyRows(html);

  it("lists every assessment oldest first, with scoped headers and measures with units", () => {
    expect(html).toContain("<caption");
    expect(html).toContain('scope="col"');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => /scope="row"[^>]*>.*?>([^<]+)<\/a>/.exec(r)?.[1])).toEqual([
      "3 Jan 2026",
      "20 Jan 2026",
      "20 Feb 2026",
      "1 Mar 2026",
    ]);
    expect(text(html)).toContain("Pain NRS Score (0-10), lower is better");
    expect(text(html)).toContain("KOOS Pain Score (0-100), higher is better");
    expect(html).toContain('href="/patients/p1/episodes/e1/assessments/a3"');
  });

  it("shows status, urgency and red flags", () => {
    expect(text(rows[0] as string)).toContain("Intake Signed");
    expect(text(rows[0] as string)).toContain("Soon");
    expect(text(rows[0] as string)).toContain("Catching");
    expect(text(rows[3] as string)).toContain("Draft (unsigned)");
  });

  it("badges vs baseline and vs previous from evaluation.changes", () => {
    const followUp = text(rows[2] as string);
    expect(followUp).toContain("2/10 vs baseline Improved vs previous Improved");
    expect(followUp).toContain("72.2/100 vs baseline Improved vs previous Unchanged");
    expect(text(rows[0] as string)).toContain("6/10 baseline");
  });

  it("entered-in-error rows are struck through, labelled, and have no badges", () => {
    const eie = rows[1] as string;
    expect(eie).toContain("line-through");
    expect(text(eie)).toContain("Entered in error");
    expect(text(eie)).not.toMatch(/Improved|Worsened|Unchanged/);
    expect(text(eie)).toContain("9/10");
  });

  it("says so when there are no assessments", () => {
    expect(text(renderToStaticMarkup(createElement(AssessmentHistory, { assessments: [] })))).toBe("No assessments yet.");
  });
});

describe("chart data tables and summaries (server-rendered)", () => {
  const signedOnly = HISTORY.filter((a) => a.status === "signed").map((a) => ({
    id: a.id,
    assessedOn: a.assessedOn,
    kind: a.kind,
    evaluation: a.evaluation as Evaluation,
  }));
  const [pain] = measureSeries(signedOnly, DEFAULT_IMPORTANT_CHANGE);
  const events = eventsFromAssessments(HISTORY);
  const marks = groupEvents(events);

  it("derives red-flag and signing events from signed assessments only", () => {
    expect(events.map((e) => [e.date, e.kind])).toEqual([
      ["2026-01-03", "red_flag"],
      ["2026-01-03", "signed"],
      ["2026-02-20", "signed"],
    ]);
    expect(events[0]?.label).toBe("Red flag (intake): Catching");
    expect(signedDay("2026-01-03T23:30:00.000Z", "Australia/Sydney")).toBe("2026-01-04");
    expect(signedDay("2026-01-03T23:30:00.000Z")).toBe("2026-01-03");
  });

  it("the measure table: caption, units in headers, dates, values, differences and events in words", () => {
    const html = renderToStaticMarkup(
      createElement(MeasureTable, { series: pain as NonNullable<typeof pain>, marks, kinds: { a1: "intake", a3: "follow_up" } }),
    );
    expect(html).toContain("<details");
    expect(text(html)).toContain("Show the data as a table");
    expect(text(html)).toContain("Pain NRS (0-10, lower is better) by date");
    expect(text(html)).toContain("Pain NRS: Score (0-10)");
    expect(text(html)).toContain("Difference from baseline (points)");
    const rows = bodyRows(html).map(text);
    expect(rows).toEqual([
      "3 Jan 2026 Intake 6/10 0 Baseline (± 2 points) ▲ Red flag (intake): Catching ✓ Signed: intake of 3 Jan 2026",
      "20 Feb 2026 Follow-up 2/10 −4 Improved (± 2 points) ✓ Signed: follow-up of 20 Feb 2026",
    ]);
    expect(html).not.toContain("9/10"); // entered in error: not charted
  });

  it("the accessible summary of a measure chart", () => {
    expect(measureSummary(pain as NonNullable<typeof pain>, marks)).toBe(
      "Pain NRS, 2 points from 6/10 on 3 Jan 2026 to 2/10 on 20 Feb 2026; lower is better. " +
        "Shaded band of important change around the baseline 6/10: 4/10 to 8/10. " +
        "Marked on the time axis: red flags on 3 Jan 2026; signed on 3 Jan 2026, 20 Feb 2026.",
    );
  });

  it("MeasureChart renders a placeholder with role=img before mounting, and the table", () => {
    const html = renderToStaticMarkup(createElement(MeasureChart, { series: pain as NonNullable<typeof pain>, events }));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Pain NRS, 2 points from 6/10 on 3 Jan 2026');
    expect(html).toContain("Loading chart…");
    expect(html).toContain('style="height:200px"');
    expect(text(html)).toContain("Important change around baseline (6/10 ± 2)");
    expect(html).toContain("<table");
  });

  describe("pain now with the worst pain of the week and pain during running beside it", () => {
    const withPain = signedOnly.map((a, i) => ({ ...a, pain: i === 0 ? { painWorstWeek: 8, painDuringRun: 7 } : { painWorstWeek: 4 } }));
    const [series] = measureSeries(withPain, DEFAULT_IMPORTANT_CHANGE);
    const s = series as NonNullable<typeof series>;

    it("the table has a column for each, by assessment", () => {
      const html = renderToStaticMarkup(createElement(MeasureTable, { series: s, kinds: { a1: "intake", a3: "follow_up" } }));
      expect(text(html)).toContain(
        "Pain NRS: Score (0-10) Difference from baseline (points) Judged vs baseline (important change) Worst pain in the last week: Score (0-10) Pain during running: Score (0-10)",
      );
      expect(bodyRows(html).map(text)).toEqual([
        "3 Jan 2026 Intake 6/10 0 Baseline (± 2 points) 8/10 7/10 —",
        "20 Feb 2026 Follow-up 2/10 −4 Improved (± 2 points) 4/10 — —",
      ]);
    });

    it("the chart names them in its legend and its accessible summary", () => {
      const html = renderToStaticMarkup(createElement(MeasureChart, { series: s }));
      expect(text(html)).toContain("Pain NRS Worst pain in the last week Pain during running Important change around baseline");
      expect(measureSummary(s)).toBe(
        "Pain NRS, 2 points from 6/10 on 3 Jan 2026 to 2/10 on 20 Feb 2026; lower is better. " +
          "Shaded band of important change around the baseline 6/10: 4/10 to 8/10. " +
          "Also drawn: Worst pain in the last week from 8/10 on 3 Jan 2026 to 4/10 on 20 Feb 2026; Pain during running 7/10 on 3 Jan 2026.",
      );
    });
  });

  it("MeasureChart with one point shows a sentence instead of a chart", () => {
    const [one] = measureSeries(signedOnly.slice(0, 1), DEFAULT_IMPORTANT_CHANGE);
    const html = renderToStaticMarkup(createElement(MeasureChart, { series: one as NonNullable<typeof one>, kinds: { a1: "intake" } }));
    expect(html).not.toContain('role="img"');
    expect(text(html)).toContain("One score so far: 6/10 on 3 Jan 2026 (intake).");
  });

  it("the training table: weeks, units in headers, ACWR, spikes with their band", () => {
    const runs = [
      { date: "2026-10-26", distanceKm: 10 },
      { date: "2026-11-03", distanceKm: 16 },
      { date: "2026-11-04", distanceKm: 0 },
    ];
    const series = completeLog(runs, "2026-11-10", 10);
    const html = renderToStaticMarkup(
      createElement(TrainingTable, {
        series,
        spikePct: 10,
        marks: groupEvents([{ date: "2026-11-04", kind: "red_flag", label: "Red flag (follow-up): Catching" }]),
      }),
    );
    expect(text(html)).toContain("Week starting (Monday) Distance (km) Runs Longest run (km) ACWR (ratio) Single-run spikes Events");
    expect(text(html)).toContain("weak evidence (Lolli 2019, Impellizzeri 2020)");
    expect(bodyRows(html).map(text)).toEqual([
      "26 Oct 2026 10 km 1 10 km 4.00 (above 1.5) — —",
      "2 Nov 2026 16 km 2 16 km 2.46 (above 1.5) ▲ Spike 3 Nov 2026: 16 km vs 10 km longest in the previous 30 days (more than 30% up to 100% longer) ▲ Red flag (follow-up): Catching",
      "9 Nov 2026 0 km 0 — 0.00 — —",
    ]);
  });

  it("TrainingChart: a sentence without runs or with one week, a placeholder and summary otherwise", () => {
    expect(text(renderToStaticMarkup(createElement(TrainingChart, { series: completeLog([], "2026-11-10", 10) })))).toContain(
      "No runs logged up to today.",
    );
    const one = renderToStaticMarkup(
      createElement(TrainingChart, { series: completeLog([{ date: "2026-11-09", distanceKm: 5 }], "2026-11-10", 10) }),
    );
    expect(text(one)).toContain("One week of runs so far: 5 km in 1 run in the week of 9 Nov 2026, ACWR 4.00.");
    const many = renderToStaticMarkup(
      createElement(TrainingChart, {
        series: completeLog(
          [
            { date: "2026-11-01", distanceKm: 5 },
            { date: "2026-11-09", distanceKm: 6 },
          ],
          "2026-11-10",
          10,
        ),
      }),
    );
    expect(many).toContain('role="img"');
    expect(many).toContain("Loading chart…");
    expect(many).toContain('aria-label="Weekly distance, 3 weeks from the week of 26 Oct 2026 to the week of 9 Nov 2026');
    expect(text(many)).toContain("0.8-1.3 (weak evidence: Lolli 2019, Impellizzeri 2020)");
  });

  it("PatientTimeline: charts leave out drafts and entered-in-error assessments, the history keeps them", () => {
    const html = renderToStaticMarkup(
      createElement(PatientTimeline, {
        assessments: HISTORY,
        runs: [
          { date: "2026-01-01", distanceKm: 8 },
          { date: "2026-02-10", distanceKm: 9 },
        ],
        today: "2026-03-02",
        settings: { spikePct: 10, importantChange: DEFAULT_IMPORTANT_CHANGE },
      }),
    );
    const t = text(html);
    expect(t).toContain("Outcome measures over time");
    expect(t).toContain("2 draft or entered-in-error assessments left out");
    expect(t).toContain("Pain NRS (0-10, lower is better)");
    expect(t).toContain("KOOS Pain (0-100, higher is better)");
    expect(t).toContain("Training load");
    expect(t).toContain("Assessment history");
    // The pain chart's table has the two signed scores only; the history has all four.
    const painTable = /Pain NRS \(0-10, lower is better\) by date[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(bodyRows(`<tbody>${painTable.split("<tbody")[1] ?? ""}`).length).toBe(2);
    expect(painTable).not.toContain("9/10");
    expect(painTable).not.toContain("3/10");
    expect(t).toContain("Entered in error");
    expect(t).toContain("Draft (unsigned)");
  });
});

describe("PatientTimeline helpers", () => {
  it("groups by episode, episodes in the order of their first assessment, charting signed assessments only", () => {
    const groups = groupByEpisode(
      [timelineAssessment("b1", "2026-03-01", { painNow: 4 }, { episodeId: "e2", kind: "intake" }), ...HISTORY],
      [{ id: "e2", side: "right", complaint: "pes anserine", status: "discharged" }],
    );
    expect(groups.map((g) => [g.id, g.label, g.all.length, g.charted.map((a) => a.id)])).toEqual([
      ["e1", "Episode 1", 4, ["a1", "a3"]],
      ["e2", "Right knee: pes anserine (discharged)", 1, ["b1"]],
    ]);
    expect(episodeLabel({ id: "x", label: "Left knee" })).toBe("Left knee");
    expect(episodeLabel(undefined)).toBeUndefined();
  });

  it("time ticks: Mondays for short spans, regular month starts for long ones", () => {
    const short = timeTicks(dayNumber("2026-01-03"), dayNumber("2026-02-20"), 5);
    expect(short.monthTicks).toBe(false);
    expect(short.ticks.map(fromDayNumber)).toEqual(["2026-01-05", "2026-01-19", "2026-02-02", "2026-02-16"]);
    const long = timeTicks(dayNumber("2024-05-01"), dayNumber("2026-02-01"), 6);
    expect(long.monthTicks).toBe(true);
    expect(long.ticks.map(fromDayNumber)).toEqual(["2024-07-01", "2025-01-01", "2025-07-01", "2026-01-01"]);
  });

  it("week ticks: every k-th week up to half a year, else month starts", () => {
    const weeks = (n: number) => Array.from({ length: n }, (_, i) => addDays("2026-01-05", 7 * i));
    expect(weekTicks(weeks(4))).toEqual({ ticks: weeks(4), monthTicks: false });
    expect(weekTicks(weeks(20)).ticks).toHaveLength(7);
    const long = weekTicks(weeks(260));
    expect(long.monthTicks).toBe(true);
    expect(long.ticks.length).toBeLessThanOrEqual(8);
    expect(long.ticks[0]).toBe("2026-01-05");
  });
});

/**
 * What the lazily loaded plots receive (issue 17): the numbers they draw and
 * a few short texts, worked out on the server, never the series themselves
 * (assessment ids, judged changes, week objects): every prop of a client
 * component travels in the page's React payload.
 */
describe("plot props", () => {
  const assessments = [
    { id: "a1", assessedOn: "2026-01-03", kind: "intake" as const, evaluation: evaluationWith({ painNow: 6 }), pain: { painWorstWeek: 8 } },
    {
      id: "a3",
      assessedOn: "2026-02-20",
      kind: "follow_up" as const,
      evaluation: evaluationWith({ painNow: 2 }),
      pain: { painDuringRun: 3 },
    },
  ];
  const [pain] = measureSeries(assessments, DEFAULT_IMPORTANT_CHANGE);
  const marks = groupEvents([{ date: "2026-01-03", kind: "signed", label: "Signed: intake of 3 Jan 2026" }]);
  const from = dayNumber("2026-01-03");
  const to = dayNumber("2026-02-20");
  const props = measurePlotProps(pain!, marks, { a1: "intake", a3: "follow_up" }, from, to);

  it("measure: per assessment its day and scores, the companions' beside the measure's, the kinds as letters", () => {
    expect(props.companions).toEqual([
      ["painWorstWeek", "Worst pain in the last week"],
      ["painDuringRun", "Pain during running"],
    ]);
    expect(props.points).toEqual([
      [from, 6, 8, null],
      [to, 2, null, 3],
    ]);
    expect(props.kinds).toBe("if");
    expect(props.band).toEqual([[from, to, 4, 8]]);
    expect(props).toMatchObject({ label: "Pain NRS", unit: "/10", domain: [0, 10], baseline: 6, minDay: from, maxDay: to });
    expect(measurePlotProps(pain!, [], {}, from, to).kinds).toBe("--");
  });

  it("measure: the marks as given (one array shared by an episode's charts), nothing of the series", () => {
    expect(props.marks).toBe(marks);
    expect(JSON.stringify({ ...props, marks: [] })).not.toMatch(/a1|a3|assessmentId|importantChange|vsBaseline|2026-/);
  });

  it("training: per week its Monday as a day number and its numbers, the last ACWR day, the spikes in words by week", () => {
    const runs = [
      { date: "2026-10-26", distanceKm: 10 },
      { date: "2026-11-03", distanceKm: 16 },
      { date: "2026-11-04", distanceKm: 0 },
    ];
    const training = trainingPlotProps(completeLog(runs, "2026-11-10", 10), []);
    expect(training.weeks).toEqual([
      [dayNumber("2026-10-26"), 10, 4, 1, 10],
      [dayNumber("2026-11-02"), 16, 2.46, 2, 16],
      [dayNumber("2026-11-09"), 0, 0, 0, 0],
    ]);
    expect(training.lastAcwrDay).toBe(dayNumber("2026-11-10"));
    expect(training.spikes).toEqual([
      [dayNumber("2026-11-02"), "3 Nov 2026: 16 km vs 10 km longest in the previous 30 days (more than 30% up to 100% longer)"],
    ]);
    expect(training.ticks).toEqual(training.weeks.map(([day]) => day));
    expect(JSON.stringify(training)).not.toMatch(/weekStart|acwrOn|longestKm/);
  });
});
