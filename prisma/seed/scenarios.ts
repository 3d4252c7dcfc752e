/**
 * Clinical pictures for the demo runners. Each is a partial intake: what the
 * clinician found. Together they fire every red flag, risk factor and
 * consideration of the engine at least once per clinic (checked by
 * tests/integration/seed.test.ts).
 */
import type { ExamInput, HistoryInput, RedFlagCode, SymptomsInput } from "../../lib/clinical";
import type { PlanItem, WellsDvtCriterion } from "../../lib/domain";

export type Scenario = {
  key: string;
  complaint: string;
  mechanism: "gradual" | "acute_trauma";
  /** Force an age range (years) for pictures that depend on age. */
  age?: [number, number];
  symptoms?: SymptomsInput;
  history?: HistoryInput;
  exam?: ExamInput;
  /** The ticked criteria of the two-level Wells score (when DVT is suspected). */
  wellsDvtCriteria?: WellsDvtCriterion[];
  /** Red-flag answers that persist at follow-ups (others resolve). */
  persists?: (keyof SymptomsInput)[];
  plan: PlanItem[];
  /**
   * No running and no return-to-run plan at any visit (the picture stops
   * running until a doctor has seen it): follow-ups keep `plan`, whatever the trajectory.
   */
  stopsRunning?: boolean;
  /**
   * The demo referral this runner gets, if any: the question fits the reason,
   * and both are about `flag`, which the intake fires (tests/integration/seed.test.ts).
   * `sameDay`: signed and sent on the day of the intake, whatever the other referrals do.
   */
  referral?: { flag: RedFlagCode; question: string; reason: string; recipient?: string; sameDay?: boolean };
};

const CONSERVATIVE: PlanItem[] = [
  "reduce_running_volume",
  "avoid_hills",
  "warm_up",
  "ice_after_runs",
  "strengthen_hip_thigh",
  "pain_monitoring",
];
const RETURN: PlanItem[] = ["walk_run_progression", "no_progress_if_symptoms_24h", "pain_monitoring"];
const REFER: PlanItem[] = ["refer_physician", "reduce_running_volume"];
/** Running stops until a doctor has seen the runner: no walk-run progression, no reduced running. */
const STOP: PlanItem[] = ["refer_physician", "pain_monitoring"];
export const EMERGENCY_DEPARTMENT = "Emergency department, City Hospital";

