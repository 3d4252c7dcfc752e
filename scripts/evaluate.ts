/**
 * The evaluation on the command line (EVALUATE.md):
 *
 *   npm run --silent evaluate -- FILE      (FILE is a path, or - for standard input)
 *
 * Prints the evaluation as one line of JSON on stdout and exits 0. Invalid
 * input (not JSON, unknown key, value out of range, impossible date, wrong
 * list length) or an unreadable file: nothing on stdout, exit 2, and on
 * stderr `{"error":"invalid input","issues":[{"path":...,"message":...}]}`.
 *
 * Kept light so it starts fast: no Next.js, no database. `npm run evaluate`
 * runs it through scripts/run-evaluate.cjs, which bundles it with esbuild.
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { evaluate } from "../lib/clinical/evaluate";
import { invalidInputBody, parseEvaluationInputText, type InputIssue } from "../lib/validation/evaluate-input";

const USAGE = "usage: npm run --silent evaluate -- FILE (a path, or - for standard input)";

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return (error as Error).message;
  }
}

/**
 * The directory a relative FILE is relative to. `npm run` starts scripts in
 * the package root, so when npm started this command the caller's own
 * directory is npm's INIT_CWD.
 */
export function callerDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event === "evaluate" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/** Runs the command; returns the exit code. Output goes through `out` and `err`. */
export function runEvaluateCli(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  readStdin: () => string = () => readFileSync(0, "utf8"),
  directory: string = callerDirectory(),
): number {
  const fail = (issues: InputIssue[]): number => {
    err(`${JSON.stringify(invalidInputBody(issues))}\n`);
    return 2;
  };
  const files = args[0] === "--" ? args.slice(1) : args;
  if (files.length !== 1) {
    return fail([{ path: "", message: files.length === 0 ? `no input file given; ${USAGE}` : `expected one input file; ${USAGE}` }]);
  }
  const file = files[0] as string;
  let text: string;
  try {
    text = file === "-" ? readStdin() : readFileSync(resolve(directory, file), "utf8");
  } catch (error) {
    return fail([{ path: "", message: `cannot read input file ${JSON.stringify(file)}: ${readReason(error)}` }]);
  }
  const parsed = parseEvaluationInputText(text);
  if (!parsed.ok) return fail(parsed.issues);
  out(`${JSON.stringify(evaluate(parsed.value))}\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = runEvaluateCli(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}
