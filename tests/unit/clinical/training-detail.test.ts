/** Derived training (descent, pace, cadence, consecutive days, treadmill share) and the suggested answers. */
import { recentCadence, suggestTrainingAnswers, trainingDetail, type DetailRun } from "@/lib/clinical/training-detail";
import { addDays } from "@/lib/clinical/dates";

const D = "2026-11-29"; // a Sunday

describe("trainingDetail", () => {
  it("sums descent, weighs pace by distance and cadence by distance, per ISO week", () => {
    const runs: DetailRun[] = [
      { date: "2026-11-16", distanceKm: 10, durationSec: 3000, elevationLossM: 100, avgCadenceSpm: 170 },
      { date: "2026-11-17", distanceKm: 5, durationSec: 1800, elevationLossM: 20, avgCadenceSpm: 160 },
      { date: "2026-11-18", distanceKm: 5, durationSec: 1500, treadmill: true, avgCadenceSpm: 175 },
      { date: "2026-11-25", distanceKm: 8 },
    ];
    const d = trainingDetail(runs, D);
    expect(d.weeks).toEqual([
      {
        weekStart: "2026-11-16",
        km: 20,
        descentM: 120,
        paceSecPerKm: Math.round(6300 / 20),
        cadenceSpm: Math.round((170 * 10 + 160 * 5 + 175 * 5) / 20),
        treadmillPct: 25,
        longestStreakDays: 3,
      },
      { weekStart: "2026-11-23", km: 8, descentM: null, paceSecPerKm: null, cadenceSpm: null, treadmillPct: 0, longestStreakDays: 1 },
    ]);
    expect(d.currentStreakDays).toBe(0);
    expect(d.treadmillPct28d).toBe(Math.round((5 / 28) * 100));
  });

  it("counts the current streak up to today, or up to yesterday before today's run", () => {
    const runs = [0, 1, 2, 3].map((i) => ({ date: addDays(D, -1 - i), distanceKm: 5 }));
    expect(trainingDetail(runs, D).currentStreakDays).toBe(4);
    expect(trainingDetail([...runs, { date: D, distanceKm: 5 }], D).currentStreakDays).toBe(5);
    expect(trainingDetail([], D)).toEqual({ weeks: [], currentStreakDays: 0, treadmillPct28d: null });
  });
});

describe("suggestTrainingAnswers", () => {
  const block = (from: number, n: number, secPerKm: number, climbPerKm: number): DetailRun[] =>
    Array.from({ length: n }, (_, i) => ({
      date: addDays(D, -(from + i * 3)),
      distanceKm: 10,
      durationSec: secPerKm * 10,
      elevationGainM: (climbPerKm * 10) / 2,
      elevationLossM: (climbPerKm * 10) / 2,
    }));

  it("suggests yes, with the numbers, when the last 4 weeks were 5% faster and 30% hillier", () => {
    const s = suggestTrainingAnswers([...block(0, 4, 300, 12), ...block(30, 4, 330, 6)], D);
    expect(s.recentSpeedIncrease).toEqual({
      answer: true,
      because: "mean pace 5:00 min/km over the last 4 weeks (4 runs) against 5:30 min/km over the 4 weeks before (4 runs): 9.1% faster",
    });
    expect(s.recentHillIncrease?.answer).toBe(true);
    expect(s.recentHillIncrease?.because).toMatch(/^climb and descent 12 m per km .* against 6 m per km .*: up 100%$/);
  });

  it("suggests no below the thresholds, and nothing without three runs with the data in each window", () => {
    const s = suggestTrainingAnswers([...block(0, 4, 320, 6.5), ...block(30, 4, 330, 6)], D);
    expect(s.recentSpeedIncrease?.answer).toBe(false);
    expect(s.recentSpeedIncrease?.because).toMatch(/3% faster \(a suggestion needs 5% faster\)$/);
    expect(s.recentHillIncrease?.answer).toBe(false);
    expect(suggestTrainingAnswers([...block(0, 2, 300, 12), ...block(30, 4, 330, 6)], D)).toEqual({
      recentSpeedIncrease: null,
      recentHillIncrease: null,
    });
  });
});

describe("recentCadence", () => {
  it("weighs the last 28 days' cadences by distance, leaving out runs without one and older runs", () => {
    const runs: DetailRun[] = [
      { date: D, distanceKm: 10, avgCadenceSpm: 170 },
      { date: addDays(D, -27), distanceKm: 5, avgCadenceSpm: 176 },
      { date: addDays(D, -28), distanceKm: 20, avgCadenceSpm: 150 },
      { date: addDays(D, -3), distanceKm: 8 },
    ];
    expect(recentCadence(runs, D)).toEqual({ spm: 172, runs: 2 });
    expect(recentCadence([{ date: D, distanceKm: 5 }], D)).toBeNull();
  });
});