export const RED_FLAG_SCENARIOS: Scenario[] = [
  {
    key: "septic",
    complaint: "Hot, swollen knee with fever after a cortisone injection",
    mechanism: "gradual",
    symptoms: { hotSwollenJoint: true, fever: true, visibleSwelling: true, painAtRest: true },
    history: { recentJointInjection: true },
    exam: { effusion: "large", fullExtension: false },
    plan: STOP,
    stopsRunning: true,
    referral: {
      flag: "septic_arthritis_suspected",
      question: "Please assess today for septic arthritis (joint aspiration, bloods, blood cultures).",
      reason: "Hot swollen knee with fever two weeks after an intra-articular injection.",
      recipient: EMERGENCY_DEPARTMENT,
      sameDay: true,
    },
  },
  {
    key: "dvt",
    complaint: "Inner knee pain with calf swelling after a long-haul flight",
    mechanism: "gradual",
    symptoms: { calfSwellingOrTenderness: true },
    wellsDvtCriteria: ["calf_swelling_3cm", "pitting_oedema"],
    plan: STOP,
    stopsRunning: true,
    referral: {
      flag: "dvt_suspected",
      question: "Please rule out deep vein thrombosis (Wells score, duplex ultrasound).",
      reason: "New calf swelling and tenderness with medial knee pain.",
    },
  },
  {
    key: "neurovascular",
    complaint: "Knee gave way on a trail descent; numb foot since",
    mechanism: "acute_trauma",
    symptoms: { newNumbnessOrWeakness: true, instability: true, limp: true },
    exam: { effusion: "moderate" },
    plan: REFER,
  },
  {
    key: "ottawa_age",
    complaint: "Fall on the knee during a veterans' cross-country race",
    mechanism: "acute_trauma",
    age: [56, 68],
    symptoms: { unableToBearWeightImmediately: false, unableToBearWeightNow: false },
    exam: { tenderness: ["medial_joint_line", "fibular_head"], flexionTo90: true, effusion: "trace" },
    plan: REFER,
    referral: {
      flag: "ottawa_knee_rule_positive",
      question: "Ottawa knee rule positive: is there a fracture on X-ray?",
      reason: "Acute trauma, age over 55 with fibular head tenderness.",
    },
  },
  {
    key: "haemarthrosis",
    complaint: "Twisted knee on a rut; swelled up within the hour",
    mechanism: "acute_trauma",
    symptoms: { swellingWithin2hOfInjury: true, visibleSwelling: true, instability: true },
    exam: { effusion: "large", valgusStress30: "laxity", tenderness: ["mcl", "medial_joint_line"] },
    plan: REFER,
    referral: {
      flag: "haemarthrosis_suspected",
      question: "Suspected haemarthrosis with MCL laxity: please assess for ligament and meniscal injury (MRI?).",
      reason: "Rapid swelling within 2 hours of a twisting injury, valgus laxity at 30°.",
    },
  },
  {
    key: "locked",
    complaint: "Knee locks and will not straighten after runs",
    mechanism: "gradual",
    symptoms: { locking: true, catching: true },
    exam: { fullExtension: false, tenderness: ["medial_joint_line"], mcmurray: "positive" },
    persists: ["locking"],
    plan: REFER,
    referral: {
      flag: "locked_knee",
      question: "Locked knee with positive McMurray: bucket-handle meniscal tear? Surgical opinion please.",
      reason: "True locking, extension deficit, medial joint-line tenderness.",
    },
  },
  {
    key: "bone_stress",
    complaint: "Focal pain below the inner knee, worse at night, marathon build-up",
    mechanism: "gradual",
    symptoms: { nightPain: true, painAtRest: true },
    history: { previousBoneStressInjury: true, lowEnergyAvailability: true },
    exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true },
    plan: STOP,
    stopsRunning: true,
    referral: {
      flag: "bone_stress_injury_suspected",
      question: "Suspected medial tibial plateau stress fracture: MRI and bone health review (RED-S)?",
      reason: "Focal bony tenderness of the proximal medial tibia with hop pain and night pain.",
    },
  },
  {
    key: "tumour",
    complaint: "Deep ache inside the knee at night, weight loss",
    mechanism: "gradual",
    age: [52, 66],
    symptoms: { nightPain: true, unexplainedWeightLoss: true },
    history: { historyOfCancer: true },
    plan: REFER,
    referral: {
      flag: "tumour_suspected",
      question: "Night pain with weight loss and a history of cancer: please investigate (imaging, bloods).",
      reason: "Night pain, unexplained weight loss, previous cancer.",
    },
  },
  {
    key: "scfe",
    complaint: "Teenager with inner knee pain and a limp after cross-country season",
    mechanism: "gradual",
    age: [14, 15],
    symptoms: { limp: true },
    exam: { hipInternalRotationReduced: true },
    // Suspected slipped capital femoral epiphysis: same-day orthopaedic referral, off the leg, no running at all.
    plan: STOP,
    stopsRunning: true,
    referral: {
      flag: "scfe_suspected",
      question: "Suspected slipped capital femoral epiphysis: please see today and X-ray both hips (AP and frog-leg lateral).",
      reason: "Adolescent with knee pain, a limp and reduced hip internal rotation.",
      recipient: "Paediatric orthopaedics on call, City Hospital",
      sameDay: true,
    },
  },
  {
    key: "instability",
    complaint: "Knee feels like it gives way on cambered roads",
    mechanism: "gradual",
    symptoms: { instability: true },
    exam: { quadricepsControlDeficit: true, valgusStress30: "pain", tenderness: ["mcl"] },
    persists: ["instability"],
    plan: [...CONSERVATIVE, "refer_physician"],
  },
  {
    key: "persistent",
    complaint: "Inner knee pain for a month despite halving mileage",
    mechanism: "gradual",
    symptoms: { daysPersistingDespiteReducedTraining: 28, painOnStairs: true },
    exam: { tenderness: ["pes_anserine"] },
    plan: [...CONSERVATIVE, "refer_physician"],
    referral: {
      flag: "persistent_pain",
      question: "Pes anserine pain persisting 4 weeks despite load reduction: injection or imaging?",
      reason: "Pain persisting more than 2 weeks despite reduced training.",
    },
  },
  {
    key: "swelling_catching",
    complaint: "Swollen inner knee that catches on stairs",
    mechanism: "gradual",
    symptoms: { visibleSwelling: true, catching: true, painOnStairs: true },
    exam: { effusion: "moderate", tenderness: ["medial_joint_line"], thessaly: "positive" },
    plan: [...CONSERVATIVE, "refer_physician"],
  },
  {
    key: "patellar",
    complaint: "Kneecap slipped out sideways on a sprint finish, went back by itself",
    mechanism: "acute_trauma",
    age: [16, 30],
    symptoms: { patellarDislocation: true, visibleSwelling: true },
    exam: { effusion: "moderate", tenderness: ["medial_patellar_facet"] },
    plan: REFER,
    referral: {
      flag: "patellar_dislocation",
      question: "Patellar dislocation with effusion: X-ray / MRI for an osteochondral fracture and MPFL tear?",
      reason: "First-time lateral patellar dislocation, medial facet tenderness and effusion.",
    },
  },
  {
    key: "unable_wb",
    complaint: "Cannot walk on the knee since a trail fall three weeks ago",
    mechanism: "acute_trauma",
    age: [25, 50],
    symptoms: { unableToBearWeightNow: true, unableToBearWeightImmediately: false, limp: true },
    plan: REFER,
    referral: {
      flag: "unable_to_bear_weight",
      question: "Unable to bear weight three weeks after a fall: imaging for an occult fracture, please.",
      reason: "Unable to take four steps now, after an acute fall.",
    },
  },
  {
    key: "femoral_neck",
    complaint: "Deep ache from the groin to the inner knee, worse at night, marathon block",
    mechanism: "gradual",
    age: [22, 45],
    symptoms: { nightPain: true },
    exam: { hipInternalRotationReduced: true, hopPain: true },
    plan: STOP,
    stopsRunning: true,
    referral: {
      flag: "femoral_neck_bsi_suspected",
      question: "Reduced hip internal rotation with hop and night pain: femoral neck stress fracture? Urgent MRI please.",
      reason: "Knee pain referred from the hip with hop and night pain in a marathon runner.",
    },
  },
  {
    key: "valgus_laxity",
    complaint: "Knee buckled inwards on a trail descent; feels loose on the inside",
    mechanism: "acute_trauma",
    exam: { valgusStress0: "laxity", valgusStress30: "laxity", tenderness: ["mcl"] },
    plan: REFER,
    referral: {
      flag: "valgus_laxity_in_extension",
      question: "Valgus laxity in extension after a twisting injury: MRI for the posteromedial corner and cruciates?",
      reason: "Laxity on valgus stress at 0° and 30° after an acute injury.",
    },
  },
  {
    key: "sharp_wb",
    complaint: "Sharp pain inside the knee when landing",
    mechanism: "gradual",
    symptoms: { sharpWeightBearingPain: true },
    exam: { tenderness: ["medial_joint_line"], mcmurray: "negative" },
    plan: CONSERVATIVE,
  },
];

