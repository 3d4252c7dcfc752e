/**
 * Writes the red-flag table of docs/clinical-rules.md from the rules
 * themselves (lib/clinical/red-flags, one file per flag): the text between
 * the two marker lines is generated, never edited by hand. Run
 * `npm run docs:rules`; with `--check`, only reports (exit 1) when the
 * committed page is out of date (tests/unit/clinical/docs.test.ts does the same).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RED_FLAG_RULES } from "../lib/clinical/red-flags";

export const RULES_DOC = join(__dirname, "..", "docs", "clinical-rules.md");
export const BEGIN = "<!-- red-flag table: generated from lib/clinical/red-flags by `npm run docs:rules`; do not edit -->";
export const END = "<!-- end of the generated red-flag table -->";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderRuleTable(): string {
  const rows = RED_FLAG_RULES.map(
    (r) =>
      `| ${cell(r.label)} (\`${r.code}\`) | ${cell(r.firesWhen)} | ${cell(r.urgencyText)} | ${cell(r.explanation)} | ${cell(r.source)} |`,
  );
  return ["| flag | raised when | urgency | why | source |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** The page with its generated table replaced by the rules' current one. */
export function renderRulesDoc(page: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${RULES_DOC} lacks the marker lines of the generated table`);
  return `${page.slice(0, begin + BEGIN.length)}\n\n${renderRuleTable()}\n\n${page.slice(end)}`;
}

function main(): void {
  const page = readFileSync(RULES_DOC, "utf8");
  const next = renderRulesDoc(page);
  if (process.argv.includes("--check")) {
    if (next !== page) {
      console.error(`${RULES_DOC} is out of date: run npm run docs:rules`);
      process.exit(1);
    }
    console.log(`${RULES_DOC} is up to date`);
    return;
  }
  writeFileSync(RULES_DOC, next);
  console.log(`wrote the red-flag table of ${RULES_DOC}`);
}

if (require.main === module) main();
