/**
 * `npm run bench:faults`: what a database restart does to people saving work.
 *
 * 1. Makes a throwaway PostgreSQL cluster (initdb + pg_ctl on a free port in
 *    a temporary folder, as the postgres user when run as root: never the
 *    shared server), migrates it, loads the demo clinics and grants the app
 *    role (`npm run db:grant`'s code).
 * 2. Builds the app if needed (NEXT_DIST_DIR, default .next) and serves it
 *    with `next start` on a free port, as the app role, through `npm start`'s
 *    production check.
 * 3. Ten clients (FAULTS_CLIENTS) sign in and, each on its own runner, save
 *    follow-up drafts, sign them and import runs through the server actions
 *    the forms use, over real HTTP (scripts/faults/http-transport.ts), for
 *    FAULTS_SECONDS (default 60). PostgreSQL is stopped "fast" at a third of
 *    the run and "immediate" (as after a crash) at two thirds, each time for
 *    FAULTS_DOWN_SECONDS (default 5), and started again; the app is not.
 * 4. Compares what each client was told with what the database holds
 *    (scripts/faults/scenario.ts) and prints the counts; exits 1 on any
 *    mismatch or any answer that was neither a save nor a clear refusal.
 *
 * Environment: FAULTS_CLIENTS (10), FAULTS_SECONDS (60), FAULTS_DOWN_SECONDS (5),
 * NEXT_DIST_DIR (.next), PG_BIN (folder of initdb and pg_ctl, found by default).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { freePort, startApp, type AppProcess } from "../app-process";
import { buildIfNeeded, ROOT } from "../build-if-needed";
import { createThrowawayCluster, type ThrowawayCluster } from "../db/throwaway-cluster";
import { httpTransport, signIn } from "../faults/http-transport";
import { assignEpisodes, describe, prepareDatabase, runScenario, verify } from "../faults/scenario";

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

async function main(): Promise<number> {
  const clients = intEnv("FAULTS_CLIENTS", 10);
  const seconds = intEnv("FAULTS_SECONDS", 60);
  const downSeconds = intEnv("FAULTS_DOWN_SECONDS", 5);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const log = (line: string) => console.log(`[faults] ${line}`);

  let cluster: ThrowawayCluster | undefined;
  let app: AppProcess | undefined;
  try {
    cluster = await createThrowawayCluster("faults");
    log(`throwaway PostgreSQL at 127.0.0.1:${cluster.port} (${cluster.dataDir})`);
    const { ownerUrl, appUrl } = await prepareDatabase(cluster);
    log("migrated, loaded the demo clinics, granted the app role kneeclinic_app (npm run db:grant)");

    const port = await freePort();
    const env = {
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      // Ten clients sign in from one address in a few seconds: well inside the per-address limit.
      DATABASE_POOL_MAX: "10",
    };
    buildIfNeeded({ ...process.env, ...env, NODE_ENV: "production" }, distDir, log);
    app = await startApp({ name: "app", port, distDir, env, startCheck: true, output: (line) => console.log(`[app] ${line}`) });
    log(`app at ${app.url} (pid ${app.child.pid})`);

    const assignments = await assignEpisodes(ownerUrl, clients);
    const handles = await Promise.all(
      assignments.map(async (a) => {
        const session = await signIn(app!.url, a.userEmail, DEMO_PASSWORD);
        return { assignment: a, handle: { base: app!.url, ...session, patientId: a.patientId, episodeId: a.episodeId } };
      }),
    );
    log(`${clients} clients signed in; running for ${seconds} s`);
    const durationMs = seconds * 1000;
    const result = await runScenario(httpTransport(path.join(ROOT, distDir)), handles, cluster, {
      durationMs,
      restarts: [
        { atMs: durationMs / 3, downMs: downSeconds * 1000, mode: "fast" },
        { atMs: (2 * durationMs) / 3, downMs: downSeconds * 1000, mode: "immediate" },
      ],
      log,
    });
    const pidAfter = app.child.exitCode === null ? app.child.pid : null;
    const verification = await verify(ownerUrl, result);
    if (pidAfter === null) verification.problems.push("the app process exited during the run");
    console.log(`\n${describe(result, verification)}\nThe app process ran throughout (pid ${app.child.pid}), never restarted.`);
    return verification.problems.length === 0 ? 0 : 1;
  } finally {
    await app?.stop();
    await cluster?.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
