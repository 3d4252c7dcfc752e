import { stopProcess } from "../../scripts/app-process";

/**
 * Stops the e2e server and drops its database (see e2e-global-setup.ts).
 * stopProcess clears its SIGKILL timer once the server has exited: a timer
 * left running kept jest from exiting for 10 s ("Jest did not exit one second
 * after the test run has completed").
 */
export default async function e2eGlobalTeardown(): Promise<void> {
  const state = globalThis.__KNEE_CLINIC_E2E__;
  if (!state) return;
  const { server, db } = state;
  await stopProcess(server);
  await db.drop();
  globalThis.__KNEE_CLINIC_E2E__ = undefined;
}
