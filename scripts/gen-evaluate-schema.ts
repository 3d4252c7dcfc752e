/**
 * Writes docs/evaluate-input.schema.json from the zod schema of the
 * evaluation input (lib/validation/evaluate-input.ts). Never edit the JSON by
 * hand: run `npm run docs:schema`. With `--check`, only reports (exit 1) when
 * the committed file is out of date.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluationInputJsonSchema } from "../lib/validation/evaluate-input";

export const SCHEMA_FILE = join(__dirname, "..", "docs", "evaluate-input.schema.json");

export function renderEvaluateInputSchema(): string {
  return `${JSON.stringify(evaluationInputJsonSchema(), null, 2)}\n`;
}

function main(): void {
  const text = renderEvaluateInputSchema();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(SCHEMA_FILE, "utf8");
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      console.error(`${SCHEMA_FILE} is out of date: run npm run docs:schema`);
      process.exit(1);
    }
    console.log(`${SCHEMA_FILE} is up to date`);
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) main();
