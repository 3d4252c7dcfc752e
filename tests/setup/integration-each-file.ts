/**
 * Runs in every test file of the `integration` project (setupFilesAfterEnv).
 *
 * - A longer timeout for tests and hooks: they talk to a real database and hash
 *   passwords, and on a loaded 2-core machine 5 s is not enough. (Jest's
 *   `testTimeout` is a global option and cannot be set per project.)
 * - Closes the app's shared Prisma client (lib/db.ts keeps it on
 *   globalThis.prisma) after each file, so that its pool does not keep the
 *   worker alive ("A worker process has failed to exit gracefully").
 * - Names the test file in the statements lib/db.ts captures (SQL_CAPTURE_SOURCE),
 *   so that the global teardown's clinic-filter check can say who sent a
 *   statement. (Each test file has its own copy of process.env.)
 */
import path from "node:path";

jest.setTimeout(30_000);
process.env.SQL_CAPTURE_SOURCE = path.relative(process.cwd(), expect.getState().testPath ?? "");

afterAll(async () => {
  const holder = globalThis as { prisma?: { $disconnect: () => Promise<void> } };
  await holder.prisma?.$disconnect();
  holder.prisma = undefined;
});
