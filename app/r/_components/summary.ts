import type { RunnerQuestion } from "@/lib/runner-steps";
import type { FlatAnswers } from "@/lib/runner-answers";
import { plural } from "@/lib/format";

/** An answer as the runner reads it back before sending: the option's words, "Yes", "12 days". */
export function answerText(q: Exclude<RunnerQuestion, { kind: "psfs" }>, value: FlatAnswers[string]): string {
  if (value === undefined) return "not answered";
  if (value === null) return q.kind === "nrs" && q.optional ? q.optional : "not answered";
  if (q.kind === "yesno") return value === true ? "Yes" : "No";
  if (q.kind === "days") return typeof value === "number" ? plural(value, "day") : `${String(value)} days`;
  if (q.kind === "nrs") return `${String(value)} of 10`;
  const option = q.options.find((o) => o.value === value);
  return option ? option.label : String(value);
}