export const OVERUSE_SCENARIOS: Scenario[] = [
  {
    key: "pes_anserine",
    complaint: "Pain below the inner knee after hill repeats",
    mechanism: "gradual",
    symptoms: { painOnStairs: true, painRisingFromChair: true },
    exam: { tenderness: ["pes_anserine"], hamstringTightness: true },
    plan: [...CONSERVATIVE, "mobility_hamstrings_ankle"],
  },
  {
    key: "mcl_overuse",
    complaint: "Inner knee pain along the ligament after long runs",
    mechanism: "gradual",
    exam: { tenderness: ["mcl"], valgusStress30: "pain", valgusStress0: "normal", singleLegSquatValgus: true },
    plan: CONSERVATIVE,
  },
  {
    key: "patellofemoral",
    complaint: "Inner kneecap pain on stairs and after sitting",
    mechanism: "gradual",
    symptoms: { painOnStairs: true, painProlongedSitting: true },
    exam: { tenderness: ["medial_patellar_facet"], effusion: "none", hipAbductorWeakness: true },
    plan: [...CONSERVATIVE, "cadence_increase"],
  },
  {
    key: "medial_compartment",
    complaint: "Activity-related inner knee ache in a masters runner",
    mechanism: "gradual",
    age: [46, 64],
    symptoms: { painOnStairs: true, morningStiffnessOver30Min: false },
    exam: { tenderness: ["medial_joint_line"], effusion: "trace" },
    plan: [...CONSERVATIVE, ...RETURN],
  },
  {
    key: "saphenous",
    complaint: "Burning along the inner knee and shin",
    mechanism: "gradual",
    symptoms: { burningOrTinglingInnerLeg: true },
    exam: { saphenousTinel: true, tenderness: [] },
    plan: ["reduce_running_volume", "pain_monitoring"],
  },
  {
    key: "meniscus_mild",
    complaint: "Inner knee pain with twisting; occasional catching",
    mechanism: "gradual",
    symptoms: { catching: true },
    exam: { tenderness: ["medial_joint_line"], mcmurray: "positive", effusion: "trace" },
    plan: [...CONSERVATIVE],
  },
];
