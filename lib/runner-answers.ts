/**
 * The runner's answers as the questionnaire page holds them (one value per
 * question path: "measures.koos.P1", "measures.lefs.3", "symptoms.locking",
 * and the PSFS list at "measures.psfs") and as they are sent
 * (`{measures, symptoms, history}`, lib/validation/runner.ts), with the check
 * of one step before the runner moves on: the same schema the server applies,
 * so the page and the server never disagree. Pure; runs in the browser.
 */
import type { RunnerStep } from "@/lib/runner-steps";
import { pickAnswers, runnerAnswersSchema, type RequestShape } from "@/lib/validation/runner";
import { toInputIssues } from "@/lib/validation/evaluate-input";

export type PsfsRow = { activity: string; score?: number };
export type FlatAnswers = Record<string, number | boolean | PsfsRow[] | null | undefined>;

const LEFS_ITEMS = 20;
const PLEASE_ANSWER = "Answer this question";

type Nested = Record<string, Record<string, unknown>>;

/** The page's answers in the shape sent. `draft`: PSFS rows without an activity yet are left out. */
export function nestAnswers(flat: FlatAnswers, mode: "draft" | "final" = "final"): Nested {
  const out: Nested = {};
  for (const [path, value] of Object.entries(flat)) {
    if (value === undefined || value === null) continue;
    const [section, field, index] = path.split(".");
    if (!section || !field) continue;
    const part = (out[section] ??= {});
    if (section === "measures" && field === "koos" && index) ((part.koos ??= {}) as Record<string, unknown>)[index] = value;
    else if (section === "measures" && field === "lefs" && index !== undefined) {
      const list = (part.lefs ??= Array.from({ length: LEFS_ITEMS }, () => null)) as unknown[];
      list[Number(index)] = value;
    } else if (section === "measures" && field === "psfs" && Array.isArray(value)) {
      const rows = value.map((r) => ({ activity: r.activity.trim(), ...(r.score === undefined ? {} : { score: r.score }) }));
      part.psfs = mode === "draft" ? rows.filter((r) => r.activity !== "") : rows;
    } else part[field] = value;
  }
  return out;
}

/** Saved answers (a draft, or answers shown again) as the page holds them. */
export function flattenAnswers(nested: unknown): FlatAnswers {
  const out: FlatAnswers = {};
  if (!nested || typeof nested !== "object") return out;
  for (const [section, fields] of Object.entries(nested as Record<string, unknown>)) {
    if (!fields || typeof fields !== "object") continue;
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      if (section === "measures" && field === "koos" && value && typeof value === "object")
        for (const [id, v] of Object.entries(value)) out[`measures.koos.${id}`] = v as number;
      else if (section === "measures" && field === "lefs" && Array.isArray(value))
        value.forEach((v, i) => {
          if (typeof v === "number") out[`measures.lefs.${i}`] = v;
        });
      else if (section === "measures" && field === "psfs" && Array.isArray(value)) out["measures.psfs"] = value as PsfsRow[];
      else if (typeof value === "number" || typeof value === "boolean") out[`${section}.${field}`] = value;
    }
  }
  return out;
}

/** Every section the step asks, present (empty), so each unanswered question gets its own message. */
function withSections(nested: Nested, step: RunnerStep, shape: RequestShape): Nested {
  const out: Nested = Object.fromEntries(Object.entries(nested).map(([k, v]) => [k, { ...v }]));
  for (const q of step.groups.flatMap((g) => g.questions)) {
    const [section, field] = q.path.split(".") as [string, string];
    const part = (out[section] ??= {});
    if (field === "koos") part.koos ??= {};
    if (field === "lefs") part.lefs ??= Array.from({ length: LEFS_ITEMS }, () => null);
    if (field === "psfs") part.psfs ??= shape.psfsActivities.map((activity) => ({ activity }));
  }
  return out;
}

/**
 * The problems of one step's answers, by question path, in plain words: a
 * question not answered, or an answer out of range. Empty when the step is
 * complete.
 */
export function stepIssues(flat: FlatAnswers, step: RunnerStep, psfsActivities: readonly string[]): Record<string, string> {
  const shape: RequestShape = { instruments: [step.instrument], psfsActivities };
  const nested = withSections(pickAnswers(nestAnswers(flat), shape), step, shape);
  const result = runnerAnswersSchema(shape, "final").safeParse(nested);
  if (result.success) return {};
  return issuesByPath(toInputIssues(result.error.issues), flat);
}

/** Issues (the page's check, or a 400 from the server) keyed by path; an unanswered question reads "Answer this question" */
export function issuesByPath(issues: readonly { path: string; message: string }[], flat: FlatAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const unanswered = /^measures\.(koos|lefs)\./.test(issue.path) && flat[issue.path] === undefined;
    out[issue.path] ??= unanswered ? PLEASE_ANSWER : issue.message;
  }
  return out;
}
