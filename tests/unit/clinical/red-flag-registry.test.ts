/**
 * Adding a red-flag rule (docs/architecture.md, "How to add a red-flag
 * rule"): its file in lib/clinical/red-flags/ and its line in the registry
 * (index.ts). This test fails when a rule file is written but not listed,
 * so the rule would silently never run; its rows in red-flags.test.ts (a
 * table typed by the codes), its questions and labels (rule-inputs.test.ts)
 * and the docs table (docs.test.ts) are checked by their own tests.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { RED_FLAG_CODES, RED_FLAG_RULES } from "@/lib/clinical/red-flags";

const DIR = path.resolve(__dirname, "../../../lib/clinical/red-flags");
const RULE_FILES = readdirSync(DIR).filter((name) => name.endsWith(".ts") && name !== "index.ts" && name !== "rule.ts");

describe("the red-flag registry", () => {
  it("finds the rule files it checks (guards the test itself)", () => {
    expect(RULE_FILES.length).toBeGreaterThan(15);
  });

  it.each(RULE_FILES)("%s is listed in lib/clinical/red-flags/index.ts", async (file) => {
    const exported: unknown[] = Object.values(await import(path.join(DIR, file)));
    const rules = exported.filter((value) => typeof value === "object" && value !== null && "code" in value && "when" in value);
    expect(rules).toHaveLength(1);
    expect(RED_FLAG_RULES).toContain(rules[0]);
  });

  it("lists each rule once, one file each", () => {
    expect(new Set(RED_FLAG_CODES).size).toBe(RED_FLAG_CODES.length);
    expect(RED_FLAG_RULES).toHaveLength(RULE_FILES.length);
  });
});
