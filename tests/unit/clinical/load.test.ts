/**
 * Training load (EVALUATE.md section 5). D = 2026-06-15 (baseInput). The
 * window arithmetic is tested on a log complete since long before D
 * (`load`); what an incomplete log changes (`training.loggedSince`, or the
 * log beginning at its first run) is tested at the end.
 */
import { addDays, computeLoad, dayNumber, spikeBand, type Load, type RunInput } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

const D = "2026-06-15";
/** A run `daysBefore` days before D (negative: after D). */
const run = (daysBefore: number, distanceKm: number): RunInput => ({ date: addDays(D, -daysBefore), distanceKm });
/** A log complete since 2000: every window is inside it. */
const load = (runs: RunInput[], spikePct = 10, loggedSince = "2000-01-01"): Load => {
  const l = computeLoad(runs, dayNumber(D), spikePct, loggedSince);
  if (!l) throw new Error("no load");
  return l;
};

describe("load windows", () => {
  it("acute 7 days are D-6 .. D", () => {
    expect(load([run(0, 1), run(6, 2), run(7, 4)]).acute7dKm).toBe(3);
  });

  it("chronic weekly is D-27 .. D divided by 4", () => {
    expect(load([run(0, 4), run(27, 8), run(28, 100)]).chronicWeeklyKm).toBe(3);
  });

  it("ACWR is acute / chronic weekly from unrounded values, two decimals", () => {
    // chronic total 95 -> 23.75/week; 36 / 23.75 = 1.5157... -> 1.52 (from 23.8 it would be 1.51)
    const l = load([run(0, 36), run(20, 59)]);
    expect(l.chronicWeeklyKm).toBe(23.8);
    expect(l.acwr).toBe(1.52);
  });

  it("ACWR is null when the chronic load is zero", () => {
    expect(load([run(0, 0), run(40, 10)])).toEqual({ acute7dKm: 0, chronicWeeklyKm: 0, acwr: null, twoWeekChangePct: null, spikes: [] });
  });

  it("ACWR is 0 with chronic load but no acute load", () => {
    expect(load([run(10, 8)]).acwr).toBe(0);
  });

  it("two-week change: A = D-13 .. D, B = D-27 .. D-14", () => {
    expect(load([run(0, 5), run(13, 10), run(14, 10), run(27, 10), run(28, 50)]).twoWeekChangePct).toBe(-25);
  });

  it("two-week change is null when B = 0", () => {
    expect(load([run(0, 10), run(14, 0)]).twoWeekChangePct).toBeNull();
  });

  it("two-week change rounds half up on the decimal value", () => {
    // (10.1 - 8) / 8 = 26.25% -> 26.3
    expect(load([run(1, 10.1), run(20, 8)]).twoWeekChangePct).toBe(26.3);
    // (7 - 8) / 8 = -12.5% -> -12.5; (7.01 - 8) / 8 = -12.375 -> -12.4
    expect(load([run(1, 7.01), run(20, 8)]).twoWeekChangePct).toBe(-12.4);
  });

  it("sums decimals without binary noise", () => {
    expect(load([run(0, 0.1), run(1, 0.2)]).acute7dKm).toBe(0.3);
  });

  it("ignores runs after D everywhere", () => {
    const l = load([run(-1, 100), run(-30, 100), run(3, 10), run(10, 10)]);
    expect(l).toEqual({ acute7dKm: 10, chronicWeeklyKm: 5, acwr: 2, twoWeekChangePct: null, spikes: [] });
  });

  it("accepts runs in any order", () => {
    const runs = [run(3, 10), run(20, 5), run(10, 12), run(0, 6), run(27, 9)];
    expect(load(runs)).toEqual(load([...runs].reverse()));
  });

  it("is an empty load for an empty list", () => {
    expect(load([])).toEqual({ acute7dKm: 0, chronicWeeklyKm: 0, acwr: null, twoWeekChangePct: null, spikes: [] });
  });

  it("is omitted when training.runs is absent, or empty without loggedSince; an empty complete log is 0 km", () => {
    expect(evaluateWith({ training: { hardSurfaces: true } }).load).toBeUndefined();
    expect(evaluateWith({}).load).toBeUndefined();
    // No run on or before D and no loggedSince: no logged day to start from.
    expect(evaluateWith({ training: { runs: [] } }).load).toBeUndefined();
    expect(evaluateWith({ training: { runs: [run(-2, 10)] } }).load).toBeUndefined();
    expect(evaluateWith({ training: { runs: [], loggedSince: "2026-01-01" } }).load).toEqual({
      acute7dKm: 0,
      chronicWeeklyKm: 0,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
  });
});

describe("single-run spikes (Frandsen 2025)", () => {
  const spikeOf = (prior: number, distance: number, spikePct = 10) => load([run(10, prior), run(5, distance)], spikePct).spikes;

  it("a run exactly 1.1 times the longest is not a spike", () => {
    expect(spikeOf(10, 11)).toEqual([]);
    expect(spikeOf(3, 3.3)).toEqual([]);
    expect(spikeOf(7, 7.7)).toEqual([]);
  });

  it("just above 1.1 is a spike in band 10-30", () => {
    expect(spikeOf(10, 11.01)).toEqual([{ date: addDays(D, -5), distanceKm: 11, longestPrior30dKm: 10, band: "10-30" }]);
  });

  it("exactly 1.3 is band 10-30, just above is 30-100", () => {
    expect(spikeOf(10, 13)[0]?.band).toBe("10-30");
    expect(spikeOf(3, 3.9)[0]?.band).toBe("10-30");
    expect(spikeOf(10, 13.01)[0]?.band).toBe("30-100");
  });

  it("exactly 2.0 is band 30-100, just above is >100", () => {
    expect(spikeOf(10, 20)[0]?.band).toBe("30-100");
    expect(spikeOf(10, 20.01)[0]?.band).toBe(">100");
    expect(spikeOf(10, 50)[0]?.band).toBe(">100");
  });

  it("bands come from the ratio whatever spikePct is", () => {
    expect(spikeOf(10, 10.5, 0)).toEqual([expect.objectContaining({ band: "10-30" })]);
    expect(spikeOf(10, 14, 40)).toEqual([]);
    expect(spikeOf(10, 15.01, 50)).toEqual([expect.objectContaining({ band: "30-100" })]);
  });

  it("the window is the 30 days before the run: date - 30 .. date - 1", () => {
    // candidate at D-5; a run exactly 30 days before it counts, 31 days does not, same day does not
    expect(load([run(35, 10), run(5, 12)]).spikes).toHaveLength(1);
    expect(load([run(36, 10), run(5, 12)]).spikes).toEqual([]);
    expect(load([run(5, 10), run(5, 12)]).spikes).toEqual([]);
  });

  it("compares with the longest run of the window", () => {
    expect(load([run(20, 12), run(15, 8), run(5, 13)]).spikes).toEqual([]);
    expect(load([run(20, 12), run(15, 8), run(5, 14)]).spikes).toEqual([
      { date: addDays(D, -5), distanceKm: 14, longestPrior30dKm: 12, band: "10-30" },
    ]);
  });

  it("only runs dated D-29 .. D can be spikes", () => {
    expect(load([run(40, 5), run(29, 10)]).spikes).toHaveLength(1);
    expect(load([run(40, 5), run(30, 10)]).spikes).toEqual([]);
  });

  it("a run with no earlier run, or only runs of 0 km, is not a spike", () => {
    expect(load([run(5, 20)]).spikes).toEqual([]);
    expect(load([run(10, 0), run(8, 0), run(5, 20)]).spikes).toEqual([]);
  });

  it("a run after D is not a spike and is not in any window", () => {
    expect(load([run(10, 10), run(-1, 50)]).spikes).toEqual([]);
  });

  it("lists spikes by date, same-day runs in input order", () => {
    const l = load([run(2, 30), run(20, 10), run(12, 12), run(2, 25)]);
    expect(l.spikes.map((s) => [s.date, s.distanceKm])).toEqual([
      [addDays(D, -12), 12],
      [addDays(D, -2), 30],
      [addDays(D, -2), 25],
    ]);
  });

  it("rounds spike distances to one decimal", () => {
    expect(load([run(10, 10.04), run(5, 12.25)]).spikes[0]).toEqual(expect.objectContaining({ distanceKm: 12.3, longestPrior30dKm: 10 }));
  });

  it("spikeBand boundaries", () => {
    expect(spikeBand(13, 10)).toBe("10-30");
    expect(spikeBand(20, 10)).toBe("30-100");
    expect(spikeBand(20.000001, 10)).toBe(">100");
  });
});

describe("an incomplete log (training.loggedSince, EVALUATE.md section 5)", () => {
  // D-6 = 2026-06-09, D-27 = 2026-05-19.
  const steady = [run(40, 10), run(30, 10), run(20, 10), run(10, 10), run(3, 10)];

  it("a value whose window starts before L is null, not a small number", () => {
    // L = D-6: acute counted, chronic, ACWR and two-week change unknown.
    expect(load([run(3, 10), run(1, 8)], 10, addDays(D, -6))).toEqual({
      acute7dKm: 18,
      chronicWeeklyKm: null,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
    // L = D-5: even the acute 7 days are not all logged.
    expect(load([run(3, 10)], 10, addDays(D, -5)).acute7dKm).toBeNull();
    // L = D-27: every window is logged.
    expect(load(steady, 10, addDays(D, -27))).toEqual({
      acute7dKm: 10,
      chronicWeeklyKm: 7.5,
      acwr: 1.33,
      twoWeekChangePct: 100,
      spikes: [],
    });
    // L = D-26: chronic and the two-week change are not.
    expect(load(steady, 10, addDays(D, -26))).toMatchObject({ acute7dKm: 10, chronicWeeklyKm: null, acwr: null, twoWeekChangePct: null });
  });

  it("without loggedSince the log begins at its earliest run on or before D", () => {
    const runs = [run(-3, 50), run(10, 10), run(3, 30)];
    expect(evaluateWith({ training: { runs } }).load).toEqual(load(runs, 10, addDays(D, -10)));
    expect(evaluateWith({ training: { runs } }).load).toMatchObject({ acute7dKm: 30, chronicWeeklyKm: null, acwr: null });
  });

  it("a run is a spike only when its whole 30-day look-back lies on or after L", () => {
    const runs = [run(35, 10), run(5, 20)]; // 20 km is 2x the longest of its 30 days before (D-35 .. D-6)
    expect(load(runs, 10, addDays(D, -35)).spikes).toEqual([
      { date: addDays(D, -5), distanceKm: 20, longestPrior30dKm: 10, band: "30-100" },
    ]);
    // Its look-back starts D-35: with L = D-34 one day of it was not logged.
    expect(load(runs, 10, addDays(D, -34)).spikes).toEqual([]);
  });

  it("a new log never reads an ACWR of 4.0 nor spikes against unlogged weeks", () => {
    // Twelve days of logging, read as complete they would give ACWR 2.56 and four spikes (example 06).
    const runs = [run(12, 5), run(10, 6), run(8, 7), run(6, 8), run(4, 8), run(2, 10), run(1, 6)];
    expect(load(runs).acwr).toBe(2.56);
    expect(load(runs).spikes).toHaveLength(4);
    const fromLog = load(runs, 10, addDays(D, -12));
    expect(fromLog).toEqual({ acute7dKm: 32, chronicWeeklyKm: null, acwr: null, twoWeekChangePct: null, spikes: [] });
  });

  it("runs dated before L change nothing", () => {
    const L = addDays(D, -20);
    expect(load([run(25, 40), run(10, 10), run(2, 12)], 10, L)).toEqual(load([run(10, 10), run(2, 12)], 10, L));
  });
});
