/**
 * One `next start` process of a built app, on a port of 127.0.0.1: started,
 * waited for (until /login answers) and stopped. Used by `npm run cluster`,
 * `npm run bench:faults`, the e2e setup and the tests that run them; and a free port to put it on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { NEXT_BIN, ROOT } from "./build-if-needed";

export type AppProcess = { name: string; url: string; port: number; child: ChildProcess; stop: () => Promise<void> };

export type AppOptions = {
  name: string;
  port: number;
  /** The build folder (NEXT_DIST_DIR): `.next` for `npm run build`, `.next-e2e` for the browser tests. */
  distDir: string;
  /** DATABASE_URL, NEXTAUTH_SECRET, NEXTAUTH_URL, … (added to this process's environment). */
  env: Record<string, string>;
  /** Where the server's output goes: "inherit", "ignore" or a function per line. */
  output?: "inherit" | "ignore" | ((line: string) => void);
  /**
   * Start it as `npm start` does (scripts/with-db.ts --app), whose production
   * check refuses a DATABASE_URL that connects as a superuser or table owner
   * rather than a role made by `npm run db:grant`. Not on the embedded
   * database, whose only user is a superuser.
   */
  startCheck?: boolean;
};

export async function startApp(options: AppOptions, timeoutMs = 90_000): Promise<AppProcess> {
  const { name, port, distDir, output = "ignore" } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    ...options.env,
    NODE_ENV: "production",
  };
  const piped = typeof output === "function";
  const next = [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
  const args = options.startCheck ? ["--import", "tsx", "scripts/with-db.ts", "--app", process.execPath, ...next] : next;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", piped ? "pipe" : output, piped ? "pipe" : output === "ignore" ? "ignore" : "inherit"],
  });
  if (piped) {
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream?.on("data", (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) output(line);
      });
    }
  }
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = { name, url, port, child, stop: () => stopProcess(child) };
  try {
    await waitUntilUp(url, child, timeoutMs);
  } catch (error) {
    await app.stop();
    throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
  }
  return app;
}

export async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A port of 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
