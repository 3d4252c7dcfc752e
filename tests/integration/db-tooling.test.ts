/**
 * The database tooling itself: the migration applier (scripts/db/offline/migrate.ts)
 * against the run's database, and the embedded PGlite server
 * (scripts/db/offline/embedded.ts, scripts/with-db.ts) end to end on a temporary data
 * folder. The servers run in child processes, as they do for developers (and
 * because PGlite's dynamic imports cannot run inside jest's module sandbox).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { applyMigrations, checksum, MIGRATIONS_DIR, readMigrations } from "../../scripts/db/offline/migrate";
import { runScript, type ScriptRun } from "../helpers/scripts";

/** The run's database as its owner (the migrator's connection). */
function databaseUrl(): string {
  const url = process.env.DATABASE_OWNER_URL;
  if (!url) throw new Error("DATABASE_OWNER_URL is not set: run through jest's integration project");
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the committed migrations folder that a test may alter. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kc-migrations-"));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
};

describe("migration applier (run's database)", () => {
  const local = readMigrations();

  it("has committed migrations to test with", () => {
    expect(local.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it("recorded every committed migration in _prisma_migrations as Prisma does", async () => {
    const rows = await query<MigrationRow>(databaseUrl(), `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(checksum(file));
      expect(row.checksum).toBe(local[i]?.checksum);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
  });

  it("creates the table with Prisma's exact column definitions", async () => {
    const columns = await query(
      databaseUrl(),
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
  });

  it("applies nothing the second time", async () => {
    const before = await query(databaseUrl(), `SELECT id FROM "_prisma_migrations" ORDER BY id`);
    await expect(applyMigrations(databaseUrl())).resolves.toEqual([]);
    expect(await query(databaseUrl(), `SELECT id FROM "_prisma_migrations" ORDER BY id`)).toEqual(before);
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const dir = copyOfMigrations();
    try {
      const first = local[0]!.name;
      fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited after it was applied\n");
      await expect(applyMigrations(databaseUrl(), { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`${first} was modified after it was applied`),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const SLOW = 180_000; // each PGlite start takes 2-20 s depending on machine load

/** A TypeScript script with the embedded database settings (and no DATABASE_URL). */
const tsx = (args: string[], env: Record<string, string>) => runScript(args, { DATABASE_URL: "", ...env });

/** Starts `tsx scripts/db/offline/embedded.ts` and resolves with its URL once it serves. */
async function serverProcess(
  env: Record<string, string>,
): Promise<{ url: string; port: number; child: ChildProcess; done: Promise<ScriptRun> }> {
  const { child, done } = tsx(["scripts/db/offline/embedded.ts"], env);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (postgres:\/\/\S+);/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void done.then((run) => reject(new Error(`embedded server exited (${run.code}): ${run.stderr}`)));
  });
  return { url, port: Number(new URL(url).port), child, done };
}

describe("embedded PostgreSQL (PGlite over the wire protocol)", () => {
  let root: string;
  let server: Awaited<ReturnType<typeof serverProcess>> | undefined;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "kc-pglite-"));
    server = await serverProcess({ EMBEDDED_DB_DIR: path.join(root, "served"), EMBEDDED_DB_PORT: "0" });
  }, SLOW);

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.done;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(
    "with-db: migrates a fresh data folder, keeps it, passes the exit code, stops cleanly",
    async () => {
      const dataDir = path.join(root, "with-db");
      const env = { EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: "0" };
      fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, port: 1, host: "127.0.0.1", startedAt: "" }));

      const first = await tsx(["scripts/with-db.ts", "tsx", "scripts/db/offline/migrate.ts"], env).done;
      expect(first.stderr).toContain("removing stale lock");
      expect(first.stdout).toMatch(
        /using the embedded PostgreSQL \(PGlite, .*with-db\) at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/,
      );
      expect(first.stdout).toContain(`${readMigrations().length} migration(s) to apply, 0 already applied`);
      expect(first.code).toBe(0);
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

      const check = `const c = new (require("pg").Client)(process.env.DATABASE_URL); c.connect()
      .then(() => c.query('SELECT count(*)::int AS n FROM "_prisma_migrations"'))
      .then((r) => { console.log("applied=" + r.rows[0].n); return c.end(); }).then(() => process.exit(7));`;
      const second = await tsx(["scripts/with-db.ts", "node", "-e", check], env).done;
      expect(second.stdout).toContain(`applied=${readMigrations().length}`);
      expect(second.code).toBe(7);
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    },
    SLOW,
  );

  it("migrates and answers queries at a postgres:// URL", async () => {
    const url = server!.url;
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await applyMigrations(url)).toEqual(readMigrations().map((m) => m.name));
    expect(await applyMigrations(url)).toEqual([]);
    const [row] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    expect(row?.n).toBe(readMigrations().length);
  });

  it(
    "refuses a second server on the same data folder, or on a taken port, with clear messages",
    async () => {
      const sameDir = await tsx(["scripts/db/offline/embedded.ts"], { EMBEDDED_DB_DIR: path.join(root, "served"), EMBEDDED_DB_PORT: "0" })
        .done;
      expect(sameDir.code).toBe(1);
      expect(sameDir.stderr).toContain(`already in use by process ${server!.child.pid}`);
      expect(sameDir.stderr).toContain(`DATABASE_URL=postgres://postgres@127.0.0.1:${server!.port}/postgres`);

      const samePort = await tsx(["scripts/db/offline/embedded.ts"], {
        EMBEDDED_DB_DIR: path.join(root, "other"),
        EMBEDDED_DB_PORT: String(server!.port),
      }).done;
      expect(samePort.code).toBe(1);
      expect(samePort.stderr).toMatch(/Port 127\.0\.0\.1:\d+ is already in use.*EMBEDDED_DB_PORT/s);
      expect(fs.existsSync(path.join(root, "other.lock"))).toBe(false);
    },
    SLOW,
  );

  it("keeps concurrent connections apart, also for large parameterised queries", async () => {
    // pglite-socket's own queue let another connection's Parse slip between a
    // large Bind's TCP chunks; scripts/db/offline/session-queue.ts must prevent that.
    const pool = new pg.Pool({ connectionString: server!.url, max: 10 });
    try {
      for (let round = 0; round < 3; round++) {
        // With pglite-socket's queue, 2-6 of these 60 came back wrong in most rounds.
        const results = await Promise.all(
          Array.from({ length: 60 }, async (_, i) => {
            const big = i % 4 === 0 ? "x".repeat(300_000) : "";
            const { rows } = await pool.query(`SELECT $1::int AS n, ${i} AS k, length($2::text) AS l`, [i, big]);
            return rows[0].k === i && rows[0].n === i && rows[0].l === big.length;
          }),
        );
        expect(results.filter((ok) => !ok)).toEqual([]);
      }
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query(`CREATE TABLE abandoned (id int)`);
      client.release(true); // connection dropped inside a transaction: must be rolled back
      const [row] = (await pool.query(`SELECT to_regclass('abandoned') IS NULL AS gone`)).rows;
      expect(row.gone).toBe(true);
    } finally {
      await pool.end();
    }
  });

  it("serves 40 parallel Prisma queries through adapter-pg", async () => {
    // Raw SQL, so that this test does not depend on the app's models.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: server!.url, max: 10 }) });
    try {
      await prisma.$executeRawUnsafe(`CREATE TABLE parallel_probe (id int PRIMARY KEY, note text NOT NULL)`);
      const reads = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          prisma.$queryRawUnsafe<{ k: number; n: number; l: number }[]>(
            `SELECT ${i} AS k, $1::int AS n, length($2::text) AS l`,
            i,
            "y".repeat(i * 5000),
          ),
        ),
      );
      expect(reads.map((rows) => rows[0])).toEqual(Array.from({ length: 40 }, (_, i) => ({ k: i, n: i, l: i * 5000 })));
      const writes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          prisma
            .$transaction(async (tx) => {
              await tx.$executeRawUnsafe(`INSERT INTO parallel_probe (id, note) VALUES ($1, $2)`, i, `note ${i}`);
              if (i % 4 === 0) throw new Error("rolled back on purpose");
              return tx.$queryRawUnsafe<{ note: string }[]>(`SELECT note FROM parallel_probe WHERE id = $1`, i);
            })
            .catch((error: Error) => error.message),
        ),
      );
      expect(writes).toEqual(Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? "rolled back on purpose" : [{ note: `note ${i}` }])));
      const [count] = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM parallel_probe`);
      expect(count?.n).toBe(30);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("records a failed migration and refuses to continue until it is resolved", async () => {
    const dir = copyOfMigrations();
    try {
      fs.mkdirSync(path.join(dir, "99990101000000_broken"));
      fs.writeFileSync(
        path.join(dir, "99990101000000_broken", "migration.sql"),
        "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n",
      );
      await expect(applyMigrations(server!.url, { migrationsDir: dir })).rejects.toThrow(/99990101000000_broken failed/);
      const [row] = await query<MigrationRow & { table_exists: boolean }>(
        server!.url,
        `SELECT *, to_regclass('half_done') IS NOT NULL AS table_exists FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`,
      );
      expect(row).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0, table_exists: false });
      expect(row?.logs).toMatch(/Database error code: 42883/);
      await expect(applyMigrations(server!.url, { migrationsDir: dir })).rejects.toThrow(/failed earlier/);
      await expect(applyMigrations(server!.url)).rejects.toThrow(/failed earlier/);

      // Resolved as Prisma documents it: mark rolled back, fix the file, apply again.
      await query(server!.url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '99990101000000_broken'`);
      fs.writeFileSync(path.join(dir, "99990101000000_broken", "migration.sql"), "CREATE TABLE half_done (id int);\n");
      await expect(applyMigrations(server!.url, { migrationsDir: dir })).resolves.toEqual(["99990101000000_broken"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("stops cleanly on SIGTERM and releases its lock", async () => {
    const lock = path.join(root, "served.lock");
    expect(JSON.parse(fs.readFileSync(lock, "utf8"))).toMatchObject({ pid: server!.child.pid, port: server!.port });
    server!.child.kill("SIGTERM");
    expect((await server!.done).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
    server = undefined;
  });
});
