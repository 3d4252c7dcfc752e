/**
 * Jest globalTeardown of the `integration` project:
 *
 * 1. Checks every statement the app sent during the run (captured by lib/db.ts
 *    into SQL_CAPTURE_DIR): each must filter every clinic-owned table by its
 *    clinic, except the global look-ups of docs/scale-out.md. A statement that
 *    forgets the clinic fails the whole run, naming the statement and the test
 *    file that sent it (tests/helpers/clinic-scope.ts).
 * 2. Drops the run's database (WITH (FORCE), so connections left open by a
 *    test cannot keep it alive), or stops the embedded server that stood in
 *    for PostgreSQL.
 */
import { rmSync } from "node:fs";
import { checkCapture, describeViolations, readCapture, readSchema } from "../helpers/clinic-scope";
// globalThis.__KNEE_CLINIC_TEST_DB__ is declared in tests/helpers/db.ts.

export default async function integrationGlobalTeardown(): Promise<void> {
  const database = globalThis.__KNEE_CLINIC_TEST_DB__;
  if (!database) return;
  globalThis.__KNEE_CLINIC_TEST_DB__ = undefined;
  const captureDir = process.env.SQL_CAPTURE_DIR;
  let failure: string | undefined;
  try {
    const statements = captureDir ? readCapture(captureDir) : [];
    if (statements.length > 0) {
      const report = await checkCapture(statements, await readSchema(database.url));
      const lookups = [...report.lookups].map(([k, n]) => `${k} ${n}`).join(", ");
      console.log(`\n[db] ${report.statements} distinct statements checked for the clinic filter (global look-ups: ${lookups || "none"})`);
      if (report.violations.length > 0) failure = describeViolations(report);
    }
  } finally {
    await database.drop();
    if (captureDir) rmSync(captureDir, { recursive: true, force: true });
  }
  if (failure) throw new Error(failure);
}
