import { defineRedFlag, PRACTICE, tier } from "./rule";

export const valgusLaxityInExtension = defineRedFlag({
  code: "valgus_laxity_in_extension",
  label: "Valgus laxity in extension",
  firesWhen: "laxity on valgus stress at 0 degrees (normal or pain: absent)",
  urgencyText:
    "**soon** when the mechanism is gradual (usually old laxity); otherwise **urgent** (also when the mechanism is not recorded)",
  levels: ["urgent", "soon"],
  explanation:
    "Laxity on valgus stress in full extension suggests more than an isolated MCL injury (posteromedial corner or cruciate) and " +
    "needs orthopaedic review.",
  source: `${PRACTICE}; EVALUATE.md version 2, change 12`,
  when: (f) => f.is("exam.valgusStress0", "laxity"),
  urgency: (f) => tier("urgent", "soon", f.is("episode.mechanism", "gradual")),
});
