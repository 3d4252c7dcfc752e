/**
 * `npm run db:grant -- <role>`: gives an existing PostgreSQL login role
 * exactly what the running app needs, from the one per-table list in
 * prisma/grants.ts, and nothing else. Connects with DATABASE_OWNER_URL (else
 * DATABASE_URL) as the owner of the tables. Idempotent: it first revokes
 * everything the role holds on the schema's tables and sequences, then grants
 * the list, in one transaction, so a second run changes nothing and a run
 * after the list changed converges to it.
 *
 * Refuses (naming the problem) a role that does not exist, is a superuser,
 * can create roles, owns a table or is a member of a role that does, and a
 * schema with a table the list has no entry for. Afterwards it checks that
 * the role cannot create objects in the schema.
 *
 * The embedded database (PGlite) has no roles to grant to: it accepts any
 * user name and every connection is a superuser. It is for the demo and
 * development only.
 */
import path from "node:path";
import { config } from "dotenv";
import pg from "pg";
import { APP_TABLE_GRANTS } from "../../prisma/grants";
import { redactUrl } from "./url";

export class GrantError extends Error {}

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The tables of the app's schema (the connection's current schema). */
export async function schemaTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Tables of the schema without an entry in prisma/grants.ts, and entries without a table. */
export function grantsCoverage(tables: string[]): { missing: string[]; unknown: string[] } {
  const listed = Object.keys(APP_TABLE_GRANTS);
  return { missing: tables.filter((t) => !listed.includes(t)), unknown: listed.filter((t) => !tables.includes(t)) };
}

/** The message that tells a developer exactly what to add. */
export function missingEntryMessage(missing: string[]): string {
  return (
    `${missing.map((t) => `table "${t}"`).join(", ")} ${missing.length === 1 ? "has" : "have"} no entry in APP_TABLE_GRANTS (prisma/grants.ts). ` +
    `Add one line per table with the least the running app needs, e.g.\n` +
    missing.map((t) => `  ${/^[A-Za-z_]\w*$/.test(t) ? t : JSON.stringify(t)}: ["SELECT", "INSERT", "UPDATE"],`).join("\n") +
    `\n(an empty list [] means no access; never TRUNCATE; no UPDATE or DELETE on append-only tables).`
  );
}

type RoleFacts = { rolsuper: boolean; rolcreaterole: boolean; rolcanlogin: boolean; owned: string[] };

async function roleFacts(client: pg.Client, role: string): Promise<RoleFacts | null> {
  const { rows } = await client.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcanlogin: boolean }>(
    `SELECT rolsuper, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  if (!rows[0]) return null;
  const owned = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND pg_has_role($1, c.relowner, 'MEMBER')
      ORDER BY 1`,
    [role],
  );
  return { ...rows[0], owned: owned.rows.map((r) => r.name) };
}

/** Why a role cannot be the app's role, or null. Shared by db:grant and the production start check. */
export function roleProblem(role: string, facts: RoleFacts): string | null {
  if (facts.rolsuper)
    return `role "${role}" is a superuser: it bypasses every privilege and can switch triggers off (session_replication_role)`;
  if (facts.rolcreaterole) return `role "${role}" can create roles (CREATEROLE), and with that grant itself the owner's rights`;
  if (facts.owned.length)
    return `role "${role}" owns (or is a member of the owner of) ${facts.owned.slice(0, 5).join(", ")}${facts.owned.length > 5 ? ", …" : ""}: an owner can disable triggers and change the schema`;
  return null;
}

export type GrantResult = { role: string; tables: number; sequences: string[] };

