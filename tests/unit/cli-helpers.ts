/** Runs the evaluation command as the outside world does. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");
const LAUNCHER = join(ROOT, "scripts", "run-evaluate.cjs");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node scripts/run-evaluate.cjs ARGS` (what `npm run --silent evaluate -- ARGS` runs), optional stdin. */
export function runCli(args: string[], stdin?: string): CliResult {
  const r = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, input: stdin, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Through npm itself, exactly as documented. */
export function runNpmEvaluate(args: string[], stdin?: string, cwd = ROOT): CliResult {
  const r = spawnSync("npm", ["run", "--silent", "evaluate", "--", ...args], { cwd, input: stdin, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
