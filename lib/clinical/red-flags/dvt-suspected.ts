import { defineRedFlag, tier } from "./rule";

export const dvtSuspected = defineRedFlag({
  code: "dvt_suspected",
  label: "Suspected deep vein thrombosis",
  firesWhen: "calf swelling or tenderness",
  urgencyText:
    "**urgent** when the two-level Wells score is given and 1 or less (DVT unlikely: D-dimer first); **emergency** when it is 2 or more " +
    "(DVT likely: proximal leg vein ultrasound within 4 hours) or not recorded",
  levels: ["emergency", "urgent"],
  explanation: "Calf swelling or tenderness may be a deep vein thrombosis; the two-level Wells score decides how fast it is imaged.",
  source: "NICE NG158 (two-level Wells score); EVALUATE.md version 2, change 6",
  when: (f) => f.yes("symptoms.calfSwellingOrTenderness"),
  urgency: (f) => tier("emergency", "urgent", f.atMost("exam.wellsDvt", 1)),
  because: (f) => ["symptoms.calfSwellingOrTenderness", ...(f.answered("exam.wellsDvt") ? ["exam.wellsDvt"] : [])],
});
