import { defineRedFlag, firstThenTrue, PRACTICE } from "./rule";

export const septicArthritisSuspected = defineRedFlag({
  code: "septic_arthritis_suspected",
  label: "Suspected septic arthritis",
  firesWhen: "hot swollen joint (fever, a recent joint injection or immunosuppression add to the reasons; none is needed)",
  urgencyText: "emergency",
  levels: ["emergency"],
  explanation:
    "A hot swollen joint is septic until proven otherwise: many septic joints present without fever. Fever, a recent joint " +
    "injection or immunosuppression add to the suspicion but are not needed (version 1 needed one of them).",
  source: `${PRACTICE}; EVALUATE.md version 2, change 3`,
  when: (f) => f.yes("symptoms.hotSwollenJoint"),
  because: (f) =>
    firstThenTrue(
      f,
      ["symptoms.hotSwollenJoint"],
      [f.yes("symptoms.fever"), f.yes("history.recentJointInjection"), f.yes("history.immunosuppressed")],
    ),
});
