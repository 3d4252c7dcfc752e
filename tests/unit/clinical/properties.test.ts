/** Properties of evaluate() over generated valid inputs (fast-check). */
import { mostSevere } from "@/lib/domain";
import fc from "fast-check";
import { evaluate, RED_FLAG_CODES, URGENCY_ORDER, type Evaluation, type EvaluationInput } from "@/lib/clinical";
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
          expect(load.acute7dKm).toBeGreaterThanOrEqual(0);
          expect(load.chronicWeeklyKm).toBeGreaterThanOrEqual(0);
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
