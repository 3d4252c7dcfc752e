import { and, or } from "../logic";
import { defineRedFlag, PRACTICE } from "./rule";

export const femoralNeckBsiSuspected = defineRedFlag({
  code: "femoral_neck_bsi_suspected",
  label: "Suspected femoral neck stress fracture",
  firesWhen: "age 17 or over **and** reduced hip internal rotation **and** (pain on single-leg hop **or** pain at rest **or** night pain)",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation: "A femoral neck stress fracture refers pain to the knee and is a high-risk site for a complete fracture.",
  source: `${PRACTICE}; EVALUATE.md version 2, change 8`,
  // `and` keeps its parts in order and an `or` only its true branches: age, hip rotation, then hop, rest, night pain if true.
  when: (f) =>
    and(
      f.ageAtLeast(17),
      f.yes("exam.hipInternalRotationReduced"),
      or(f.yes("exam.hopPain"), f.yes("symptoms.painAtRest"), f.yes("symptoms.nightPain")),
    ),
});
