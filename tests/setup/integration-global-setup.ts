/**
 * Jest globalSetup of the `integration` project: creates the run's database
 * (see tests/helpers/db.ts), applies the committed migrations with our applier,
 * and exports its URL as DATABASE_URL. Jest starts its test workers after
 * global setup, and they inherit this process's environment, so every test
 * file sees the same DATABASE_URL (also when run in band, in this process).
 * Any DATABASE_URL from .env is deliberately overridden: tests never touch it.
 */
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
  console.log(`\n[db] integration tests use ${database.label} (created and migrated in ${Date.now() - started} ms)`);
}
