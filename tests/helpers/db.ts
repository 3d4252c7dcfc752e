/**
 * Test databases for the jest `integration` project.
 *
 * Each test run gets a fresh database (kneeclinic_test_<time>_<random>) on the
 * PostgreSQL server at TEST_DATABASE_ADMIN_URL (default: the local server,
 * postgres@127.0.0.1:5432), migrated with the committed migrations. On a
 * machine without a reachable server the run falls back to an in-memory
 * embedded PGlite server (scripts/db/embedded.ts), so `npm test` still works.
 * Test files share the run's database in parallel: each creates its own clinic.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedServer, type EmbeddedServer } from "../../scripts/db/embedded";
import { redactUrl } from "../../scripts/db/url";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX = "kneeclinic_test_";
/** Test databases left behind by interrupted runs are dropped after this long. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN"]);

export type TestDatabase = {
  url: string;
  /** How to describe it in logs (password-free). */
  label: string;
  drop: () => Promise<void>;
};

declare global {
  /** The run's database, from globalSetup to globalTeardown (same process). */
  var __KNEE_CLINIC_TEST_DB__: TestDatabase | undefined;
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
}

/** The same server URL, pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** True if a PostgreSQL server answers at the URL; false only for network-level failures. */
export async function serverIsReachable(url: string): Promise<boolean> {
  try {
    await withClient(url, (c) => c.query("SELECT 1"));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code && NETWORK_ERRORS.has(code)) || /timeout/i.test((error as Error).message)) return false;
    throw new Error(`PostgreSQL at ${redactUrl(url)} refused the test harness: ${(error as Error).message}`, { cause: error });
  }
}

/** Drops test databases of earlier, interrupted runs (never one still in use). */
async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const createdAt = Number.parseInt(datname.slice(PREFIX.length).split("_")[0] ?? "", 36);
    if (!(Date.now() - createdAt > STALE_AFTER_MS)) continue;
    await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {}); // in use: leave it
  }
}

/** A new, empty database on the server at adminUrl. */
export async function createServerDatabase(admin: string): Promise<TestDatabase> {
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withClient(admin, async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(admin, name);
  return {
    url,
    label: redactUrl(url),
    drop: () => withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** A new in-memory PGlite server on a free port. */
export async function createEmbeddedDatabase(): Promise<TestDatabase & { server: EmbeddedServer }> {
  const server = await startEmbeddedServer({ dataDir: null, port: 0 });
  return { url: server.url, label: `in-memory PGlite at ${server.url}`, server, drop: server.stop };
}

/** A fresh database for a test run: on the PostgreSQL server if reachable, else embedded. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  if (await serverIsReachable(admin)) return createServerDatabase(admin);
  console.warn(`[db] no PostgreSQL at ${redactUrl(admin)}: using an in-memory embedded PGlite server for this run`);
  return createEmbeddedDatabase();
}
