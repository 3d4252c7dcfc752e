/**
 * Jest globalTeardown of the `integration` project: drops the run's database
 * (WITH (FORCE), so connections left open by a test cannot keep it alive), or
 * stops the embedded server that stood in for PostgreSQL.
 */
// globalThis.__KNEE_CLINIC_TEST_DB__ is declared in tests/helpers/db.ts.

export default async function integrationGlobalTeardown(): Promise<void> {
  const database = globalThis.__KNEE_CLINIC_TEST_DB__;
  if (!database) return;
  globalThis.__KNEE_CLINIC_TEST_DB__ = undefined;
  await database.drop();
}
