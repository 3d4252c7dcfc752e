/**
 * Considerations: structures the findings point to, for the clinician to
 * weigh. They are NOT diagnoses (SPEC.md section 7).
 *
 * Each consideration is declared with
 *   - `requires`:       findings that must all be present;
 *   - `characteristic`: findings any one of which is enough;
 *   - `anyOf` + `minOf`: findings of which at least `minOf` must be present
 *                        (the consideration fires when a characteristic
 *                        finding OR enough of these are present);
 *   - `supporting`:     findings listed when present, that do not trigger;
 *   - `ruledOutBy`:     findings that, when present, suppress it.
 * "Present" means the finding is true; an unanswered question is never
 * present. `supporting` in the output lists the input paths of every present
 * finding, in the order declared here. Output sorted by code.
 */

import type { Facts } from "./facts";
import { and, or, type Finding } from "./logic";
import type { Consideration, ConsiderationCode, FindingPath } from "./types";

type Rule = (f: Facts) => Finding;

export interface ConsiderationRule {
  code: ConsiderationCode;
  requires?: Rule[];
  characteristic?: Rule[];
  anyOf?: Rule[];
  minOf?: number;
  supporting?: Rule[];
  ruledOutBy?: Rule[];
  explanation: string;
  source: string;
}

const SPEC7 = "SPEC.md section 7 (common clinical practice)";

/** Swelling: reported by the patient, or any effusion (trace or more) on examination. */
const swelling: Rule = (f) => or(f.yes("symptoms.visibleSwelling"), f.is("exam.effusion", "trace", "moderate", "large"));

