/**
 * Red flags: what needs a doctor, and how soon (EVALUATE.md section 3,
 * SPEC.md section 3).
 *
 * Each rule is evaluated in three-valued logic (logic.ts): true -> the flag
 * is raised (`redFlags`); false -> the answers given rule it out
 * (`redFlagsAbsent`); unknown -> not yet assessed (`redFlagsNotAssessed`).
 *
 * Urgency, most severe first: emergency (same day, emergency department),
 * urgent (physician within days; stop running), soon (medical evaluation
 * within 1-2 weeks), routine (conservative care in clinic).
 */

import type { Facts } from "./facts";
import { and, or, type Finding } from "./logic";
import { mostSevere, urgencyRank, type Urgency } from "../domain/urgency";
import type { RedFlag, RedFlagCode } from "./types";

export { mostSevere };

export interface RedFlagRule {
  code: RedFlagCode;
  /** Urgency when the flag is raised. */
  urgency: Urgency;
  /** A circumstance that raises the urgency (its inputs are added to `because`). */
  escalation?: { urgency: Urgency; when: (f: Facts) => Finding };
  /** The trigger, in three-valued logic. */
  when: (f: Facts) => Finding;
  /** For the clinician: what the rule means. */
  explanation: string;
  /** Where the rule comes from. */
  source: string;
}

const SEED = "Seed article (SPEC.md section 3: warning symptoms that need medical evaluation)";
const PRACTICE = "Common clinical practice (SPEC.md section 3)";

