/**
 * Red flags: what needs a doctor, and how soon (EVALUATE.md section 3,
 * SPEC.md section 3). One file per flag; this list is the registry (the
 * order is the order of the docs table: most severe first).
 *
 * Each rule is evaluated in three-valued logic (logic.ts): true -> the flag
 * is raised (`redFlags`); false -> the answers given rule it out
 * (`redFlagsAbsent`); unknown -> not yet assessed (`redFlagsNotAssessed`).
 *
 * To add a red flag: a new file here (copy a similar one), its line below,
 * and its test in tests/unit/clinical/red-flags.test.ts; then
 * `npm run docs:rules` (docs/architecture.md, "How to add a red-flag rule").
 */

import { DEFAULT_SETTINGS } from "../../domain/settings";
import { urgencyRank, type Urgency } from "../../domain/urgency";
import { pathsRead, type Facts } from "../facts";
import { boneStressInjurySuspected } from "./bone-stress-injury-suspected";
import { catching } from "./catching";
import { dvtSuspected } from "./dvt-suspected";
import { femoralNeckBsiSuspected } from "./femoral-neck-bsi-suspected";
import { haemarthrosisSuspected } from "./haemarthrosis-suspected";
import { instability } from "./instability";
import { lockedKnee } from "./locked-knee";
import { neurovascularCompromise } from "./neurovascular-compromise";
import { newNeurologicalSymptoms } from "./new-neurological-symptoms";
import { ottawaKneeRulePositive } from "./ottawa-knee-rule-positive";
import { patellarDislocation } from "./patellar-dislocation";
import { persistentPain } from "./persistent-pain";
import type { FindingPath, RedFlagRule, Tier } from "./rule";
import { scfeSuspected } from "./scfe-suspected";
import { septicArthritisSuspected } from "./septic-arthritis-suspected";
import { sharpWeightBearingPain } from "./sharp-weight-bearing-pain";
import { tumourSuspected } from "./tumour-suspected";
import { unableToBearWeight } from "./unable-to-bear-weight";
import { valgusLaxityInExtension } from "./valgus-laxity-in-extension";
import { visibleSwelling } from "./visible-swelling";

export { defineRedFlag, tier, type RedFlagRule, type Tier } from "./rule";

export const RED_FLAG_RULES = [
  septicArthritisSuspected,
  neurovascularCompromise,
  dvtSuspected,
  scfeSuspected,
  ottawaKneeRulePositive,
  unableToBearWeight,
  haemarthrosisSuspected,
  lockedKnee,
  patellarDislocation,
  femoralNeckBsiSuspected,
  boneStressInjurySuspected,
  tumourSuspected,
  newNeurologicalSymptoms,
  valgusLaxityInExtension,
  instability,
  persistentPain,
  visibleSwelling,
  catching,
  sharpWeightBearingPain,
] as const;

export type RedFlagCode = (typeof RED_FLAG_RULES)[number]["code"];
export const RED_FLAG_CODES: readonly RedFlagCode[] = RED_FLAG_RULES.map((r) => r.code);

export const RED_FLAG_LABELS: Readonly<Record<RedFlagCode, string>> = Object.freeze(
  Object.fromEntries(RED_FLAG_RULES.map((r) => [r.code, r.label])) as Record<RedFlagCode, string>,
);

export interface RedFlag {
  code: RedFlagCode;
  urgency: Urgency;
  because: FindingPath[];
}

export interface RedFlagResults {
  /** Raised flags, most severe first, then by code. */
  redFlags: RedFlag[];
  /** Ruled out by the answers given, by code. */
  redFlagsAbsent: RedFlagCode[];
  /** Not yet assessed (answers missing), by code. */
  redFlagsNotAssessed: RedFlagCode[];
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(paths: readonly FindingPath[]): FindingPath[] {
  return [...new Set(paths)];
}

/** The urgency of a fired rule and its reasons. */
function raise(rule: RedFlagRule<RedFlagCode>, f: Facts, fired: { value: boolean | null; because: readonly FindingPath[] }): RedFlag {
  const t: Tier = rule.urgency ? rule.urgency(f) : { urgency: rule.levels[0] ?? "routine", because: [] };
  const because = rule.because ? rule.because(f, fired, t) : unique([...fired.because, ...t.because]);
  return { code: rule.code, urgency: t.urgency, because };
}

export function evaluateRedFlags(f: Facts): RedFlagResults {
  const redFlags: RedFlag[] = [];
  const redFlagsAbsent: RedFlagCode[] = [];
  const redFlagsNotAssessed: RedFlagCode[] = [];
  for (const rule of RED_FLAG_RULES as readonly RedFlagRule<RedFlagCode>[]) {
    const finding = rule.when(f);
    if (finding.value === true) redFlags.push(raise(rule, f, finding));
    else if (finding.value === false) redFlagsAbsent.push(rule.code);
    else redFlagsNotAssessed.push(rule.code);
  }
  redFlags.sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || byCode(a.code, b.code));
  redFlagsAbsent.sort(byCode);
  redFlagsNotAssessed.sort(byCode);
  return { redFlags, redFlagsAbsent, redFlagsNotAssessed };
}

/** The inputs a rule reads, by role: to decide whether it fires, its urgency tier, and its reasons. */
export interface RuleInputs {
  fires: string[];
  urgency: string[];
  because: string[];
  all: string[];
}

export function inputsOf(rule: RedFlagRule): RuleInputs {
  const settings = DEFAULT_SETTINGS;
  const fires = pathsRead(settings, (f) => rule.when(f));
  const urgency = pathsRead(settings, (f) => rule.urgency?.(f));
  const because = pathsRead(settings, (f) => rule.because?.(f, { value: true, because: [] }, { urgency: "routine", because: [] }));
  return { fires, urgency, because, all: unique([...fires, ...urgency, ...because]) };
}
