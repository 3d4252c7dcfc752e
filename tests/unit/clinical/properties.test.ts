/** Properties of evaluate() over generated valid inputs (fast-check). */
import fc from "fast-check";
import {
  addDays,
  dayNumber,
  evaluate,
  logStart,
  RED_FLAG_CODES,
  URGENCY_ORDER,
  type Evaluation,
  type EvaluationInput,
} from "@/lib/clinical";
import { mostSevere, urgencyRank } from "@/lib/domain";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { runCli } from "../cli-helpers";
import { inputArb } from "./arbitraries";

const RUNS = { numRuns: 400 };
const inRange = (x: number | null | undefined, min: number, max: number) => x === null || x === undefined || (x >= min && x <= max);

describe("evaluate() properties", () => {
  it("the generator makes only valid inputs, which parse unchanged", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const parsed = parseEvaluationInput(input);
        expect(parsed).toEqual({ ok: true, value: input });
      }),
      RUNS,
    );
  });

  it("puts every red-flag code in exactly one of the three lists", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const e = evaluate(input);
        const all = [...e.redFlags.map((f) => f.code), ...e.redFlagsAbsent, ...e.redFlagsNotAssessed];
        expect(all).toHaveLength(RED_FLAG_CODES.length);
        expect(new Set(all)).toEqual(new Set(RED_FLAG_CODES));
      }),
      RUNS,
    );
  });

  it("has the urgency of its most severe flag, flags sorted by urgency then code, lists by code", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const e = evaluate(input);
        expect(e.urgency).toBe(mostSevere(e.redFlags.map((f) => f.urgency)));
        const key = (f: Evaluation["redFlags"][number]) => `${URGENCY_ORDER.indexOf(f.urgency)}${f.code}`;
        const keys = e.redFlags.map(key);
        expect(keys).toEqual([...keys].sort());
        expect(e.redFlagsAbsent).toEqual([...e.redFlagsAbsent].sort());
        expect(e.redFlagsNotAssessed).toEqual([...e.redFlagsNotAssessed].sort());
        const risks = e.riskFactors.map((r) => r.code);
        expect(risks).toEqual([...risks].sort());
        for (const f of e.redFlags) expect(f.because.length).toBeGreaterThan(0);
        for (const r of e.riskFactors) expect(r.because.length).toBeGreaterThan(0);
        for (const c of e.considerations) expect(c.supporting.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("is deterministic and does not modify its input", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        const first = evaluate(input);
        expect(input).toEqual(copy);
        expect(evaluate(copy)).toEqual(first);
        expect(JSON.stringify(evaluate(input))).toBe(JSON.stringify(first));
      }),
      RUNS,
    );
  });

  it("keeps scores and load in range", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { scores, load, ageYears } = evaluate(input);
        expect(ageYears).toBeGreaterThanOrEqual(0);
        expect(inRange(scores.painNow, 0, 10)).toBe(true);
        expect(inRange(scores.tegner, 0, 10)).toBe(true);
        expect(inRange(scores.lefs, 0, 80)).toBe(true);
        expect(inRange(scores.psfs, 0, 10)).toBe(true);
        for (const v of Object.values(scores.koos ?? {})) expect(inRange(v, 0, 100)).toBe(true);
        if (load) {
          expect(load.acute7dKm === null || load.acute7dKm >= 0).toBe(true);
          expect(load.chronicWeeklyKm === null || load.chronicWeeklyKm >= 0).toBe(true);
          expect(load.acwr === null || load.acwr >= 0).toBe(true);
          expect(load.twoWeekChangePct === null || load.twoWeekChangePct >= -100).toBe(true);
          const dates = load.spikes.map((s) => s.date);
          expect(dates).toEqual([...dates].sort());
          for (const s of load.spikes) {
            expect(s.date <= input.assessedOn).toBe(true);
            expect(s.distanceKm).toBeGreaterThan(s.longestPrior30dKm);
          }
        }
      }),
      RUNS,
    );
  });

  it("gives running advice by the first rule of EVALUATE.md section 7 that applies", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const e = evaluate(input);
        const a = e.runningAdvice;
        const fired = new Set(e.redFlags.map((f) => f.code));
        expect(a.screenComplete).toBe(e.redFlagsNotAssessed.length === 0);
        const stops = e.redFlags.filter(
          (f) =>
            f.urgency === "emergency" || f.urgency === "urgent" || f.code === "visible_swelling" || f.code === "sharp_weight_bearing_pain",
        );
        if (stops.length > 0) {
          expect(a).toEqual({
            mode: "stop",
            maxPainDuringRun: null,
            screenComplete: a.screenComplete,
            because: stops.map((f) => `redFlags.${f.code}`),
          });
        } else if (!a.screenComplete) {
          expect(a).toEqual({
            mode: "screen_incomplete",
            maxPainDuringRun: null,
            screenComplete: false,
            because: e.redFlagsNotAssessed.map((c) => `redFlagsNotAssessed.${c}`),
          });
        } else if (fired.has("bone_stress_injury_suspected")) {
          expect(e.redFlags.find((f) => f.code === "bone_stress_injury_suspected")?.urgency).toBe("soon");
          expect(a).toEqual({
            mode: "pain_free",
            maxPainDuringRun: 0,
            screenComplete: true,
            because: ["redFlags.bone_stress_injury_suspected"],
          });
        } else {
          expect(a).toEqual({
            mode: "pain_monitored",
            maxPainDuringRun: input.settings?.maxRunPain ?? 3,
            screenComplete: true,
            because: [],
          });
        }
      }),
      RUNS,
    );
  });

  it("an unanswered deciding input never lowers a flag's urgency (tiers)", () => {
    /** The input without one deciding input of a tier. */
    const without: ((i: EvaluationInput) => EvaluationInput)[] = [
      (i) => ({ ...i, exam: { ...i.exam, wellsDvt: undefined } }),
      (i) => ({ ...i, episode: { ...i.episode, onsetDate: undefined } }),
      (i) => ({ ...i, episode: { ...i.episode, mechanism: undefined } }),
      (i) => ({ ...i, exam: { ...i.exam, hopPain: undefined } }),
      (i) => ({ ...i, symptoms: { ...i.symptoms, painAtRest: undefined, nightPain: undefined } }),
      (i) => ({ ...i, history: { ...i.history, previousBoneStressInjury: undefined, lowEnergyAvailability: undefined } }),
    ];
    const clean = (i: EvaluationInput): EvaluationInput => JSON.parse(JSON.stringify(i)) as EvaluationInput;
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: without.length - 1 }), (input, k) => {
        const before = evaluate(input);
        const after = evaluate(clean(without[k]!(input)));
        for (const flag of before.redFlags) {
          const still = after.redFlags.find((f) => f.code === flag.code);
          if (still) expect(urgencyRank(still.urgency)).toBeLessThanOrEqual(urgencyRank(flag.urgency));
        }
      }),
      RUNS,
    );
  });

  it("never reads a load window, or a spike's look-back, from before the log is complete", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const load = evaluate(input).load;
        const runs = input.training?.runs;
        if (!load || !runs) return;
        const start = logStart(runs, dayNumber(input.assessedOn), input.training?.loggedSince) as number;
        const d = dayNumber(input.assessedOn);
        if (start > d - 6) expect(load.acute7dKm).toBeNull();
        if (start > d - 27) expect([load.chronicWeeklyKm, load.acwr, load.twoWeekChangePct]).toEqual([null, null, null]);
        for (const s of load.spikes) expect(dayNumber(addDays(s.date, -30))).toBeGreaterThanOrEqual(start);
      }),
      RUNS,
    );
  });

  it("passes through JSON.stringify / JSON.parse unchanged", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const e = evaluate(input);
        expect(JSON.parse(JSON.stringify(e))).toStrictEqual(e);
      }),
      RUNS,
    );
  });

  it("gives the same JSON from the library and the command line", () => {
    const samples: EvaluationInput[] = fc.sample(inputArb, { numRuns: 6, seed: 20260820 });
    for (const input of samples) {
      const r = runCli(["-"], JSON.stringify(input));
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${JSON.stringify(evaluate(input))}\n`);
    }
  }, 60_000);
});
