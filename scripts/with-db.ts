/**
 * `tsx scripts/with-db.ts [--owner | --app] <command...>`: runs a command with a database.
 *
 * - `--owner` (db:migrate, db:seed): the command gets DATABASE_OWNER_URL as
 *   its DATABASE_URL when that is set (the tables' owner), else DATABASE_URL.
 * - `--app` (start, dev; the default): the command gets DATABASE_URL, the
 *   app's least-privileged role (`npm run db:grant`). With NODE_ENV=production
 *   set by the caller, it refuses to start on the embedded database, or on a
 *   connection that is a superuser or owns the tables, naming the problem.
 * - DATABASE_URL (or, with --owner, DATABASE_OWNER_URL) set in the
 *   environment or .env: runs the command with it.
 * - Otherwise starts the embedded PostgreSQL (PGlite in .data/pglite, or
 *   EMBEDDED_DB_DIR / EMBEDDED_DB_PORT, see scripts/db/offline/embedded.ts) in this process, gives the command its URL as
 *   DATABASE_URL, and stops the server cleanly when the command exits. The
 *   embedded database accepts any user and is always a superuser: it is for
 *   the demo and development only.
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
import { describeDataDir, EmbeddedDbError, REPO_ROOT, startEmbeddedServer, type EmbeddedServer } from "./db/offline/embedded";
import { appConnectionProblem, ownerUrl } from "./db/grant";
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

/** Why `npm start` must not serve on this database in production, or null. */
async function productionProblem(url: string | undefined): Promise<string | null> {
  if (!url)
    return "DATABASE_URL is not set, so the embedded database would be used: it accepts any user and is always a superuser, and is for the demo and development only. Set DATABASE_URL to PostgreSQL as the app's role (README, Production)";
  try {
    const problem = await appConnectionProblem(url);
    return problem
      ? `DATABASE_URL (${redactUrl(url)}) connects as a role that must not run the app: ${problem}. Connect as the role made by \`npm run db:grant\` (README, Production)`
      : null;
  } catch (error) {
    return `cannot check the database role of DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}`;
  }
}

async function main(args: string[]): Promise<number> {
  const owner = args[0] === "--owner";
  const command = args[0] === "--owner" || args[0] === "--app" ? args.slice(1) : args;
  if (command.length === 0) {
    console.error("usage: tsx scripts/with-db.ts [--owner | --app] <command> [args...]");
    return 2;
  }
  config({ path: path.join(REPO_ROOT, ".env"), quiet: true });
  const url = owner ? ownerUrl() : process.env.DATABASE_URL;
  if (!owner && process.env.NODE_ENV === "production") {
    const problem = await productionProblem(url);
    if (problem) {
      console.error(`[db] NODE_ENV=production: refusing to start. ${problem}.`);
      return 1;
    }
  }
  if (url) {
    console.log(`[db] using ${owner && process.env.DATABASE_OWNER_URL ? "DATABASE_OWNER_URL" : "DATABASE_URL"} ${redactUrl(url)}`);
    return run(command, { ...process.env, DATABASE_URL: url });
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
