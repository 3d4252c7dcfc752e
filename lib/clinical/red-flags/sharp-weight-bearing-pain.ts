import { defineRedFlag, SEED } from "./rule";

export const sharpWeightBearingPain = defineRedFlag({
  code: "sharp_weight_bearing_pain",
  label: "Sharp pain on weight-bearing",
  firesWhen: "sharp pain during weight-bearing",
  urgencyText: "soon (no running while it lasts: see running advice)",
  levels: ["soon"],
  explanation: "Sharp pain during weight-bearing.",
  source: SEED,
  when: (f) => f.yes("symptoms.sharpWeightBearingPain"),
});
