/**
 * The least-privileged database role (issue 10, item 3), on PostgreSQL:
 *
 * - every table has an entry in the one grants list (prisma/grants.ts);
 * - the run's app role (made by the integration setup with scripts/db/grant.ts)
 *   holds exactly that list, owns nothing, and cannot switch triggers off,
 *   truncate, rewrite the audit trail or change the schema (SQL as that role);
 * - `npm run db:grant` is idempotent and refuses roles that must not run the app;
 * - `npm start` with NODE_ENV=production refuses the embedded database, a
 *   superuser and a table owner.
 *
 * Roles are cluster-wide: every role made here is named after the run's
 * database and dropped with it (tests/helpers/db.ts).
 */
import pg from "pg";
import { APP_TABLE_GRANTS } from "../../prisma/grants";
import { grantsCoverage, missingEntryMessage, schemaTables } from "../../scripts/db/grant";
import { adminUrl, createLoginRole, withDatabase, type TestDatabase } from "../helpers/db";
import { ownerUrl } from "../helpers/fixtures";
import { runScript } from "../helpers/scripts";

jest.setTimeout(120_000);

const appRole = process.env.TEST_APP_ROLE;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE PostgreSQL answers a statement with (null when it succeeds). */
async function stateOf(client: pg.Client, sql: string): Promise<string | null> {
  await client.query("SAVEPOINT probe");
  try {
    await client.query(sql);
    await client.query("RELEASE SAVEPOINT probe");
    return null;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT probe");
    return (error as { code?: string }).code ?? "no code";
  }
}

it("every table of the schema has an entry in prisma/grants.ts, and every entry a table", async () => {
  const tables = await withClient(ownerUrl(), schemaTables);
  expect(tables.length).toBeGreaterThan(5);
  const { missing, unknown } = grantsCoverage(tables);
  // The message is the instruction: which table, which file, what line to add.
  expect(missing.length ? missingEntryMessage(missing) : "").toBe("");
  expect(unknown).toEqual([]);
});

it("explains a missing entry with the line to add", () => {
  expect(missingEntryMessage(["NotYetListed"])).toContain(`table "NotYetListed" has no entry in APP_TABLE_GRANTS (prisma/grants.ts)`);
  expect(missingEntryMessage(["NotYetListed"])).toContain(`  NotYetListed: ["SELECT", "INSERT", "UPDATE"],`);
  expect(grantsCoverage(["Clinic", "NotYetListed"]).missing).toEqual(["NotYetListed"]);
});

/** The privileges `role` holds on each table of the schema (of SELECT INSERT UPDATE DELETE TRUNCATE REFERENCES TRIGGER). */
async function privilegesOf(url: string, role: string): Promise<Record<string, string[]>> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ name: string; privileges: string[] }>(
      `SELECT t.relname AS name,
              array(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                     WHERE has_table_privilege($1, t.oid, p)) AS privileges
         FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p')`,
      [role],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.privileges]));
  });
}

const expectedPrivileges = () => Object.fromEntries(Object.entries(APP_TABLE_GRANTS).map(([table, p]) => [table, [...p]]));

