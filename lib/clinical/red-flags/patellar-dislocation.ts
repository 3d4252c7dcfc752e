import { defineRedFlag, PRACTICE } from "./rule";

export const patellarDislocation = defineRedFlag({
  code: "patellar_dislocation",
  label: "Kneecap (patellar) dislocation",
  firesWhen: "the kneecap dislocated",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation: "A torn medial patellofemoral ligament causes medial knee pain, and the knee needs imaging for an osteochondral fracture.",
  source: `${PRACTICE}; EVALUATE.md version 2, change 10`,
  when: (f) => f.yes("symptoms.patellarDislocation"),
});
