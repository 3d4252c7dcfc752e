/**
 * Runs once when the server starts: a missing or malformed environment
 * variable stops start-up with a message naming it (lib/env.ts). The check
 * lives in a Node-only module so the Edge bundle never sees process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/env-startup");
    checkEnvironmentOrExit();
  }
}
