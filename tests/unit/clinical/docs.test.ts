/** docs/clinical-rules.md: its red-flag table is generated from the rules (npm run docs:rules) and must be up to date. */
import { readFileSync } from "node:fs";
import { RED_FLAG_RULES } from "@/lib/clinical";
import { BEGIN, END, renderRulesDoc, renderRuleTable, RULES_DOC } from "../../../scripts/gen-clinical-rules";

describe("docs/clinical-rules.md", () => {
  const page = readFileSync(RULES_DOC, "utf8");

  it("holds the table the rules generate now (run `npm run docs:rules`)", () => {
    expect(page).toBe(renderRulesDoc(page));
  });

  it("the table has one row per rule, with its code, label, trigger, urgency and source", () => {
    const table = page.slice(page.indexOf(BEGIN), page.indexOf(END));
    for (const rule of RED_FLAG_RULES) {
      const row = table.split("\n").find((line) => line.includes(`(\`${rule.code}\`)`));
      expect([rule.code, row]).toEqual([rule.code, expect.stringContaining(rule.label)]);
      expect(row).toContain(rule.source);
    }
    expect(table.split("\n").filter((line) => line.startsWith("| ") && line.includes("(`"))).toHaveLength(RED_FLAG_RULES.length);
  });

  it("a stale table is caught (guards the test itself)", () => {
    const stale = page.replace("Locked knee (`locked_knee`)", "Stuck knee (`locked_knee`)");
    expect(renderRulesDoc(stale)).not.toBe(stale);
    expect(renderRuleTable()).toContain("Locked knee (`locked_knee`)");
    expect(() => renderRulesDoc("no markers")).toThrow(/marker/);
  });
});
