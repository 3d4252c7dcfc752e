/**
 * Jest globalSetup of the `e2e` project: a fresh database (tests/helpers/db.ts)
 * with the committed migrations and the demo data (as the owner), the app
 * built into .next-e2e (skipped when that build is current) and served by
 * `next start` on a free port. On PostgreSQL the app is served as production
 * serves it: as a role made by `npm run db:grant` (`<database>_app`, dropped
 * with the database), through `npm start`'s scripts/with-db.ts, whose
 * production check refuses a superuser or table owner. Tests read the
 * address from E2E_BASE_URL.
 * With E2E_BASE_URL already set, nothing is started: the tests run against
 * that server (which must hold the demo data).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort, waitUntilUp } from "../../scripts/app-process";
import { buildIfNeeded, NEXT_BIN, ROOT } from "../../scripts/build-if-needed";
import { applyMigrations } from "../../scripts/db/offline/migrate";
import { seed } from "../../prisma/seed";
import { createLoginRole, createTestDatabase, type TestDatabase } from "../helpers/db";
import { runScript } from "../helpers/scripts";

declare global {
  var __KNEE_CLINIC_E2E__: { db: TestDatabase; server: ChildProcess } | undefined;
}

export default async function e2eGlobalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) {
    console.log(`\n[e2e] using the running server at ${process.env.E2E_BASE_URL}`);
    return;
  }
  const started = Date.now();
  const db = await createTestDatabase();
  let server: ChildProcess | undefined;
  try {
    await applyMigrations(db.url);
    await seed(db.url, () => undefined);
    let appUrl = db.url;
    if (db.postgres) {
      const app = await createLoginRole(db, "app");
      const granted = await runScript(["scripts/db/grant.ts", app.role], { DATABASE_OWNER_URL: db.url, DATABASE_URL: "" }).done;
      if (granted.code !== 0) throw new Error(`npm run db:grant failed: ${granted.stderr}`);
      appUrl = app.url;
    } else {
      console.warn("\n[e2e] embedded database: the app runs as its superuser (roles need PostgreSQL)");
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      DATABASE_OWNER_URL: "",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      SKIP_BUILD_TYPECHECK: "1",
    };
    buildIfNeeded(env, ".next-e2e", (line) => console.log(`\n[e2e] ${line}`));
    const next = [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
    // `npm start` (with-db --app) on PostgreSQL; next directly on the embedded fallback, which the production check refuses.
    const args = db.postgres ? ["--import", "tsx", "scripts/with-db.ts", "--app", process.execPath, ...next] : next;
    server = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    await waitUntilUp(baseUrl, server);
    process.env.E2E_BASE_URL = baseUrl;
    globalThis.__KNEE_CLINIC_E2E__ = { db, server };
    console.log(
      `\n[e2e] app at ${baseUrl} on ${db.label}${db.postgres ? ` as ${new URL(appUrl).username}` : ""}, ready in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  } catch (error) {
    server?.kill("SIGTERM");
    await db.drop();
    throw error;
  }
}
