/**
 * One login role per app server, granted by `npm run db:grant`'s code
 * (grantAppRole: exactly prisma/grants.ts, nothing else), for `npm run
 * cluster` and tests/e2e/cluster.test.ts. Roles are named after the database
 * (`<database>_app1`, `<database>_app2`, …: roles are cluster-wide, and the
 * test harness drops every role named after its database); made when
 * missing, given a new random password on every call, and granted again
 * (idempotent). Needs a connection as the tables' owner that may create roles
 * (a superuser or CREATEROLE), as on a developer's own PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { grantAppRole } from "../db/grant";

/** The role of server `index` (from 1) on `database`: a plain role name of at most 63 characters. */
export function serverRoleName(database: string, index: number): string {
  const suffix = `_app${index}`;
  return database.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 63 - suffix.length) + suffix;
}

/** The database's URL as each of `count` granted server roles. */
export async function grantServerRoles(ownerUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "cluster roles" });
  await client.connect();
  const made: { role: string; password: string }[] = [];
  try {
    const { rows } = await client.query<{ db: string }>(`SELECT current_database() AS db`);
    for (let i = 1; i <= count; i++) {
      const role = serverRoleName(rows[0]!.db, i);
      const password = randomBytes(18).toString("base64url");
      const exists = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      const r = client.escapeIdentifier(role);
      const p = client.escapeLiteral(password);
      await client.query(exists.rowCount ? `ALTER ROLE ${r} LOGIN PASSWORD ${p}` : `CREATE ROLE ${r} LOGIN PASSWORD ${p}`);
      made.push({ role, password });
    }
  } finally {
    await client.end();
  }
  const urls: string[] = [];
  for (const { role, password } of made) {
    await grantAppRole(ownerUrl, role);
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password;
    urls.push(url.toString());
  }
  return urls;
}
