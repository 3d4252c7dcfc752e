import { and } from "../logic";
import { defineRedFlag, firstThenTrue, PRACTICE, tier } from "./rule";

export const boneStressInjurySuspected = defineRedFlag({
  code: "bone_stress_injury_suspected",
  label: "Suspected bone stress injury (medial tibial plateau)",
  firesWhen: "focal bony tenderness of the proximal medial tibia (not assessed when the knee was not palpated)",
  urgencyText:
    "**soon** when pain on hopping, pain at rest, night pain, a previous bone stress injury and low energy availability are all answered no; " +
    "**urgent** when any of them is present or not asked",
  levels: ["urgent", "soon"],
  explanation:
    "Focal bony tenderness is the key sign of a stress fracture of the medial tibial plateau; a pain-free hop does not exclude it. " +
    "Hop, rest or night pain, a previous bone stress injury or low energy availability mark a more advanced or higher-risk injury.",
  source: `${PRACTICE}; Warden 2014; Hoenig 2022; EVALUATE.md version 2, change 7`,
  when: (f) => f.tender("proximal_medial_tibia_bony"),
  urgency: (f) =>
    tier(
      "urgent",
      "soon",
      and(
        f.no("exam.hopPain"),
        f.no("symptoms.painAtRest"),
        f.no("symptoms.nightPain"),
        f.no("history.previousBoneStressInjury"),
        f.no("history.lowEnergyAvailability"),
      ),
    ),
  because: (f) =>
    firstThenTrue(
      f,
      ["exam.tenderness"],
      [
        f.yes("exam.hopPain"),
        f.yes("symptoms.painAtRest"),
        f.yes("symptoms.nightPain"),
        f.yes("history.previousBoneStressInjury"),
        f.yes("history.lowEnergyAvailability"),
      ],
    ),
});
