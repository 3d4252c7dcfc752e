import { defineRedFlag, SEED } from "./rule";

export const persistentPain = defineRedFlag({
  code: "persistent_pain",
  label: "Pain persisting despite reduced training",
  firesWhen: "days of pain despite reduced training at least *persistent pain days* (14)",
  urgencyText: "soon",
  levels: ["soon"],
  explanation: "Pain persisting for at least the configured number of days (default 14) despite reduced training.",
  source: `${SEED} ("more than one to two weeks despite reduced training")`,
  when: (f) => f.atLeast("symptoms.daysPersistingDespiteReducedTraining", f.settings.persistentPainDays),
});
