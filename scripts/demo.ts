/**
 * `npm run demo`: everything a newcomer needs after `npm install`, in one
 * command. It
 *   1. uses DATABASE_URL if set, otherwise starts the embedded PostgreSQL
 *      (PGlite, data in .data/pglite) inside this process;
 *   2. applies the committed migrations and seeds the demo clinics (the seed
 *      is idempotent and refuses a database holding real clinics), as
 *      DATABASE_OWNER_URL when that is set;
 *   3. generates a session secret in .data/auth-secret if NEXTAUTH_SECRET is
 *      unset, builds the app if there is no current build, and serves it
 *      with `next start` on PORT (default 3000) until Ctrl-C.
 */
import "dotenv/config";
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedServer, type EmbeddedServer } from "./db/offline/embedded";
import { applyMigrations } from "./db/offline/migrate";
import { redactUrl } from "./db/url";
import { seed } from "../prisma/seed";
import { authSecret } from "./auth-secret";
import { NEXT_BIN, ROOT, buildIfNeeded } from "./build-if-needed";

async function main() {
  let embedded: EmbeddedServer | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedServer();
    url = embedded.url;
    console.log(`Embedded PostgreSQL: ${redactUrl(url)} (data in ${path.relative(ROOT, embedded.dataDir ?? "memory")})`);
  } else {
    console.log(`PostgreSQL: ${redactUrl(url)}`);
  }
  const stop = async () => {
    await embedded?.stop().catch(() => undefined);
  };
  // Migrations and demo data as the tables' owner when DATABASE_OWNER_URL is set; the app as DATABASE_URL.
  const owner = embedded ? url : (process.env.DATABASE_OWNER_URL ?? url);
  try {
    const applied = await applyMigrations(owner, { log: (l) => console.log(`  ${l}`) });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
    console.log("Demo data:");
    await seed(owner, (l) => console.log(`  ${l}`));
  } catch (error) {
    await stop();
    throw error;
  }

  const port = process.env.PORT ?? "3000";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: port,
  };
  buildIfNeeded(env);
  console.log(`\nKnee Clinic: http://localhost:${port}  (sign in as clinician@riverside.example / knee-demo-2026; Ctrl-C to stop)\n`);
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], { cwd: ROOT, env, stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code) => {
    await stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
