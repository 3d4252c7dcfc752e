/**
 * Small units (eslint.config.mjs, `max-lines-per-function`: an error in app/
 * and lib/): each file exempted in LONG_FUNCTIONS must still hold a function
 * over the limit, so the list only ever shrinks. ESLint runs in a child
 * process (it loads its flat config as an ES module, which jest cannot).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

const SCRIPT = `
import path from "node:path";
import { ESLint } from "eslint";
import { LONG_FUNCTIONS, SMALL_UNITS } from "./eslint.config.mjs";
const patterns = Object.keys(LONG_FUNCTIONS);
const eslint = new ESLint({
  overrideConfig: [{ files: patterns, rules: { "max-lines-per-function": ["error", SMALL_UNITS] } }],
  ruleFilter: ({ ruleId }) => ruleId === "max-lines-per-function",
});
const results = await eslint.lintFiles(patterns.map((p) => p.replace(/\\\\/g, "")));
const long = Object.fromEntries(results.map((r) => [path.relative(process.cwd(), r.filePath), r.messages.length]));
console.log(JSON.stringify({ patterns, reasons: Object.values(LONG_FUNCTIONS), long }));
`;

type Answer = { patterns: string[]; reasons: string[]; long: Record<string, number> };

describe("the files exempted from the 80-line limit", () => {
  const answer: Answer = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { cwd: ROOT, encoding: "utf8" }));

  it("are each one file, named exactly, with its reason", () => {
    expect(answer.patterns.length).toBeGreaterThan(10);
    expect(answer.patterns.filter((p) => p.includes("*"))).toEqual([]);
    expect(answer.reasons.filter((r) => r.trim().length < 15)).toEqual([]);
    expect(Object.keys(answer.long)).toHaveLength(answer.patterns.length);
  });

  it("each still holds a function over the limit (split it and take it off the list)", () => {
    expect(Object.entries(answer.long).filter(([, n]) => n === 0)).toEqual([]);
  });
});
