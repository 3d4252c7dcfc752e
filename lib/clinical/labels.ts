/**
 * Labels of the red flags, for the UI. Every other label is in
 * lib/domain/labels.ts.
 */

import type { RedFlagCode } from "./types";

export const RED_FLAG_LABELS: Readonly<Record<RedFlagCode, string>> = Object.freeze({
  septic_arthritis_suspected: "Suspected septic arthritis",
  neurovascular_compromise: "Neurovascular compromise",
  dvt_suspected: "Suspected deep vein thrombosis",
  ottawa_knee_rule_positive: "Ottawa knee rule positive (X-ray indicated)",
  haemarthrosis_suspected: "Suspected haemarthrosis",
  locked_knee: "Locked knee",
  bone_stress_injury_suspected: "Suspected bone stress injury (medial tibial plateau)",
  tumour_suspected: "Suspected tumour",
  scfe_suspected: "Suspected slipped capital femoral epiphysis",
  instability: "Instability or giving way",
  persistent_pain: "Pain persisting despite reduced training",
  visible_swelling: "Visible swelling or effusion",
  catching: "Catching",
  sharp_weight_bearing_pain: "Sharp pain on weight-bearing",
});
