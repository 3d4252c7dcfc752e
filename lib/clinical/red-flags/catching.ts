import { defineRedFlag, SEED } from "./rule";

export const catching = defineRedFlag({
  code: "catching",
  label: "Catching",
  firesWhen: "catching sensations",
  urgencyText: "soon",
  levels: ["soon"],
  explanation: "Catching sensations in the knee.",
  source: SEED,
  when: (f) => f.yes("symptoms.catching"),
});
