/**
 * Runs once when the server starts: a missing or malformed environment
 * variable stops start-up with a message naming it (lib/env.ts), and so does
 * a clinic's replacement instrument definition that is not valid
 * (INSTRUMENTS_DIR, lib/instruments/load.ts). Without
 * TRUST_PROXY, X-Forwarded-For is then pinned to each connection's peer
 * address (lib/peer-address.ts). Both live in Node-only modules so the Edge
 * bundle never sees process.exit or node:http.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/env-startup");
    const env = checkEnvironmentOrExit();
    const { checkInstrumentsOrExit } = await import("./lib/instruments/load");
    checkInstrumentsOrExit();
    const { installPeerAddress } = await import("./lib/peer-address");
    installPeerAddress(env.TRUST_PROXY);
  }
}
