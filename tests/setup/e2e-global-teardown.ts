/** Stops the e2e server and drops its database (see e2e-global-setup.ts). */
export default async function e2eGlobalTeardown(): Promise<void> {
  const state = globalThis.__KNEE_CLINIC_E2E__;
  if (!state) return;
  const { server, db } = state;
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  await db.drop();
  globalThis.__KNEE_CLINIC_E2E__ = undefined;
}
