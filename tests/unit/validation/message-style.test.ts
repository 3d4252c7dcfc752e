/**
 * Validation messages follow one style (lib/validation/messages.ts): sentence
 * case, a sentence that starts by saying what to do, no developer's rules
 * ("must be", "YYYY-MM-DD", ISO dates), no closing full stop. Three checks:
 * the message builders themselves; every message written in lib/validation
 * and lib/clinical (its refusals, `fail(path, message)`), and in the
 * ValidationErrors and ConflictErrors (409) of lib/data and the API helpers (read from the
 * source); and what each exported schema answers to empty and wrong input
 * (so zod's own English, "Invalid input: expected string", cannot slip through).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { z } from "zod";
import { noRunningStage } from "@/lib/domain/return-to-run";
import * as messages from "@/lib/validation/messages";

const ROOT = path.join(__dirname, "../../..");

/** The verbs a message may start with: each says what to do. */
const VERBS = new Set(
  (
    "Enter Choose Shorten Remove Write Use Send Give Pick Select Start Check Record Paste Add Set Tick Leave Keep Sign Save " +
    "Reload Copy Open Try Fill Answer Upload Name List Correct Change Clear Confirm Type Log Make Lower Raise Ask Link Wait " +
    "Withdraw Discharge Undo Delete Retire Mark Import Scan Close Drop Split Move Score Reopen Follow Advance Review Discard Prescribe Cancel"
  ).split(" "),
);

/** Why a message is not in the house style, or null when it is. */
export function styleProblem(message: string, { startsWithBuilder = false } = {}): string | null {
  if (/\bmust\b/i.test(message)) return 'says "must" (say what to do instead)';
  if (/\bis required\b/i.test(message)) return 'says "is required" (say "Enter the …")';
  if (/YYYY|\b\d{4}-\d{2}-\d{2}\b/.test(message)) return "shows an ISO date or its pattern (write dates as 3 Nov 2026)";
  if (/\.\s*$/.test(message)) return "ends with a full stop";
  if (startsWithBuilder) return null;
  if (!/^[A-Z]/.test(message)) return "does not start with a capital letter";
  const first = /^[A-Za-z]+/.exec(message)?.[0] ?? "";
  if (!VERBS.has(first)) return `starts with "${first}", not a verb saying what to do`;
  return null;
}

// ---------------------------------------------------------------- the builders

test("every message builder writes in the house style", () => {
  const samples: string[] = [
    messages.enterThe("date of birth"),
    messages.enterDateOf("date of birth"),
    messages.enterWholeNumber("cadence", 100, 250, "steps/min"),
    messages.enterWholeNumber("stage", 0),
    messages.enterNumber("load", 0, 500, "kg"),
    messages.enterNumber("distance", 0),
    messages.enterPositiveNumber("distance", 500, "km"),
    messages.chooseOne("urgency", ["emergency", "urgent", "soon", "routine"]),
    messages.shortenTo("reason", 2000),
    messages.removeNul("reason"),
    messages.removeControlCharacters("search"),
    messages.notInFuture("date of birth"),
    messages.notBefore("next review date", "assessment date", "2026-11-03"),
    messages.trueOrFalse("sendEmail"),
    messages.validId("patient"),
  ];
  expect(samples.filter((m) => styleProblem(m)).map((m) => `${m}: ${styleProblem(m)}`)).toEqual([]);
  expect(messages.notBefore("next review date", "assessment date", "2026-11-03")).toBe(
    "Enter a next review date on or after the assessment date (3 Nov 2026)",
  );
  expect(messages.orList(["a", "b", "c"])).toBe("a, b or c");
});

test("the return-to-run plan's refusal of a running stage writes in the house style, and only where the advice allows none", () => {
  const refusals = (["stop", "screen_incomplete"] as const).flatMap((mode) => [noRunningStage(mode, 0), noRunningStage(mode, 3)]);
  expect(refusals.map((m) => m && styleProblem(m))).toEqual([null, null, null, null]);
  expect(refusals.every(Boolean)).toBe(true);
  expect([noRunningStage("pain_free", 0), noRunningStage("pain_monitored", 3)]).toEqual([null, null]);
});

test("the style check refuses the old style", () => {
  expect(styleProblem("must be a real date written YYYY-MM-DD")).not.toBeNull();
  expect(styleProblem("distance must be a number")).not.toBeNull();
  expect(styleProblem("The date of birth cannot be in the future")).not.toBeNull();
  expect(styleProblem("Write the distance as a number, like 5 or 6.5.")).not.toBeNull();
  expect(styleProblem("Enter the date of birth")).toBeNull();
});

// ---------------------------------------------------------------- the source

const MESSAGE_PROPERTIES = new Set(["message", "error"]);
const CHECK_METHODS = new Set(["min", "max", "gt", "gte", "lt", "lte", "int", "regex", "refine", "length", "nonempty"]);
const MESSAGE_FUNCTIONS = new Set(["fail"]);
/** The API's error code beside the issues (`{"error": "invalid input", "issues": […]}`), not a message. */
const NOT_MESSAGES = new Set(["invalid input"]);
/** A message may start with a builder of lib/validation/messages.ts: its words are checked above. */
const BUILDERS = new Set(Object.keys(messages));

type Found = { file: string; line: number; text: string; startsWithBuilder: boolean };

