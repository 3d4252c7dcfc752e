/**
 * Jest globalSetup of the `integration` project: creates the run's database
 * (see tests/helpers/db.ts), applies the committed migrations with our applier,
 * and exports its URL as DATABASE_URL. Jest starts its test workers after
 * global setup, and they inherit this process's environment, so every test
 * file sees the same DATABASE_URL (also when run in band, in this process).
 * Any DATABASE_URL from .env is deliberately overridden: tests never touch it.
 *
 * It also turns on the statement capture (SQL_CAPTURE_DIR, a fresh temporary
 * folder): lib/db.ts records every distinct statement the app sends, and the
 * global teardown fails the run if one forgets the clinic (docs/scale-out.md).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "../helpers/db";
import { applyMigrations } from "../../scripts/db/migrate";

export default async function integrationGlobalSetup(): Promise<void> {
  const started = Date.now();
  const database = await createTestDatabase();
  globalThis.__KNEE_CLINIC_TEST_DB__ = database;
  try {
    await applyMigrations(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  process.env.DATABASE_URL = database.url;
  process.env.SQL_CAPTURE_DIR = mkdtempSync(path.join(tmpdir(), "kneeclinic-sql-"));
  console.log(`\n[db] integration tests use ${database.label} (created and migrated in ${Date.now() - started} ms)`);
}
