/**
 * A throwaway PostgreSQL cluster for fault tests (`npm run bench:faults` and
 * tests/integration/faults.test.ts): made with initdb in a temporary folder,
 * served by pg_ctl on a free port of 127.0.0.1, stopped and restarted at
 * will, and deleted afterwards. Never the shared server on 5432.
 *
 * PostgreSQL refuses to run as root: as root (CI), the folder is given to the
 * `postgres` user and every command runs as that user through `runuser`.
 * The binaries are found in PG_BIN, else the newest /usr/lib/postgresql/N/bin
 * (Debian), else on PATH. Without initdb this throws a message saying how to
 * install PostgreSQL: .ci/run installs it, so a missing initdb is an error,
 * never a reason to skip.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../app-process";

export type ThrowawayCluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server: "fast" (sessions ended, clean shutdown) or "immediate" (as after a crash: recovery at the next start). */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  start: () => Promise<void>;
  /** Stops, deletes the folder. Safe to call twice. */
  destroy: () => Promise<void>;
};

/** The folder holding initdb and pg_ctl, or a message saying why there is none. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
    throw new Error(`PG_BIN=${fromEnv} has no initdb`);
  }
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const found = which.stdout.trim();
  if (which.status === 0 && found) return path.dirname(fs.realpathSync(found));
  throw new Error(
    "PostgreSQL's initdb was not found (looked in PG_BIN, /usr/lib/postgresql/*/bin and PATH). " +
      "The fault tests make a throwaway PostgreSQL cluster with it: install PostgreSQL " +
      "(Debian: apt-get install -y postgresql; .ci/run does this) or set PG_BIN to the folder holding initdb and pg_ctl.",
  );
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Runs a PostgreSQL binary, as the postgres user when we are root. Asynchronous,
 * so that the clients of a fault run keep working while the server stops and starts.
 */
function runPg(bin: string, args: string[]): Promise<string> {
  const [cmd, full] = isRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    execFile(cmd, full, { encoding: "utf8", timeout: 90_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const detail = (stderr || stdout || error.message).trim();
      reject(new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${detail}`, { cause: error }));
    });
  });
}

export async function createThrowawayCluster(label = "faults"): Promise<ThrowawayCluster> {
  const bin = postgresBinDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kneeclinic-${label}-`));
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "postgres.log");
  if (isRoot()) {
    // The postgres user must be able to reach and own the folder.
    fs.chmodSync(root, 0o755);
    execFileSync("chown", ["postgres:", root]);
  }
  const port = await freePort();
  let running = false;
  let destroyed = false;
  const pgCtl = path.join(bin, "pg_ctl");
  try {
    await runPg(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const options = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${root}`, "-c max_connections=100"].join(" ");
  const cluster: ThrowawayCluster = {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async start() {
      await runPg(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", options]);
      running = true;
    },
    async stop(mode = "fast") {
      if (!running) return;
      await runPg(pgCtl, ["stop", "-D", dataDir, "-m", mode, "-w", "-t", "60"]);
      running = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await cluster.stop("immediate");
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
