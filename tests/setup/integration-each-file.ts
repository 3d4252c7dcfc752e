/**
 * Runs in every test file of the `integration` project (setupFilesAfterEnv).
 *
 * - A longer timeout for tests and hooks: they talk to a real database and hash
 *   passwords, and on a loaded 2-core machine 5 s is not enough. (Jest's
 *   `testTimeout` is a global option and cannot be set per project.)
 * - Closes the app's shared Prisma client (lib/db.ts keeps it on
 *   globalThis.prisma) after each file, so that its pool does not keep the
 *   worker alive ("A worker process has failed to exit gracefully").
 */
jest.setTimeout(30_000);

afterAll(async () => {
  const holder = globalThis as { prisma?: { $disconnect: () => Promise<void> } };
  await holder.prisma?.$disconnect();
  holder.prisma = undefined;
});
