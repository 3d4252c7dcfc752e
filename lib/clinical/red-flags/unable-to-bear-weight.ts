import { defineRedFlag, PRACTICE } from "./rule";

export const unableToBearWeight = defineRedFlag({
  code: "unable_to_bear_weight",
  label: "Unable to bear weight",
  firesWhen: "unable to take four steps now (limping counts as bearing weight)",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation: "Being unable to take four steps now needs imaging, whatever the mechanism or the time since the injury.",
  source: `${PRACTICE}; EVALUATE.md version 2, change 11`,
  when: (f) => f.yes("symptoms.unableToBearWeightNow"),
});
