import { and } from "../logic";
import { defineRedFlag, PRACTICE } from "./rule";

export const haemarthrosisSuspected = defineRedFlag({
  code: "haemarthrosis_suspected",
  label: "Suspected haemarthrosis",
  firesWhen: "mechanism **acute trauma** and swelling within 2 hours of the injury",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation:
    "Swelling appearing within 2 hours of a trauma suggests bleeding into the joint (ligament tear, fracture, patellar dislocation).",
  source: PRACTICE,
  when: (f) => and(f.is("episode.mechanism", "acute_trauma"), f.yes("symptoms.swellingWithin2hOfInjury")),
});
