import { OTTAWA_WINDOW_DAYS } from "../../domain/windows";
import { and, not, or } from "../logic";
import { defineRedFlag, tier } from "./rule";

export const ottawaKneeRulePositive = defineRedFlag({
  code: "ottawa_knee_rule_positive",
  label: "Ottawa knee rule positive (X-ray indicated)",
  firesWhen:
    "mechanism **acute trauma** and any one of: age 55 or older; tenderness of the patella only; tenderness of the fibular head; " +
    "cannot flex to 90 degrees; unable to bear weight for four steps **both** immediately after the injury **and** now (limping counts as bearing weight)",
  urgencyText: `**urgent** when the onset date is not recorded or 0 to ${OTTAWA_WINDOW_DAYS} days before the assessment; **soon** when more than ${OTTAWA_WINDOW_DAYS} days`,
  levels: ["urgent", "soon"],
  explanation:
    "After an acute injury an X-ray is indicated if any one criterion holds. Applies to acute trauma only, not to overuse pain. " +
    `The rule was derived and validated within ${OTTAWA_WINDOW_DAYS} days of the injury: a positive criterion still indicates an X-ray later, ` +
    "but it is then soon rather than urgent.",
  source: "Ottawa knee rule (Stiell 1995/1996), SPEC.md section 3; EVALUATE.md version 2, change 5",
  when: (f) =>
    and(
      f.is("episode.mechanism", "acute_trauma"),
      or(
        f.ageAtLeast(55),
        f.tender("patella_only"),
        f.tender("fibular_head"),
        f.no("exam.flexionTo90"),
        and(f.yes("symptoms.unableToBearWeightImmediately"), f.yes("symptoms.unableToBearWeightNow")),
      ),
    ),
  // Later than the window: soon. Within it, or the onset date not recorded: urgent.
  urgency: (f) => tier("urgent", "soon", not(f.withinDays("episode.onsetDate", OTTAWA_WINDOW_DAYS))),
});
