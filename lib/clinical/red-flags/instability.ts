import { defineRedFlag, SEED, tier } from "./rule";

export const instability = defineRedFlag({
  code: "instability",
  label: "Instability or giving way",
  firesWhen: "feeling of instability or giving way",
  urgencyText: "**soon** when the mechanism is gradual; otherwise **urgent** (also when the mechanism is not recorded)",
  levels: ["urgent", "soon"],
  explanation:
    "A feeling of instability or giving way. After an injury it may be a ligament tear (urgent); an unknown mechanism takes the higher " +
    "level, as an unanswered question never lowers the triage.",
  source: `${SEED}; EVALUATE.md version 2, change 13`,
  when: (f) => f.yes("symptoms.instability"),
  urgency: (f) => tier("urgent", "soon", f.is("episode.mechanism", "gradual")),
});