export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    code: "septic_arthritis_suspected",
    urgency: "emergency",
    explanation:
      "A hot swollen joint with fever, after a recent joint injection, or in an immunosuppressed patient suggests a joint infection.",
    source: PRACTICE,
    when: (f) =>
      and(
        f.yes("symptoms.hotSwollenJoint"),
        or(f.yes("symptoms.fever"), f.yes("history.recentJointInjection"), f.yes("history.immunosuppressed")),
      ),
  },
  {
    code: "neurovascular_compromise",
    urgency: "emergency",
    explanation: "A cold or pale limb, new numbness or weakness, or a suspected dislocation.",
    source: PRACTICE,
    when: (f) => or(f.yes("symptoms.coldOrPaleLimb"), f.yes("symptoms.newNumbnessOrWeakness"), f.yes("symptoms.suspectedDislocation")),
  },
  {
    code: "dvt_suspected",
    urgency: "emergency",
    explanation: "Calf swelling or tenderness may be a deep vein thrombosis.",
    source: PRACTICE,
    when: (f) => f.yes("symptoms.calfSwellingOrTenderness"),
  },
  {
    code: "ottawa_knee_rule_positive",
    urgency: "urgent",
    explanation:
      "After an acute injury an X-ray is indicated if any one holds: age 55 or older; isolated tenderness of the patella; " +
      "tenderness of the fibular head; inability to flex to 90 degrees; inability to bear weight for four steps both " +
      "immediately after the injury and now (limping counts as bearing weight). Applies to acute trauma only, not to overuse pain.",
    source: "Ottawa knee rule (Stiell 1995/1996), SPEC.md section 3",
    when: (f) =>
      and(
        f.is("episode.mechanism", "acute_trauma"),
        or(
          f.ageAtLeast(55),
          f.tender("patella_only"),
          f.tender("fibular_head"),
          f.no("exam.flexionTo90"),
          and(f.yes("symptoms.unableToBearWeightImmediately"), f.yes("symptoms.unableToBearWeightNow")),
        ),
      ),
  },
  {
    code: "haemarthrosis_suspected",
    urgency: "urgent",
    explanation:
      "Swelling appearing within 2 hours of a trauma suggests bleeding into the joint (ligament tear, fracture, patellar dislocation).",
    source: PRACTICE,
    when: (f) => and(f.is("episode.mechanism", "acute_trauma"), f.yes("symptoms.swellingWithin2hOfInjury")),
  },
  {
    code: "locked_knee",
    urgency: "urgent",
    explanation: "True locking (the knee gets stuck and cannot be straightened) suggests a displaced meniscal tear or loose body.",
    source: SEED,
    when: (f) => f.yes("symptoms.locking"),
  },
  {
    code: "bone_stress_injury_suspected",
    urgency: "urgent",
    explanation:
      "Focal bony tenderness of the proximal medial tibia with pain on hopping, at rest or at night suggests a " +
      "stress fracture of the medial tibial plateau.",
    source: PRACTICE,
    when: (f) =>
      and(f.tender("proximal_medial_tibia_bony"), or(f.yes("exam.hopPain"), f.yes("symptoms.painAtRest"), f.yes("symptoms.nightPain"))),
  },
  {
    code: "tumour_suspected",
    urgency: "urgent",
    explanation: "Night or rest pain together with unexplained weight loss or a history of cancer.",
    source: PRACTICE,
    when: (f) =>
      and(
        or(f.yes("symptoms.nightPain"), f.yes("symptoms.painAtRest")),
        or(f.yes("symptoms.unexplainedWeightLoss"), f.yes("history.historyOfCancer")),
      ),
  },
  {
    code: "scfe_suspected",
    urgency: "urgent",
    explanation:
      "Age 10 to 16 (inclusive) with a limp or reduced hip internal rotation: knee pain can be referred from a slipped capital femoral epiphysis.",
    source: PRACTICE,
    when: (f) => and(f.ageBetween(10, 16), or(f.yes("symptoms.limp"), f.yes("exam.hipInternalRotationReduced"))),
  },
  {
    code: "instability",
    urgency: "soon",
    escalation: { urgency: "urgent", when: (f) => f.is("episode.mechanism", "acute_trauma") },
    explanation: "A feeling of instability or giving way. Urgent after an acute trauma (possible ligament rupture), otherwise soon.",
    source: SEED,
    when: (f) => f.yes("symptoms.instability"),
  },
  {
    code: "persistent_pain",
    urgency: "soon",
    explanation: "Pain persisting for at least the configured number of days (default 14) despite reduced training.",
    source: SEED,
    when: (f) => f.atLeast("symptoms.daysPersistingDespiteReducedTraining", f.settings.persistentPainDays),
  },
  {
    code: "visible_swelling",
    urgency: "soon",
    explanation: "Visible swelling reported by the patient, or a moderate or large effusion on examination.",
    source: SEED,
    when: (f) => or(f.yes("symptoms.visibleSwelling"), f.is("exam.effusion", "moderate", "large")),
  },
  {
    code: "catching",
    urgency: "soon",
    explanation: "Catching sensations in the knee.",
    source: SEED,
    when: (f) => f.yes("symptoms.catching"),
  },
  {
    code: "sharp_weight_bearing_pain",
    urgency: "soon",
    explanation: "Sharp pain during weight-bearing.",
    source: SEED,
    when: (f) => f.yes("symptoms.sharpWeightBearingPain"),
  },
];

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface RedFlagResults {
  /** Raised flags, most severe first, then by code. */
  redFlags: RedFlag[];
  /** Ruled out by the answers given, by code. */
  redFlagsAbsent: RedFlagCode[];
  /** Not yet assessed (answers missing), by code. */
  redFlagsNotAssessed: RedFlagCode[];
}

export function evaluateRedFlags(f: Facts): RedFlagResults {
  const redFlags: RedFlag[] = [];
  const redFlagsAbsent: RedFlagCode[] = [];
  const redFlagsNotAssessed: RedFlagCode[] = [];
  for (const rule of RED_FLAG_RULES) {
    const finding = rule.when(f);
    if (finding.value === true) {
      const because = [...finding.because];
      let urgency = rule.urgency;
      if (rule.escalation) {
        const raised = rule.escalation.when(f);
        if (raised.value === true) {
          urgency = rule.escalation.urgency;
          for (const path of raised.because) if (!because.includes(path)) because.push(path);
        }
      }
      redFlags.push({ code: rule.code, urgency, because });
    } else if (finding.value === false) {
      redFlagsAbsent.push(rule.code);
    } else {
      redFlagsNotAssessed.push(rule.code);
    }
  }
  redFlags.sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || byCode(a.code, b.code));
  redFlagsAbsent.sort(byCode);
  redFlagsNotAssessed.sort(byCode);
  return { redFlags, redFlagsAbsent, redFlagsNotAssessed };
}