export const CONSIDERATION_RULES: readonly ConsiderationRule[] = [
  {
    code: "mcl",
    explanation:
      "MCL irritation or sprain. Fires on tenderness along the MCL or on pain or laxity on valgus stress at 30 degrees; " +
      "pain or laxity at 0 degrees is listed in support (laxity in extension also suggests a combined injury).",
    source: `${SPEC7}; seed article: irritation of the MCL`,
    characteristic: [(f) => f.tender("mcl"), (f) => f.is("exam.valgusStress30", "pain", "laxity")],
    supporting: [(f) => f.is("exam.valgusStress0", "pain", "laxity")],
  },
  {
    code: "pes_anserine",
    explanation:
      "Pes anserine tendinopathy or bursitis. Fires on tenderness at the pes anserine insertion (2-5 cm below the joint line) " +
      "without joint-line tenderness; pain on stairs or rising from a chair is listed in support.",
    source: `${SPEC7}; seed article: pes anserine tendon irritation`,
    requires: [(f) => f.tender("pes_anserine")],
    ruledOutBy: [(f) => f.tender("medial_joint_line")],
    supporting: [(f) => f.yes("symptoms.painOnStairs"), (f) => f.yes("symptoms.painRisingFromChair")],
  },
  {
    code: "medial_meniscus",
    explanation:
      "Medial meniscus. Fires on at least two of: medial joint-line tenderness, positive McMurray, positive Thessaly, " +
      "catching, locking, swelling (reported, or an effusion of trace or more).",
    source: `${SPEC7}; seed article: early stress on the meniscus`,
    anyOf: [
      (f) => f.tender("medial_joint_line"),
      (f) => f.is("exam.mcmurray", "positive"),
      (f) => f.is("exam.thessaly", "positive"),
      (f) => f.yes("symptoms.catching"),
      (f) => f.yes("symptoms.locking"),
      swelling,
    ],
    minOf: 2,
  },
  {
    code: "medial_compartment_overload",
    explanation:
      "Medial compartment overload or early osteoarthritis. Fires at age 45 or older with activity-related pain " +
      "(pain during running of 1/10 or more, or pain on stairs), unless morning stiffness lasts over 30 minutes " +
      "(which points to inflammatory disease instead). Short morning stiffness (answered no) and medial joint-line " +
      "tenderness are listed in support.",
    source: `${SPEC7}; seed article: overload of the medial knee structures`,
    requires: [(f) => f.ageAtLeast(45), (f) => or(f.atLeast("symptoms.painDuringRun", 1), f.yes("symptoms.painOnStairs"))],
    ruledOutBy: [(f) => f.yes("symptoms.morningStiffnessOver30Min")],
    supporting: [(f) => f.no("symptoms.morningStiffnessOver30Min"), (f) => f.tender("medial_joint_line")],
  },
  {
    code: "bone_stress_injury",
    explanation:
      "Bone stress injury of the medial tibia. Fires on focal bony tenderness of the proximal medial tibia, or on at least " +
      "two of: hop pain, rest or night pain, a single-run load spike, low energy availability, a previous bone stress injury. " +
      "(The bony tenderness is also the red flag bone_stress_injury_suspected.)",
    source: SPEC7,
    characteristic: [(f) => f.tender("proximal_medial_tibia_bony")],
    anyOf: [
      (f) => f.yes("exam.hopPain"),
      (f) => or(f.yes("symptoms.painAtRest"), f.yes("symptoms.nightPain")),
      (f) => f.spikes(),
      (f) => f.yes("history.lowEnergyAvailability"),
      (f) => f.yes("history.previousBoneStressInjury"),
    ],
    minOf: 2,
  },
  {
    code: "patellofemoral",
    explanation:
      "Patellofemoral pain with a medial component. Fires on medial patellar facet tenderness, or on pain with prolonged " +
      "sitting together with pain on stairs or rising from a chair (squatting). Pain on stairs, rising, prolonged sitting " +
      "and an examined knee without effusion are listed in support.",
    source: SPEC7,
    characteristic: [
      (f) => f.tender("medial_patellar_facet"),
      (f) => and(f.yes("symptoms.painProlongedSitting"), or(f.yes("symptoms.painOnStairs"), f.yes("symptoms.painRisingFromChair"))),
    ],
    supporting: [
      (f) => f.yes("symptoms.painOnStairs"),
      (f) => f.yes("symptoms.painRisingFromChair"),
      (f) => f.yes("symptoms.painProlongedSitting"),
      (f) => f.is("exam.effusion", "none"),
    ],
  },
  {
    code: "saphenous_nerve",
    explanation: "Saphenous nerve irritation. Fires on burning or tingling along the inner leg, or a positive Tinel's sign over the nerve.",
    source: SPEC7,
    characteristic: [(f) => f.yes("symptoms.burningOrTinglingInnerLeg"), (f) => f.yes("exam.saphenousTinel")],
  },
  {
    code: "referred_hip",
    explanation:
      "Pain referred from the hip. Fires on reduced hip internal rotation, or on a limp at age 10 to 16 " +
      "(slipped capital femoral epiphysis; see the red flag scfe_suspected). A limp is listed in support at any age.",
    source: SPEC7,
    characteristic: [(f) => f.yes("exam.hipInternalRotationReduced"), (f) => and(f.ageBetween(10, 16), f.yes("symptoms.limp"))],
    supporting: [(f) => f.yes("symptoms.limp")],
  },
];

function present(findings: readonly Finding[]): Finding[] {
  return findings.filter((x) => x.value === true);
}

export function evaluateConsideration(rule: ConsiderationRule, f: Facts): Consideration | undefined {
  const requires = (rule.requires ?? []).map((r) => r(f));
  if (!requires.every((x) => x.value === true)) return undefined;
  if ((rule.ruledOutBy ?? []).some((r) => r(f).value === true)) return undefined;
  const characteristic = present((rule.characteristic ?? []).map((r) => r(f)));
  const anyOf = present((rule.anyOf ?? []).map((r) => r(f)));
  const hasAlternatives = rule.characteristic !== undefined || rule.anyOf !== undefined;
  const enoughOf = rule.anyOf !== undefined && anyOf.length >= (rule.minOf ?? 1);
  if (hasAlternatives && characteristic.length === 0 && !enoughOf) return undefined;
  const supporting = present((rule.supporting ?? []).map((r) => r(f)));
  const paths: FindingPath[] = [];
  for (const finding of [...requires, ...characteristic, ...anyOf, ...supporting]) {
    for (const path of finding.because) if (!paths.includes(path)) paths.push(path);
  }
  return { code: rule.code, supporting: paths };
}

export function evaluateConsiderations(f: Facts): Consideration[] {
  const out: Consideration[] = [];
  for (const rule of CONSIDERATION_RULES) {
    const c = evaluateConsideration(rule, f);
    if (c) out.push(c);
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
