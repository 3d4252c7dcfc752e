/**
 * "Unchanged since <date>": a follow-up may start from the previous red-flag
 * screen. Its answers are offered, never assumed: each is shown and counts
 * only once the clinician confirms it (one by one, or all at once from a
 * list that names every one) or answers the question afresh. Until then the
 * question is unanswered and its flags stay "not yet assessed".
 *
 * Pure: the form uses it, and its unit test pins the rules.
 */
import type { Question } from "@/lib/questions";

export type CarriedAnswer = { path: string; label: string; value: unknown };

function read(answers: unknown, path: string): unknown {
  let cur: unknown = answers;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

/** The screen questions whose previous answer can be carried: answered then, not answered now (a text or a record is never carried). */
export function carriedScreenAnswers(questions: readonly Question[], previous: unknown, current: unknown): CarriedAnswer[] {
  return questions.flatMap((q) => {
    if (q.kind === "text" || q.kind === "record") return [];
    const before = read(previous, q.path);
    if (before === undefined || before === null) return [];
    const now = read(current, q.path);
    if (now !== undefined && now !== null) return [];
    return [{ path: q.path, label: q.label, value: before }];
  });
}
