import { defineRedFlag, PRACTICE } from "./rule";

export const newNeurologicalSymptoms = defineRedFlag({
  code: "new_neurological_symptoms",
  label: "New neurological symptoms",
  firesWhen: "new numbness or weakness, whatever the mechanism",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation:
    "New numbness or weakness needs prompt medical review even without a trauma (after a trauma it is also neurovascular " +
    "compromise). Burning or tingling along the inner leg (saphenous nerve irritation) stays a consideration.",
  source: `${PRACTICE}; EVALUATE.md version 2, change 9`,
  when: (f) => f.yes("symptoms.newNumbnessOrWeakness"),
});
