/**
 * `tsx scripts/with-db.ts <command...>`: runs a command with a database.
 *
 * - DATABASE_URL set (environment or .env): runs the command with it, unchanged.
 * - Otherwise starts the embedded PostgreSQL (PGlite in .data/pglite, or
 *   EMBEDDED_DB_DIR / EMBEDDED_DB_PORT, see scripts/db/embedded.ts) in this process, gives the command its URL as
 *   DATABASE_URL, and stops the server cleanly when the command exits.
 *
 * Why: a newcomer's machine may have no PostgreSQL and no network beyond npm,
 * yet `npm run db:migrate` and `npm run demo` must just work. The command's
 * exit code is ours; Ctrl-C / SIGTERM reach the command, and the server stops
 * after it.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { config } from "dotenv";
import { describeDataDir, EmbeddedDbError, REPO_ROOT, startEmbeddedServer, type EmbeddedServer } from "./db/embedded";
import { redactUrl } from "./db/url";

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`[db] cannot run ${file}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 1));
    });
  });
}

async function main(command: string[]): Promise<number> {
  if (command.length === 0) {
    console.error("usage: tsx scripts/with-db.ts <command> [args...]");
    return 2;
  }
  config({ path: path.join(REPO_ROOT, ".env"), quiet: true });
  const url = process.env.DATABASE_URL;
  if (url) {
    console.log(`[db] using DATABASE_URL ${redactUrl(url)}`);
    return run(command, process.env);
  }
  let server: EmbeddedServer;
  const started = Date.now();
  try {
    server = await startEmbeddedServer();
  } catch (error) {
    console.error(`[db] ${error instanceof EmbeddedDbError ? error.message : String(error)}`);
    return 1;
  }
  console.log(
    `[db] using the embedded PostgreSQL (PGlite, ${describeDataDir(server.dataDir)}) at ${server.url} (started in ${Date.now() - started} ms)`,
  );
  try {
    return await run(command, { ...process.env, DATABASE_URL: server.url });
  } finally {
    await server.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
