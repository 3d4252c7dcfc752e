import { and, or } from "../logic";
import { defineRedFlag, PRACTICE } from "./rule";

export const neurovascularCompromise = defineRedFlag({
  code: "neurovascular_compromise",
  label: "Neurovascular compromise",
  firesWhen:
    "cold or pale limb **or** suspected knee joint (tibiofemoral) dislocation **or** (new numbness or weakness **and** mechanism acute trauma)",
  urgencyText: "emergency",
  levels: ["emergency"],
  explanation:
    "A cold or pale limb, a suspected dislocation of the knee joint, or new numbness or weakness after an acute trauma point to " +
    "nerve or vessel injury. New numbness without a trauma is the red flag new_neurological_symptoms (urgent).",
  source: `${PRACTICE}; EVALUATE.md version 2, change 9`,
  when: (f) =>
    or(
      f.yes("symptoms.coldOrPaleLimb"),
      f.yes("symptoms.suspectedDislocation"),
      and(f.yes("symptoms.newNumbnessOrWeakness"), f.is("episode.mechanism", "acute_trauma")),
    ),
});
