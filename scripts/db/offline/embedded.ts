/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly, from npm)
 * served over the PostgreSQL wire protocol on 127.0.0.1, so that Prisma with
 * adapter-pg, pg and psql all see a normal postgres:// URL.
 *
 * Why: a newcomer's machine may have no PostgreSQL and no network beyond npm,
 * so `npm run demo` / `npm run db:migrate` must work with nothing installed.
 *
 * - Data lives in .data/pglite (git-ignored; EMBEDDED_DB_DIR overrides it);
 *   `dataDir: null` gives a throw-away in-memory database (shadow database).
 *   Port: EMBEDDED_DB_PORT, default 54329 (0 picks a free one).
 * - PGlite does not stop two processes from opening the same folder (which
 *   would corrupt it), so we keep our own lock file next to it
 *   (.data/pglite.lock: pid and port). A lock whose process is gone is stale
 *   and is removed; a live one gives a clear "already in use" error.
 * - Connections are handled by pglite-socket's PGLiteSocketHandler, but with
 *   our SessionQueue (see session-queue.ts) instead of its own queue, which can
 *   mix up concurrent parameterised queries.
 *
 * Run directly (`tsx scripts/db/offline/embedded.ts`) to serve .data/pglite until Ctrl-C,
 * e.g. for psql.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { SessionQueue } from "./session-queue";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "pglite");
export const DEFAULT_PORT = 54329;

export type EmbeddedOptions = {
  /** Folder of the database; null for an in-memory database. Default EMBEDDED_DB_DIR or .data/pglite. */
  dataDir?: string | null;
  /** TCP port; 0 picks a free one. Default EMBEDDED_DB_PORT or 54329. */
  port?: number;
  host?: string;
};

export type EmbeddedServer = {
  url: string;
  port: number;
  dataDir: string | null;
  stop: () => Promise<void>;
};

type LockInfo = { pid: number; port: number; host: string; startedAt: string };

export class EmbeddedDbError extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true; // not Linux: trust kill(0)
  }
}

function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** Takes .data/pglite.lock, removing a stale one; returns a function that releases it. */
function acquireLock(dataDir: string, info: LockInfo): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: "wx" });
      return () => {
        if (readLock(lockPath)?.pid === info.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(lockPath);
    if (holder && holder.pid !== process.pid && processIsAlive(holder.pid)) {
      throw new EmbeddedDbError(
        `The embedded database ${describeDataDir(dataDir)} is already in use by process ${holder.pid} ` +
          `(serving ${holder.host}:${holder.port}, e.g. another \`npm run demo\`). Stop that process, or share its server with ` +
          `DATABASE_URL=postgres://postgres@${holder.host}:${holder.port}/postgres`,
      );
    }
    console.error(`[db] removing stale lock ${lockPath} (process ${holder?.pid ?? "?"} is gone)`);
    fs.rmSync(lockPath, { force: true });
  }
  throw new EmbeddedDbError(`could not take the lock ${lockPath}`);
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

export function embeddedPort(): number {
  const raw = process.env.EMBEDDED_DB_PORT;
  return raw ? Number.parseInt(raw, 10) : DEFAULT_PORT;
}

export function embeddedDataDir(): string {
  return process.env.EMBEDDED_DB_DIR ? path.resolve(process.env.EMBEDDED_DB_DIR) : DEFAULT_DATA_DIR;
}

/** The data folder as shown to people: relative to the repository when inside it. */
export function describeDataDir(dataDir: string | null): string {
  if (!dataDir) return "in memory";
  const relative = path.relative(REPO_ROOT, dataDir);
  return relative.startsWith("..") ? dataDir : relative;
}

export async function startEmbeddedServer(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const dataDir = options.dataDir === undefined ? embeddedDataDir() : options.dataDir;
  const host = options.host ?? "127.0.0.1";
  const wantedPort = options.port ?? embeddedPort();
  const release = dataDir
    ? acquireLock(dataDir, { pid: process.pid, port: wantedPort, host, startedAt: new Date().toISOString() })
    : () => {};

  // Bind the port before the slow PGlite start, so that a conflict fails at once.
  let ready: (db: PGlite) => void = () => {};
  const dbReady = new Promise<PGlite>((resolve) => (ready = resolve));
  const handlers = new Set<PGLiteSocketHandler>();
  let queue: SessionQueue | null = null;
  const server = net.createServer((socket) => {
    socket.on("error", () => socket.destroy());
    void dbReady.then(async (db) => {
      queue ??= new SessionQueue(db);
      const handler = new PGLiteSocketHandler({
        queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
        closeOnDetach: true,
      });
      handlers.add(handler);
      handler.addEventListener("close", () => handlers.delete(handler));
      handler.addEventListener("error", () => handlers.delete(handler));
      await handler.attach(socket);
    });
  });
  let port: number;
  try {
    port = await listen(server, wantedPort, host);
  } catch (error) {
    release();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new EmbeddedDbError(
        `Port ${host}:${wantedPort} is already in use (another embedded database server, e.g. a second \`npm run demo\`, ` +
          `or another program). Stop it, or choose another port with EMBEDDED_DB_PORT=<port>.`,
      );
    }
    throw error;
  }
  if (dataDir) fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, port, host, startedAt: new Date().toISOString() }));

  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ?? "memory://");
  } catch (error) {
    server.close();
    release();
    throw error;
  }
  ready(db);

  let stopped = false;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((h) => h.detach(true)));
      await closed;
      await queue?.drain();
      await db.close();
      release();
    },
  };
}

if (require.main === module) {
  startEmbeddedServer()
    .then((server) => {
      console.log(`[db] embedded PostgreSQL (PGlite, ${describeDataDir(server.dataDir)}) at ${server.url}; Ctrl-C stops it`);
      const stop = () => void server.stop().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    })
    .catch((error: unknown) => {
      console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
