import { or } from "../logic";
import { defineRedFlag, SEED } from "./rule";

export const visibleSwelling = defineRedFlag({
  code: "visible_swelling",
  label: "Visible swelling or effusion",
  firesWhen: "visible swelling reported **or** moderate or large effusion on examination",
  urgencyText: "soon (no running while it lasts: see running advice)",
  levels: ["soon"],
  explanation: "Visible swelling reported by the patient, or a moderate or large effusion on examination.",
  source: SEED,
  when: (f) => or(f.yes("symptoms.visibleSwelling"), f.is("exam.effusion", "moderate", "large")),
});
