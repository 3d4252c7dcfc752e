/**
 * Rounding as people do it on paper (EVALUATE.md section 2: "Numbers are
 * rounded to one decimal (ACWR to two)").
 *
 * Binary floating point cannot hold most decimals exactly: 1.005 is stored as
 * 1.00499999999999989..., and 0.1 + 0.2 as 0.30000000000000004. Rounding the
 * stored value would give 1.00 for 1.005. Instead the value is first read as
 * the decimal it stands for (15 significant digits, which removes the binary
 * noise of sums and quotients) and that decimal is rounded half away from
 * zero: 83.33 -> 83.3, 0.05 -> 0.1, 1.005 -> 1.01, 23.75 -> 23.8,
 * -12.25 -> -12.3.
 */

/** Round `x` to `decimals` (0-5) places, half away from zero, on its decimal value. */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const negative = x < 0;
  const abs = Math.abs(x);
  const factor = 10 ** decimals;
  const scaled = abs * factor;
  // Fast path: clearly away from a tie (..5), binary noise cannot change the result.
  if (scaled < 1e9) {
    const floor = Math.floor(scaled);
    const fraction = scaled - floor;
    if (Math.abs(fraction - 0.5) > 1e-6) {
      const result = (fraction > 0.5 ? floor + 1 : floor) / factor;
      return negative && result !== 0 ? -result : result;
    }
  }
  return roundDecimalText(abs, decimals, negative);
}

/** Slow path near a tie: round the decimal digits of `abs` (15 significant digits). */
function roundDecimalText(abs: number, decimals: number, negative: boolean): number {
  // Far below the last kept place (and beyond what toPrecision prints without an exponent).
  if (abs < 1e-6) return 0;
  // Too large to carry decimal places in a double: already an integer.
  if (abs >= 1e14) return negative ? -abs : abs;
  const text = abs.toPrecision(15);
  const dot = text.indexOf(".");
  const intPart = dot === -1 ? text : text.slice(0, dot);
  const fracPart = dot === -1 ? "" : text.slice(dot + 1);
  const padded = fracPart.padEnd(decimals + 1, "0");
  const kept = Number(intPart + padded.slice(0, decimals));
  const roundUp = padded.charCodeAt(decimals) >= 53; // '5'
  const result = (kept + (roundUp ? 1 : 0)) / 10 ** decimals; // correctly rounded: the double nearest the decimal
  return negative && result !== 0 ? -result : result;
}

/** One decimal place: distances, percentages, scores. */
export function round1(x: number): number {
  return roundHalfUp(x, 1);
}

/** Two decimal places: the acute:chronic workload ratio. */
export function round2(x: number): number {
  return roundHalfUp(x, 2);
}

/**
 * Compare two decimals with tolerance for binary noise: true when `a` exceeds
 * `b` by more than a few units in the last place. Used for thresholds stated as
 * "more than", so that a value exactly at the threshold (e.g. a run exactly
 * 1.1 times the previous longest) is never counted as above it.
 */
export function exceeds(a: number, b: number): boolean {
  return a - b > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** `a >= b` with the same tolerance: true when `a` is at or above `b`. */
export function atLeast(a: number, b: number): boolean {
  return !exceeds(b, a);
}
