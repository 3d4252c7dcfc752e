/** The worked examples of the contract (tests/fixtures/evaluate, copied from shared/clinical/examples). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const EXAMPLES_DIR = join(__dirname, "..", "fixtures", "evaluate");

export const EXAMPLES = [
  "01-gradual-with-load",
  "02-acute-trauma",
  "03-follow-up",
  "04-septic-without-fever",
  "05-bony-tenderness-pain-free",
  "06-new-run-log",
] as const;

export function readExample(file: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), "utf8"));
}
