/**
 * How a red flag is written: one file per flag in this folder, each a
 * `defineRedFlag({...})` holding its code, its label, when it fires (in
 * three-valued logic), its urgency (one level, or a tier decided by another
 * input), its reasons, and its explanation and source for clinicians. The
 * rule table of docs/clinical-rules.md is generated from these
 * (npm run docs:rules), and the form asks every input a rule reads
 * (tests/unit/clinical/rule-inputs.test.ts).
 */
import type { Urgency } from "../../domain/urgency";
import type { Facts } from "../facts";
import type { Finding } from "../logic";

/** An input path ("symptoms.locking") or a derived value ("ageYears"). */
export type FindingPath = string;

/** The urgency of a fired flag, with the inputs that decided its tier. */
export interface Tier {
  urgency: Urgency;
  because: FindingPath[];
}

export interface RedFlagRule<C extends string = string> {
  code: C;
  /** As the clinician reads it: "Suspected septic arthritis". */
  label: string;
  /** When it fires, in words (docs table). */
  firesWhen: string;
  /** Its urgency, in words, tiers named (docs table). */
  urgencyText: string;
  /** What it means, for the clinician. */
  explanation: string;
  /** Where it comes from. */
  source: string;
  /** The levels it can give, most severe first. */
  levels: readonly Urgency[];
  /** Fires (true), ruled out (false) or not yet assessed (unknown). */
  when: (f: Facts) => Finding;
  /** The urgency once it fires; without it, `levels[0]`. */
  urgency?: (f: Facts) => Tier;
  /** The reasons of a fired flag; without it, the inputs of `when`, then those of the tier. */
  because?: (f: Facts, fired: Finding, tier: Tier) => FindingPath[];
}

/** Declares one red flag (keeps its code a literal type). */
export function defineRedFlag<const C extends string>(rule: RedFlagRule<C>): RedFlagRule<C> {
  return rule;
}

/**
 * A tiered urgency (EVALUATE.md section 3): `lower` only when `lowerWhen` is
 * true; when it is false or not asked, `higher`. An unanswered question
 * never lowers the triage. The deciding input is a reason whenever it was
 * answered.
 */
export function tier(higher: Urgency, lower: Urgency, lowerWhen: Finding): Tier {
  return { urgency: lowerWhen.value === true ? lower : higher, because: lowerWhen.value === null ? [] : [...lowerWhen.because] };
}

/** `first`, then each of `ifTrue` that was answered yes: the fixed reasons of EVALUATE.md section 3. */
export function firstThenTrue(f: Facts, first: FindingPath[], ifTrue: Finding[]): FindingPath[] {
  const out = [...first];
  for (const finding of ifTrue) if (finding.value === true) for (const p of finding.because) if (!out.includes(p)) out.push(p);
  return out;
}

export const SEED = "Seed article (SPEC.md section 3: warning symptoms that need medical evaluation)";
export const PRACTICE = "Common clinical practice (SPEC.md section 3)";