if (!appRole) {
  it("needs PostgreSQL for the role tests: the embedded fallback makes every connection a superuser", async () => {
    const [row] = await withClient(
      process.env.DATABASE_URL!,
      async (c) => (await c.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows,
    );
    expect(row).toEqual({ rolsuper: true });
  });
} else {
  /** The run's database, for making roles named after it (dropped with it by the global teardown). */
  const database = (): TestDatabase => {
    const name = new URL(ownerUrl()).pathname.slice(1);
    return { url: ownerUrl(), label: name, drop: async () => undefined, postgres: { name, adminUrl: adminUrl() } };
  };

  describe("the app role (what the running app, or anyone holding its password, can do)", () => {
    it("holds exactly the privileges of the list, is no superuser and owns nothing", async () => {
      expect(await privilegesOf(ownerUrl(), appRole)).toEqual(expectedPrivileges());
      const [facts] = await withClient(process.env.DATABASE_URL!, async (c) => {
        const r = await c.query(
          `SELECT current_user AS user, rolsuper, rolcreaterole,
                  (SELECT count(*)::int FROM pg_class WHERE pg_has_role(current_user, relowner, 'MEMBER') AND relnamespace = 'public'::regnamespace) AS owned,
                  has_schema_privilege(current_user, 'public', 'CREATE') AS "canCreate"
             FROM pg_roles WHERE rolname = current_user`,
        );
        return r.rows;
      });
      expect(facts).toEqual({ user: appRole, rolsuper: false, rolcreaterole: false, owned: 0, canCreate: false });
    });

    it("cannot switch triggers off, truncate, rewrite the audit trail, delete users or change the schema", async () => {
      const refusals = await withClient(process.env.DATABASE_URL!, async (c) => {
        await c.query("BEGIN");
        const statements = [
          `ALTER TABLE "Assessment" DISABLE TRIGGER assessment_guard`,
          `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
          `ALTER TABLE "Referral" DISABLE TRIGGER USER`,
          `SET session_replication_role = replica`,
          `SET LOCAL session_replication_role = replica`,
          `SELECT set_config('session_replication_role', 'replica', true)`,
          `DROP TRIGGER audit_event_append_only ON "AuditEvent"`,
          `CREATE OR REPLACE FUNCTION kc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
          `CREATE TRIGGER sneaky BEFORE INSERT ON "Run" FOR EACH ROW EXECUTE FUNCTION kc_append_only()`,
          ...Object.keys(APP_TABLE_GRANTS).map((t) => `TRUNCATE "${t}"`),
          `UPDATE "AuditEvent" SET action = 'tampered'`,
          `DELETE FROM "AuditEvent"`,
          `UPDATE "Addendum" SET text = 'rewritten'`,
          `DELETE FROM "Addendum"`,
          `DELETE FROM "User"`,
          `DELETE FROM "Patient"`,
          `DELETE FROM "Episode"`,
          `DELETE FROM "Clinic"`,
          `INSERT INTO "Clinic" (name) VALUES ('made by the app role')`,
          `SELECT * FROM "_prisma_migrations"`,
          `DELETE FROM "_prisma_migrations"`,
          `CREATE TABLE intruder (id int)`,
          `ALTER TABLE "Assessment" ADD COLUMN backdoor text`,
          `DROP TABLE "Run"`,
          `ALTER TABLE "AuditEvent" OWNER TO CURRENT_USER`,
          `SET ROLE postgres`,
          `ALTER ROLE CURRENT_USER SUPERUSER`,
        ];
        const out: Record<string, string | null> = {};
        for (const sql of statements) out[sql] = await stateOf(c, sql);
        // GRANT without the grant option only warns ("no privileges were granted"): the privilege stays out of reach.
        await c.query(`GRANT TRUNCATE, UPDATE, DELETE ON "AuditEvent" TO CURRENT_USER`);
        const { rows } = await c.query(
          `SELECT has_table_privilege('"AuditEvent"', 'TRUNCATE') OR has_table_privilege('"AuditEvent"', 'UPDATE') OR has_table_privilege('"AuditEvent"', 'DELETE') AS gained`,
        );
        out["GRANT TRUNCATE, UPDATE, DELETE ON AuditEvent TO CURRENT_USER"] = rows[0].gained ? null : "42501";
        await c.query("ROLLBACK");
        return out;
      });
      // 42501: insufficient_privilege (must be owner, superuser, or hold the privilege).
      const notRefused = Object.entries(refusals).filter(([, state]) => state !== "42501");
      expect(notRefused).toEqual([]);
    });
  });

  describe("npm run db:grant", () => {
    const grant = (role: string, env: Record<string, string> = { DATABASE_OWNER_URL: ownerUrl(), DATABASE_URL: "" }) =>
      runScript(["scripts/db/grant.ts", role], env).done;

    it("grants a new role exactly the list, idempotently, and takes back anything granted beyond it", async () => {
      const { role } = await createLoginRole(database(), "granted");
      const first = await grant(role);
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toContain(`granted role "${role}" what the app needs`);
      expect(await privilegesOf(ownerUrl(), role)).toEqual(expectedPrivileges());
      const second = await grant(role);
      expect(second.code).toBe(0);
      expect(await privilegesOf(ownerUrl(), role)).toEqual(expectedPrivileges());
      await withClient(ownerUrl(), (c) =>
        c.query(`GRANT TRUNCATE, DELETE ON "AuditEvent" TO "${role}"; GRANT ALL ON "_prisma_migrations" TO "${role}"`),
      );
      expect((await grant(role)).code).toBe(0);
      expect(await privilegesOf(ownerUrl(), role)).toEqual(expectedPrivileges());
    });

    it("uses DATABASE_URL when DATABASE_OWNER_URL is unset, and refuses without either", async () => {
      const { role } = await createLoginRole(database(), "granted2");
      expect((await grant(role, { DATABASE_OWNER_URL: "", DATABASE_URL: ownerUrl() })).code).toBe(0);
      const none = await grant(role, { DATABASE_OWNER_URL: "", DATABASE_URL: "" });
      expect(none.code).toBe(1);
      expect(none.stderr).toContain("db:grant needs PostgreSQL: set DATABASE_OWNER_URL");
    });

    it("refuses a missing role, a superuser, a role that can create roles, and a member of the tables' owner", async () => {
      const db = database();
      const missing = await grant(`${db.postgres!.name}_nobody`);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("does not exist. Create it first");
      const su = await createLoginRole(db, "su", "SUPERUSER");
      expect((await grant(su.role)).stderr).toContain("is a superuser");
      const cr = await createLoginRole(db, "cr", "CREATEROLE");
      expect((await grant(cr.role)).stderr).toContain("can create roles");
      // A scratch database whose tables belong to a plain role: its members count as owners.
      const owner = await createLoginRole(db, "owner");
      const scratch = `${db.postgres!.name}_scratch`;
      await withClient(db.postgres!.adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}" OWNER "${owner.role}"`));
      await withClient(owner.dbUrl(scratch), (c) => c.query(`CREATE TABLE "Clinic" (id int)`));
      const member = await createLoginRole(db, "member");
      await withClient(db.postgres!.adminUrl, (c) => c.query(`GRANT "${owner.role}" TO "${member.role}"`));
      const refused = await grant(member.role, { DATABASE_OWNER_URL: withDatabase(ownerUrl(), scratch), DATABASE_URL: "" });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`role "${member.role}" owns (or is a member of the owner of) Clinic`);
      expect(await privilegesOf(ownerUrl(), member.role)).toEqual(Object.fromEntries(Object.keys(APP_TABLE_GRANTS).map((t) => [t, []])));
    });
  });

  describe("npm start with NODE_ENV=production (scripts/with-db.ts --app)", () => {
    const start = (env: Record<string, string>) =>
      runScript(
        ["scripts/with-db.ts", "--app", "node", "-e", "console.log('app started as', process.env.DATABASE_URL.replace(/:[^:@/]*@/, '@'))"],
        {
          NODE_ENV: "production",
          ...env,
        },
      ).done;

    it("refuses the embedded database", async () => {
      const run = await start({ DATABASE_URL: "" });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "NODE_ENV=production: refusing to start. DATABASE_URL is not set, so the embedded database would be used",
      );
      expect(run.stdout).not.toContain("app started");
    });

    it("refuses a superuser and a table owner, naming the problem", async () => {
      const su = await start({ DATABASE_URL: ownerUrl() });
      expect(su.code).toBe(1);
      expect(su.stderr).toMatch(/connects as a role that must not run the app: role "\w+" is a superuser/);
      const db = database();
      const owner = await createLoginRole(db, "startowner");
      const scratch = `${db.postgres!.name}_start`;
      await withClient(db.postgres!.adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}" OWNER "${owner.role}"`));
      await withClient(owner.dbUrl(scratch), (c) => c.query(`CREATE TABLE "Patient" (id int)`));
      const own = await start({ DATABASE_URL: owner.dbUrl(scratch) });
      expect(own.code).toBe(1);
      expect(own.stderr).toContain(`role "${owner.role}" owns (or is a member of the owner of) Patient`);
      expect(own.stdout).not.toContain("app started");
    });

    it("starts as the granted app role; --owner hands the command DATABASE_OWNER_URL", async () => {
      const ok = await start({ DATABASE_URL: process.env.DATABASE_URL! });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`app started as postgres://${appRole}@`);
      const owner = await runScript(["scripts/with-db.ts", "--owner", "node", "-e", "console.log('db=' + process.env.DATABASE_URL)"], {
        DATABASE_OWNER_URL: ownerUrl(),
        DATABASE_URL: process.env.DATABASE_URL!,
      }).done;
      expect(owner.code).toBe(0);
      expect(owner.stdout).toContain(`db=${ownerUrl()}`);
    });
  });
}
