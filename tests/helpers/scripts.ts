import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/db/offline/embedded";

const BIN = path.join(REPO_ROOT, "node_modules", ".bin");

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs a TypeScript script of the repository as npm would, with `env` on top
 * of the test's environment. `node --import tsx` rather than the tsx CLI,
 * which would run it in a grandchild.
 */
export function runScript(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<ScriptRun> } {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ScriptRun>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}
