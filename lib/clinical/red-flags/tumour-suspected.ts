import { and, or } from "../logic";
import { defineRedFlag, PRACTICE } from "./rule";

export const tumourSuspected = defineRedFlag({
  code: "tumour_suspected",
  label: "Suspected tumour",
  firesWhen: "(night pain **or** pain at rest) **and** (unexplained weight loss **or** history of cancer)",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation: "Night or rest pain together with unexplained weight loss or a history of cancer.",
  source: PRACTICE,
  when: (f) =>
    and(
      or(f.yes("symptoms.nightPain"), f.yes("symptoms.painAtRest")),
      or(f.yes("symptoms.unexplainedWeightLoss"), f.yes("history.historyOfCancer")),
    ),
});