/** The text of a string or template literal, `${…}` written as {}; null when `node` is neither. */
function literal(node: ts.Node): { text: string; startsWithBuilder: boolean } | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { text: node.text, startsWithBuilder: false };
  if (ts.isTemplateExpression(node)) {
    const text = node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join("");
    const first = node.templateSpans[0]?.expression;
    const builder = !!first && ts.isCallExpression(first) && ts.isIdentifier(first.expression) && BUILDERS.has(first.expression.text);
    return { text, startsWithBuilder: node.head.text === "" && builder };
  }
  return null;
}

/** A field path such as "toStage" or "plan.nextReviewDate". */
const isPath = (node: ts.Node) => ts.isStringLiteral(node) && /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(node.text);

const hasPathSibling = (node: ts.PropertyAssignment) =>
  ts.isObjectLiteralExpression(node.parent) &&
  node.parent.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === "path");

/**
 * Which messages of a file are read: every kind (lib/validation); `{path,
 * message}` issues (lib/data, the API helpers); refusals, `fail(…)`
 * (lib/clinical). A ConflictError's message (409) is read in each.
 */
type Kinds = "all" | "fieldIssues" | "refusals";

/** A call of a check method or of `fail`: its message arguments (`fail(path, message)` names the field first, and a path is not a message). */
function messageArguments(node: ts.CallExpression, kinds: Kinds): ts.Expression[] {
  const callee = node.expression;
  const fails = ts.isIdentifier(callee) && MESSAGE_FUNCTIONS.has(callee.text);
  const checks = kinds === "all" && ts.isPropertyAccessExpression(callee) && CHECK_METHODS.has(callee.name.text);
  if (!fails && !checks) return [];
  return node.arguments.filter((a, i) => !(i === 0 && node.arguments.length > 1 && isPath(a)));
}

/**
 * The messages of a file, of the `kinds` given: with "all", zod's `error`
 * and `message` options, check methods' messages, `fail` and `…MESSAGE`
 * constants besides the `{path, message}` issues.
 */
function messagesIn(file: string, kinds: Kinds = "all"): Found[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const add = (node: ts.Node) => {
    const branches = ts.isConditionalExpression(node) ? [node.whenTrue, node.whenFalse] : [node];
    for (const branch of branches) {
      const l = literal(branch);
      if (!l || NOT_MESSAGES.has(l.text)) continue;
      const line = source.getLineAndCharacterOfPosition(branch.getStart()).line + 1;
      found.push({ file: path.relative(ROOT, file), line, ...l });
    }
  };
  const visit = (node: ts.Node) => {
    const issue = ts.isPropertyAssignment(node) && node.name.getText() === "message" && hasPathSibling(node);
    if (issue && kinds !== "refusals") add(node.initializer);
    if (ts.isCallExpression(node) && kinds !== "fieldIssues") messageArguments(node, kinds).forEach(add);
    // A 409's message: what the record's state does not allow, and what to do instead.
    if (ts.isNewExpression(node) && node.expression.getText() === "ConflictError" && node.arguments?.[0]) add(node.arguments[0]);
    if (kinds === "all") {
      if (!issue && ts.isPropertyAssignment(node) && MESSAGE_PROPERTIES.has(node.name.getText())) add(node.initializer);
      // Message constants: `…MESSAGE`, `INVALID_…`, and upper-case names (not `…_HINT`, the hints shown beside a field).
      const name = ts.isVariableDeclaration(node) ? node.name.getText() : "";
      if (ts.isVariableDeclaration(node) && node.initializer && /message|^INVALID_|^[A-Z_]+$/.test(name) && !/_HINT$/.test(name))
        add(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const filesIn = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(ROOT, dir, f));

test("every message written in lib/validation, lib/clinical, lib/data (its 409s too) and the API helpers is in the house style", () => {
  const found = [
    ...filesIn("lib/validation").flatMap((f) => messagesIn(f)),
    ...filesIn("lib/clinical").flatMap((f) => messagesIn(f, "refusals")),
    ...[...filesIn("lib/data"), ...["lib/api.ts", "lib/import/upload.ts", "lib/errors.ts"].map((f) => path.join(ROOT, f))].flatMap((f) =>
      messagesIn(f, "fieldIssues"),
    ),
  ];
  expect(found.length).toBeGreaterThan(100);
  const bad = found.flatMap((m) => {
    const problem = styleProblem(m.text, m);
    return problem ? [`${m.file}:${m.line} "${m.text}": ${problem}`] : [];
  });
  expect(bad).toEqual([]);
});

// ---------------------------------------------------------------- the schemas' answers

/** Wrong values of every kind, one per field, to draw each field's "wrong type" message. */
const WRONG = [{ nested: true }, -1e9, "\u0000x", true, ["x"]];

function answersOf(schema: z.ZodType): string[] {
  const inputs: unknown[] = [undefined, {}];
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  for (const wrong of WRONG) inputs.push(Object.fromEntries(shape.map((k) => [k, wrong])));
  return inputs.flatMap((input) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  });
}

test("what every exported schema answers to empty and wrong input is in the house style", async () => {
  const bad = new Set<string>();
  let schemas = 0;
  for (const file of filesIn("lib/validation")) {
    const mod: Record<string, unknown> = await import(file);
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType)) continue;
      schemas += 1;
      for (const message of answersOf(value)) {
        const problem = styleProblem(message);
        if (problem) bad.add(`${path.basename(file)} ${name}: "${message}": ${problem}`);
      }
    }
  }
  expect(schemas).toBeGreaterThan(20);
  expect([...bad]).toEqual([]);
});
