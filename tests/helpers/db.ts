/**
 * Test databases for the jest `integration` project.
 *
 * Each test run gets a fresh database (kneeclinic_test_<time>_<random>) on the
 * PostgreSQL server at TEST_DATABASE_ADMIN_URL (default: the local server,
 * postgres@127.0.0.1:5432), migrated with the committed migrations. On a
 * machine without a reachable server the run falls back to an in-memory
 * embedded PGlite server (scripts/db/offline/embedded.ts), so `npm test` still works.
 * Test files share the run's database in parallel: each creates its own clinic.
 *
 * Roles are cluster-wide, so every role a run makes is named after its
 * database (`<database>_app`, ...) and dropped with it: parallel runs never
 * collide, and roles of interrupted runs are dropped with their databases.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedServer, type EmbeddedServer } from "../../scripts/db/offline/embedded";
import { redactUrl } from "../../scripts/db/url";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX = "kneeclinic_test_";
/** Test databases left behind by interrupted runs are dropped after this long. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN"]);

export type TestDatabase = {
  /** The owner's connection (the admin user of the server, or the embedded server's). */
  url: string;
  /** How to describe it in logs (password-free). */
  label: string;
  /** Drops the database, any database named after it and every role named after it. */
  drop: () => Promise<void>;
  /** On a PostgreSQL server: its name and the admin connection that made it (roles can be made there). */
  postgres?: { name: string; adminUrl: string };
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

/** Drops the databases, then the roles, whose names start with `prefix` (a run's database name). */
async function dropNamedAfter(client: pg.Client, prefix: string, force: boolean): Promise<void> {
  const starts = `left(%s, length($1)) = $1`;
  const dbs = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE ${starts.replace("%s", "datname")}`, [prefix]);
  for (const { datname } of dbs.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}"${force ? " WITH (FORCE)" : ""}`);
  const roles = await client.query<{ rolname: string }>(`SELECT rolname FROM pg_roles WHERE ${starts.replace("%s", "rolname")}`, [prefix]);
  for (const { rolname } of roles.rows) await client.query(`DROP ROLE IF EXISTS "${rolname}"`);
}

/** Drops test databases (and their roles) of earlier, interrupted runs (never one still in use). */
async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const createdAt = Number.parseInt(datname.slice(PREFIX.length).split("_")[0] ?? "", 36);
    if (!(Date.now() - createdAt > STALE_AFTER_MS)) continue;
    await dropNamedAfter(client, datname, false).catch(() => {}); // in use: leave it
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
    drop: () => withClient(admin, (c) => dropNamedAfter(c, name, true)),
    postgres: { name, adminUrl: admin },
  };
}

/**
 * A new login role named `<database>_<suffix>` with a random password, and
 * the database's URL as that role. It is dropped with the database.
 */
export async function createLoginRole(
  database: TestDatabase,
  suffix: string,
  options = "",
): Promise<{ role: string; url: string; dbUrl: (db: string) => string }> {
  if (!database.postgres) throw new Error("roles need a PostgreSQL server: the embedded database accepts any user as a superuser");
  const role = `${database.postgres.name}_${suffix}`;
  const password = randomBytes(18).toString("base64url");
  await withClient(database.postgres.adminUrl, (c) => c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}' ${options}`));
  const as = (db: string) => {
    const u = new URL(withDatabase(database.url, db));
    u.username = role;
    u.password = password;
    return u.toString();
  };
  return { role, url: as(database.postgres.name), dbUrl: as };
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
