import { and } from "../logic";
import { defineRedFlag, firstThenTrue, PRACTICE } from "./rule";

export const scfeSuspected = defineRedFlag({
  code: "scfe_suspected",
  label: "Suspected slipped capital femoral epiphysis",
  firesWhen:
    "age 10 to 16 inclusive **and** reduced hip internal rotation (a limp adds to the reasons; with the hip not examined: not assessed)",
  urgencyText: "emergency",
  levels: ["emergency"],
  explanation:
    "Knee pain in an adolescent can be referred from a slipped capital femoral epiphysis: same-day orthopaedic assessment and no " +
    "weight-bearing, as a further slip risks avascular necrosis. Internal rotation is reduced in nearly every slip, so the hip must be " +
    "examined; a limp alone is not enough (nearly every adolescent with knee pain limps).",
  source: `${PRACTICE}; EVALUATE.md version 2, change 4`,
  when: (f) => and(f.ageBetween(10, 16), f.yes("exam.hipInternalRotationReduced")),
  because: (f) => firstThenTrue(f, ["ageYears", "exam.hipInternalRotationReduced"], [f.yes("symptoms.limp")]),
});
