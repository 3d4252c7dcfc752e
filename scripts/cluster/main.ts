/**
 * `npm run cluster`: the app as several servers behind a load balancer, on
 * this machine: two `next start` processes (CLUSTER_SERVERS) of the
 * production build (built first if needed), each on a free port, with
 * Debian's nginx in front on PORT (default 3000) from a configuration it
 * writes to a temporary folder. Prints the address; Ctrl-C stops everything.
 *
 * The database is DATABASE_URL (or the embedded one, through
 * scripts/with-db.ts), migrated beforehand (`npm run db:migrate`, and
 * `npm run db:seed` for the demo data). NEXTAUTH_SECRET is the one of `.env`,
 * or the demo's generated `.data/auth-secret`: every server must share it.
 * Each response names the server that answered in its X-App-Instance header,
 * and nginx's access log (printed path) records it for every request.
 */
import { buildIfNeeded } from "../build-if-needed";
import { authSecret } from "../auth-secret";
import { startCluster } from "./cluster";

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error("DATABASE_URL is not set (run through `npm run cluster`, which starts the embedded database when it is unset)");
  const servers = Number(process.env.CLUSTER_SERVERS || 2);
  if (!Number.isInteger(servers) || servers < 1 || servers > 8) throw new Error("CLUSTER_SERVERS must be a whole number from 1 to 8");
  const port = Number(process.env.PORT || 3000);
  const secret = authSecret();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  buildIfNeeded({ ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: secret }, distDir);
  const verbose = process.env.CLUSTER_VERBOSE === "1";
  const cluster = await startCluster({
    databaseUrls: Array.from({ length: servers }, () => databaseUrl),
    distDir,
    secret,
    port,
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