/** Grants `role` exactly the privileges of prisma/grants.ts on the database at `ownerUrl`. */
export async function grantAppRole(ownerUrl: string, role: string): Promise<GrantResult> {
  if (!ROLE_NAME.test(role)) throw new GrantError(`"${role}" is not a plain role name (letters, digits and _; at most 63 characters)`);
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "db:grant" });
  await client.connect();
  try {
    const facts = await roleFacts(client, role);
    if (!facts)
      throw new GrantError(
        `role "${role}" does not exist. Create it first (as a superuser or a role with CREATEROLE):\n  CREATE ROLE ${role} LOGIN PASSWORD '…';`,
      );
    const problem = roleProblem(role, facts);
    if (problem) throw new GrantError(`refusing to grant: ${problem}. Use a plain login role that owns nothing.`);
    const { rows: me } = await client.query<{ user: string }>(`SELECT current_user AS user`);
    if (me[0]?.user === role)
      throw new GrantError(`role "${role}" is the role db:grant connects as (the owner): use another role for the app`);

    const tables = await schemaTables(client);
    const { missing, unknown } = grantsCoverage(tables);
    if (missing.length) throw new GrantError(missingEntryMessage(missing));
    if (unknown.length)
      throw new GrantError(
        `prisma/grants.ts lists ${unknown.join(", ")}, which the database does not have: run \`npm run db:migrate\` first`,
      );

    const r = client.escapeIdentifier(role);
    const schema = client.escapeIdentifier(await currentSchema(client));
    const sequences: string[] = [];
    await client.query("BEGIN");
    try {
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${r}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${r}`);
      await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${r}`);
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${r}`);
      for (const table of tables) {
        const privileges = APP_TABLE_GRANTS[table]!;
        if (privileges.length === 0) continue;
        await client.query(`GRANT ${privileges.join(", ")} ON TABLE ${client.escapeIdentifier(table)} TO ${r}`);
        if (!privileges.includes("INSERT")) continue;
        // The sequences behind the table's serial columns (AuditEvent.id): nextval needs USAGE.
        const owned = await client.query<{ name: string }>(
          `SELECT s.relname AS name FROM pg_class s
             JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
             JOIN pg_class t ON t.oid = d.refobjid
             JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE s.relkind = 'S' AND t.relname = $1 AND n.nspname = current_schema()`,
          [table],
        );
        for (const { name } of owned.rows) {
          await client.query(`GRANT USAGE ON SEQUENCE ${client.escapeIdentifier(name)} TO ${r}`);
          sequences.push(name);
        }
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    const { rows: create } = await client.query<{ can: boolean }>(`SELECT has_schema_privilege($1, current_schema(), 'CREATE') AS can`, [
      role,
    ]);
    if (create[0]?.can)
      throw new GrantError(
        `role "${role}" can still create objects in the schema (through PUBLIC, the default before PostgreSQL 15): run\n  REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC;`,
      );
    return { role, tables: tables.length, sequences };
  } finally {
    await client.end();
  }
}

async function currentSchema(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ s: string }>(`SELECT current_schema() AS s`);
  return rows[0]!.s;
}

/**
 * Why the app must not run on the connection at `url`, or null: the
 * production start check of `npm start` (scripts/with-db.ts).
 */
export async function appConnectionProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, application_name: "start check", connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ user: string }>(`SELECT current_user AS user`);
    const role = rows[0]!.user;
    const facts = await roleFacts(client, role);
    return facts ? roleProblem(role, facts) : `role "${role}" is not in pg_roles`;
  } finally {
    await client.end();
  }
}

/** The connection db:migrate, db:seed and db:grant use: the owner's, else the app's. */
export function ownerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_OWNER_URL || env.DATABASE_URL || undefined;
}

async function main(args: string[]): Promise<number> {
  config({ path: path.resolve(__dirname, "..", "..", ".env"), quiet: true });
  const role = args.find((a) => !a.startsWith("-"));
  if (!role || args.length !== 1) {
    console.error("usage: npm run db:grant -- <role>   (an existing login role; see README, Production)");
    return 2;
  }
  const url = ownerUrl();
  if (!url) {
    console.error(
      "[db] db:grant needs PostgreSQL: set DATABASE_OWNER_URL (the tables' owner), or DATABASE_URL. " +
        "The embedded database has no roles to grant to (it accepts any user, always as a superuser): it is for the demo and development only.",
    );
    return 1;
  }
  try {
    const result = await grantAppRole(url, role);
    console.log(
      `[db] granted role "${result.role}" what the app needs on ${result.tables} tables${result.sequences.length ? ` and ${result.sequences.join(", ")}` : ""} (${redactUrl(url)}); nothing else`,
    );
    return 0;
  } catch (error) {
    console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
