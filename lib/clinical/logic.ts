/**
 * Three-valued logic (EVALUATE.md section 2).
 *
 * Every rule is evaluated on answers that may be missing. An omitted answer is
 * *unknown* ("not asked"), which is not the same as "no":
 *
 *   A and B  is false as soon as either side is false, true when both are
 *            true, otherwise unknown;
 *   A or B   is true as soon as either side is true, false when both are
 *            false, otherwise unknown;
 *   a comparison with an omitted number, or a test on an omitted list, is
 *   unknown.
 *
 * A finding carries, besides its truth value, the input paths that decided it
 * (`because`): for a true AND all of its parts, for a true OR only its true
 * branches. These are what the UI shows as "because ...".
 */

/**
 * An input path such as "symptoms.visibleSwelling", or a derived value:
 * "ageYears", "load.twoWeekChangePct", "load.spikes"; in `runningAdvice`,
 * "redFlags.<code>" or "redFlagsNotAssessed.<code>".
 */
export type FindingPath = string;

export interface Finding {
  /** `true`, `false`, or `null` for unknown (not asked). */
  readonly value: boolean | null;
  /** The inputs that decided the value (meaningful when it is not unknown). */
  readonly because: readonly FindingPath[];
}

export const UNKNOWN: Finding = Object.freeze({ value: null, because: Object.freeze([]) as readonly FindingPath[] });

/** A finding decided by one input (or derived value) `path`. */
export function known(value: boolean, path: FindingPath): Finding {
  return { value, because: [path] };
}

/** A finding from an optional answer: unknown when it was not given. */
export function fromAnswer(value: boolean | undefined, path: FindingPath): Finding {
  return value === undefined ? UNKNOWN : known(value, path);
}

/** The paths of the parts whose value is `value` (all parts when undefined), without duplicates. */
function pathsOf(parts: readonly Finding[], value?: boolean): FindingPath[] {
  const out: FindingPath[] = [];
  for (const part of parts) {
    if (value !== undefined && part.value !== value) continue;
    for (const path of part.because) {
      if (!out.includes(path)) out.push(path);
    }
  }
  return out;
}

/** Three-valued AND: false if any part is false, true if all are true, else unknown. */
export function and(...parts: Finding[]): Finding {
  let anyFalse = false;
  let allTrue = true;
  for (const part of parts) {
    if (part.value === false) anyFalse = true;
    else if (part.value !== true) allTrue = false;
  }
  if (anyFalse) return { value: false, because: pathsOf(parts, false) };
  return allTrue ? { value: true, because: pathsOf(parts) } : UNKNOWN;
}

/** Three-valued OR: true if any part is true (because = the true branches), false if all are false, else unknown. */
export function or(...parts: Finding[]): Finding {
  let anyTrue = false;
  let allFalse = true;
  for (const part of parts) {
    if (part.value === true) anyTrue = true;
    else if (part.value !== false) allFalse = false;
  }
  if (anyTrue) return { value: true, because: pathsOf(parts, true) };
  return allFalse ? { value: false, because: pathsOf(parts) } : UNKNOWN;
}

/** Three-valued NOT: unknown stays unknown. */
export function not(part: Finding): Finding {
  return part.value === null ? UNKNOWN : { value: !part.value, because: part.because };
}

/** Convenience for display and tests. */
export type Truth = "true" | "false" | "unknown";
export function truthOf(f: Finding): Truth {
  return f.value === null ? "unknown" : f.value ? "true" : "false";
}
