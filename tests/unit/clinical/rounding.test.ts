/** Rounding half up on the decimal value (EVALUATE.md section 2). */
import fc from "fast-check";
import { round1, round2, roundHalfUp } from "@/lib/clinical";

describe("rounding", () => {
  it.each([
    [83.33333333, 83.3],
    [66.66666667, 66.7],
    [0.05, 0.1],
    [0.15, 0.2],
    [0.25, 0.3],
    [1.45, 1.5],
    [23.75, 23.8],
    [2.675, 2.7],
    [0.1 + 0.2, 0.3],
    [1.15, 1.2],
    [-12.25, -12.3],
    [-0.04, 0],
    [37.5, 37.5],
    [100, 100],
    [0, 0],
    [999999.95, 1000000],
  ])("round1(%p) = %p", (x, expected) => {
    expect(round1(x)).toBe(expected);
  });

  it.each([
    [1.005, 1.01],
    [1.5157894736842106, 1.52],
    [1.125, 1.13],
    [2.675, 2.68],
    [0.285, 0.29],
    [1.0049999, 1],
  ])("round2(%p) = %p", (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it("never returns negative zero", () => {
    expect(Object.is(round1(-0.01), 0)).toBe(true);
    expect(Object.is(round1(-0), 0)).toBe(true);
  });

  it("gives the same double as the decimal literal", () => {
    for (let i = 0; i < 2000; i++) {
      const x = i / 7;
      const r = roundHalfUp(x, 1);
      expect(r).toBe(Number(r.toFixed(1)));
    }
  });
});

describe("rounding agrees with decimal arithmetic on the printed value", () => {
  /** Independent reference: round the 15-significant-digit decimal text with BigInt. */
  function reference(x: number, decimals: number): number {
    const abs = Math.abs(x);
    if (abs < 1e-6) return 0;
    const [intPart = "0", fracPart = ""] = abs.toPrecision(15).split(".");
    const digits = BigInt(intPart + fracPart.padEnd(decimals + 1, "0").slice(0, decimals + 1));
    const rounded = Number((digits + 5n) / 10n) / 10 ** decimals;
    return x < 0 && rounded !== 0 ? -rounded : rounded;
  }

  it("for arbitrary doubles and for decimals near ties", () => {
    // n / scale: exact decimals such as 1.005 or 23.75, optionally with binary noise added (0.1 + 0.2 - 0.3).
    const decimalsNearTies = fc
      .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(10, 100, 1000, 10000), fc.boolean())
      .map(([n, scale, noisy]) => n / scale + (noisy ? 0.1 + 0.2 - 0.3 : 0));
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true }), decimalsNearTies), fc.constantFrom(1, 2), (x, d) => {
        expect(roundHalfUp(x, d)).toBe(reference(x, d));
      }),
      { numRuns: 5000 },
    );
  });
});
