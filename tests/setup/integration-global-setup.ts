/**
 * Jest globalSetup of the `integration` project: creates the run's database
 * (see tests/helpers/db.ts) and applies the committed migrations with our
 * applier as the owner. On PostgreSQL it then makes the run's app role
 * (`<database>_app`, granted by scripts/db/grant.ts exactly as
 * `npm run db:grant` does), so lib/data runs in the tests as it runs in
 * production: DATABASE_URL is the app role, DATABASE_OWNER_URL the owner
 * (fixtures arrange data with it), TEST_APP_ROLE the role's name. On the
 * embedded fallback both are the one superuser connection.
 * Jest starts its test workers after global setup, and they inherit this
 * process's environment (also when run in band, in this process).
 * Any DATABASE_URL from .env is deliberately overridden: tests never touch it.
 *
 * It also turns on the statement capture (SQL_CAPTURE_DIR, a fresh temporary
 * folder): lib/db.ts records every distinct statement the app sends, and the
 * global teardown fails the run if one forgets the clinic (docs/scale-out.md).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLoginRole, createTestDatabase } from "../helpers/db";
import { grantAppRole } from "../../scripts/db/grant";
import { applyMigrations } from "../../scripts/db/offline/migrate";

export default async function integrationGlobalSetup(): Promise<void> {
  const started = Date.now();
  const database = await createTestDatabase();
  globalThis.__KNEE_CLINIC_TEST_DB__ = database;
  let appUrl = database.url;
  try {
    await applyMigrations(database.url);
    if (database.postgres) {
      const app = await createLoginRole(database, "app");
      await grantAppRole(database.url, app.role);
      appUrl = app.url;
      process.env.TEST_APP_ROLE = app.role;
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  process.env.DATABASE_URL = appUrl;
  process.env.DATABASE_OWNER_URL = database.url;
  process.env.SQL_CAPTURE_DIR = mkdtempSync(path.join(tmpdir(), "kneeclinic-sql-"));
  console.log(
    `\n[db] integration tests use ${database.label} (created and migrated in ${Date.now() - started} ms)${process.env.TEST_APP_ROLE ? `; the app connects as ${process.env.TEST_APP_ROLE}` : ""}`,
  );
}
