/**
 * `npm run db:new-migration -- <name> [--empty]` (development step).
 *
 * Writes prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql holding the SQL
 * that takes a database from the committed migrations to prisma/schema.prisma,
 * as `prisma migrate dev --create-only` would. The Prisma CLI cannot do it here
 * (offline, no native engine), so the wasm schema engine computes a `diff` from
 * the migrations folder (replayed on a throw-away in-memory PGlite shadow
 * database) to the schema. Prints "no changes" and writes nothing when they match.
 *
 * --empty creates the folder with a placeholder for hand-written SQL (triggers,
 * functions) that the schema cannot express. --check (`npm run db:check-migrations`)
 * writes nothing and fails if the schema has changes without a migration.
 *
 * Review the file, apply it with `npm run db:migrate`, commit it. Never edit a
 * migration that has been applied anywhere: db:migrate refuses changed checksums.
 */
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "./migrate";
import { MIGRATION_LOCK_FILE, migrationList, NO_FILTERS, openSchemaEngine } from "./schema-engine";

const SCHEMA_PATH = path.resolve(__dirname, "..", "..", "..", "prisma", "schema.prisma");

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function migrationName(raw: string | undefined): string {
  const name = (raw ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new Error("usage: npm run db:new-migration -- <name> [--empty]");
  return name.slice(0, 200);
}

/** The SQL from the committed migrations to the schema; "" when there is nothing to do. */
export async function diffMigrationsToSchema(schemaPath = SCHEMA_PATH, migrationsDir = MIGRATIONS_DIR): Promise<string> {
  const { engine, close } = await openSchemaEngine(schemaPath);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationList(migrationsDir, readMigrations(migrationsDir)) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } finally {
    await close();
  }
}

async function main(args: string[]): Promise<void> {
  if (args.includes("--check")) {
    const pending = await diffMigrationsToSchema();
    if (!pending) return console.log("[db] the committed migrations match prisma/schema.prisma");
    console.error(`[db] prisma/schema.prisma has changes without a migration (npm run db:new-migration -- <name>):\n${pending}`);
    process.exit(1);
  }
  const empty = args.includes("--empty");
  const name = migrationName(args.find((a) => !a.startsWith("--")));
  const started = Date.now();
  const sql = empty
    ? `-- ${name}: hand-written SQL (functions, triggers) that the Prisma schema cannot express.\n`
    : await diffMigrationsToSchema();
  if (!sql) {
    console.log(`[db] no changes: the committed migrations already match prisma/schema.prisma (${Date.now() - started} ms)`);
    return;
  }
  fs.mkdirSync(MIGRATIONS_DIR, { recursive: true });
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, MIGRATION_LOCK_FILE);
  const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
  console.log(
    `[db] wrote ${path.relative(process.cwd(), dir)}/migration.sql (${Date.now() - started} ms); review it, then npm run db:migrate`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
