/**
 * `npm run cluster`: the app as several servers behind a load balancer, on
 * this machine: two `next start` processes (CLUSTER_SERVERS) of the
 * production build (built first if needed), each on a free port, with
 * Debian's nginx in front on PORT (default 3000) from a configuration it
 * writes to a temporary folder. Prints the address; Ctrl-C stops everything.
 *
 * The database is migrated beforehand (`npm run db:migrate`, and `npm run
 * db:seed` for the demo data). Each server connects as a role made by
 * `npm run db:grant`, and starts through `npm start`'s production check:
 * - CLUSTER_DATABASE_URLS: one URL per server, comma separated, used as given;
 * - else, when DATABASE_URL is already such a role, every server uses it;
 * - else (DATABASE_URL, or DATABASE_OWNER_URL, is the tables' owner or a
 *   superuser, as on a developer's own PostgreSQL) one role per server is
 *   made and granted here (`<database>_app1`, …: scripts/cluster/roles.ts).
 * Only where that cannot be done (the embedded database, which has no roles;
 * an owner that may not create roles) do the servers run on DATABASE_URL as
 * it is, with a note saying so. NEXTAUTH_SECRET is the one of `.env`,
 * or the demo's generated `.data/auth-secret`: every server must share it.
 * Each response names the server that answered in its X-App-Instance header,
 * and nginx's access log (printed path) records it for every request.
 */
import { buildIfNeeded } from "../build-if-needed";
import { appConnectionProblem, ownerUrl } from "../db/grant";
import { authSecret } from "../auth-secret";
import { startCluster } from "./cluster";
import { grantServerRoles } from "./roles";

/**
 * DATABASE_URL when it is already a granted role, else one granted role per
 * server made with the owner's connection; DATABASE_URL for every server when
 * that cannot be done (said why).
 */
async function serverUrls(databaseUrl: string, servers: number): Promise<string[]> {
  const same = Array.from({ length: servers }, () => databaseUrl);
  if (!(await appConnectionProblem(databaseUrl).catch(() => "unknown"))) return same;
  try {
    const urls = await grantServerRoles(ownerUrl() ?? databaseUrl, servers);
    console.log(`Granted one role per app server (npm run db:grant): ${urls.map((u) => new URL(u).username).join(", ")}`);
    return urls;
  } catch (error) {
    console.warn(`Note: could not make a granted role per app server (${(error as Error).message}).`);
    return same;
  }
}

async function main(): Promise<void> {
  const perServer = (process.env.CLUSTER_DATABASE_URLS ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl && perServer.length === 0)
    throw new Error("DATABASE_URL is not set (run through `npm run cluster`, which starts the embedded database when it is unset)");
  const servers = perServer.length || Number(process.env.CLUSTER_SERVERS || 2);
  if (!Number.isInteger(servers) || servers < 1 || servers > 8) throw new Error("CLUSTER_SERVERS must be a whole number from 1 to 8");
  const databaseUrls = perServer.length ? perServer : await serverUrls(databaseUrl!, servers);
  const problems = await Promise.all(databaseUrls.map((url) => appConnectionProblem(url).catch((e: Error) => e.message)));
  for (const [i, problem] of problems.entries())
    if (problem)
      console.warn(
        `Note: app-${i + 1} connects as a role that production would refuse (${problem}); in production give each server a role made by \`npm run db:grant\`.`,
      );
  const port = Number(process.env.PORT || 3000);
  const secret = authSecret();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  buildIfNeeded({ ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: secret }, distDir);
  const verbose = process.env.CLUSTER_VERBOSE === "1";
  const cluster = await startCluster({
    databaseUrls,
    distDir,
    secret,
    port,
    // `npm start`'s production check, wherever every server has a granted role.
    startCheck: problems.every((p) => !p),
    output: (line) => {
      if (verbose || /error|warn|⨯/i.test(line)) console.log(line);
    },
  });
  console.log(`\nKnee Clinic on ${servers} app servers behind nginx: ${cluster.url}`);
  for (const app of cluster.apps) console.log(`  ${app.name}: ${app.url} (pid ${app.child.pid})`);
  console.log(`  nginx access log (which server answered each request): ${cluster.balancer.accessLog}`);
  console.log("Ctrl-C stops all of them.");

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the balancer and the app servers…");
    await cluster.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const p of [cluster.balancer.child, ...cluster.apps.map((a) => a.child)])
    p.once("exit", (code) => {
      if (stopping) return;
      console.error(`A process of the cluster exited (code ${code}): stopping the others.`);
      void stop(1);
    });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
