/**
 * `npm run db:migrate`: applies the committed prisma/migrations/<ts>_<name>/migration.sql
 * files, in name order, to DATABASE_URL.
 *
 * Why our own applier: every Prisma CLI command except `generate` downloads a
 * native schema engine, which this offline machine cannot. This does what
 * `prisma migrate deploy` does and records each migration in `_prisma_migrations`
 * exactly as Prisma does (same table, uuid id, sha256 checksum of the file,
 * started_at, finished_at, logs, rolled_back_at, applied_steps_count), so that
 * `prisma migrate deploy` on a networked machine sees them as applied.
 *
 * - Prisma's advisory lock key, so neither this nor Prisma can run concurrently.
 * - Each file runs as one simple-query string (PL/pgSQL $$ bodies are safe) inside
 *   its own transaction, together with the row that marks it finished.
 * - Refuses to continue when an applied migration's file has changed, or when a
 *   migration failed earlier (as Prisma does: fix by hand, then mark it rolled back).
 * - Idempotent: a second run applies nothing.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "../url";

export const MIGRATIONS_DIR = path.resolve(__dirname, "..", "..", "..", "prisma", "migrations");
/** The key Prisma's schema engine uses for pg_advisory_lock on PostgreSQL. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export type LocalMigration = { name: string; sql: string; checksum: string };

export type ApplyOptions = {
  migrationsDir?: string;
  log?: (line: string) => void;
  /** How long to wait for another migrator's lock. Default 60 s. */
  lockTimeoutMs?: number;
};

type AppliedRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

// The table exactly as Prisma's schema engine creates it on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function checksum(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** The committed migrations, in the order Prisma applies them (folder name). */
export function readMigrations(migrationsDir = MIGRATIONS_DIR): LocalMigration[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new Error(`migration ${name} has no migration.sql`);
      const bytes = fs.readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: checksum(bytes) };
    });
}

function databaseErrorLog(error: unknown): string {
  const e = error as { code?: string; message?: string; position?: string; where?: string };
  const lines = [`Database error code: ${e.code ?? "unknown"}`, "", "Database error:", e.message ?? String(error)];
  if (e.position) lines.push(`Position: ${e.position}`);
  if (e.where) lines.push(e.where);
  return lines.join("\n");
}

/** Refuses on failed or edited migrations; returns the ones still to apply. */
function pendingMigrations(local: LocalMigration[], rows: AppliedRow[], log: (line: string) => void): LocalMigration[] {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    const names = failed.map((r) => r.migration_name).join(", ");
    throw new Error(
      `migration ${names} failed earlier (see _prisma_migrations.logs); nothing was applied. ` +
        `Repair the database by hand, then mark it rolled back: ` +
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '...' AND finished_at IS NULL;` +
        `\n${failed[0]?.logs ?? ""}`,
    );
  }
  const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const edited = local.filter((m) => {
    const row = applied.get(m.name);
    return row !== undefined && row.checksum !== m.checksum;
  });
  if (edited.length > 0) {
    throw new Error(
      `migration ${edited.map((m) => m.name).join(", ")} was modified after it was applied (checksum differs); ` +
        `nothing was applied. Restore the committed file and put the change in a new migration (npm run db:new-migration).`,
    );
  }
  const localNames = new Set(local.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!localNames.has(name)) log(`[db] warning: ${name} is applied in the database but missing from ${MIGRATIONS_DIR}`);
  }
  return local.filter((m) => !applied.has(m.name));
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query("BEGIN");
    await client.query(migration.sql); // no parameters: one simple-query message, statements run in order
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, databaseErrorLog(error)]);
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Applies the pending committed migrations to the database; returns the names applied. */
export async function applyMigrations(databaseUrl: string, options: ApplyOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const local = readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${Math.round(options.lockTimeoutMs ?? 60_000)}`);
    try {
      await client.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
    } catch (error) {
      throw new Error(`another migration run holds the migration lock (${(error as Error).message})`, { cause: error });
    }
    await client.query("RESET lock_timeout");
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const pending = pendingMigrations(local, rows, log);
      log(`[db] ${pending.length} migration(s) to apply, ${local.length - pending.length} already applied`);
      for (const migration of pending) {
        const started = Date.now();
        await applyOne(client, migration);
        log(`[db] applied ${migration.name} (${Date.now() - started} ms)`);
      }
      return pending.map((m) => m.name);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("[db] DATABASE_URL is not set (run through `npm run db:migrate`, which provides the embedded database)");
    process.exit(1);
  }
  const started = Date.now();
  applyMigrations(url, { log: (line) => console.log(line) })
    .then(() => console.log(`[db] ${redactUrl(url)} is up to date (${Date.now() - started} ms)`))
    .catch((error: unknown) => {
      console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
