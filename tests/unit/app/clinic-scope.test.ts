/**
 * The checker behind the integration suite's statement check (tests/helpers/clinic-scope.ts,
 * run by tests/setup/integration-global-teardown.ts): it must flag a statement that
 * forgets the clinic, and pass the shapes the app really sends.
 */
import fs from "node:fs";
import path from "node:path";
import { checkStatement, GLOBAL_LOOKUPS, loadParser, type Schema } from "../../helpers/clinic-scope";

const table = (clinicKey: string | null, ...columns: string[]) => ({
  clinicKey,
  columns: new Set([...columns, ...(clinicKey ? [clinicKey] : [])]),
});

const schema: Schema = new Map([
  ["Clinic", table("id", "name", "timezone")],
  ["User", table("clinicId", "id", "email", "name", "failedLoginCount", "lockedUntil", "active")],
  ["Session", table("clinicId", "id", "userId", "endedAt", "expiresAt")],
  ["Patient", table("clinicId", "id", "mrn", "familyName")],
  ["Episode", table("clinicId", "id", "patientId", "status")],
  ["Assessment", table("clinicId", "id", "episodeId", "version", "status")],
  ["AuditEvent", table("clinicId", "id", "userId", "action")],
  ["SignInThrottle", table(null, "address", "windowStart", "attempts")],
]);

beforeAll(loadParser);

const check = (sql: string) => checkStatement(sql, schema);
const problems = (sql: string) => check(sql).findings.map((f) => f.problem);

describe("statements that route to one clinic", () => {
  it.each([
    [
      "Prisma's filter, schema-qualified",
      `SELECT "public"."Patient"."id" FROM "public"."Patient" WHERE ("public"."Patient"."clinicId" = $1 AND "public"."Patient"."id" = $2) LIMIT $3`,
    ],
    [
      "Prisma's relation load with IN lists",
      `SELECT "public"."Episode"."id" FROM "public"."Episode" WHERE ("public"."Episode"."clinicId" IN ($1) AND "public"."Episode"."patientId" IN ($2,$3)) OFFSET $4`,
    ],
    ["= ANY of an array parameter", `SELECT id FROM "Patient" WHERE "clinicId" = ANY($1::uuid[])`],
    [
      "a join on the clinic",
      `SELECT e.id FROM "Episode" e JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId" WHERE e."clinicId" = $1::uuid`,
    ],
    [
      "row equality",
      `SELECT e.id FROM "Episode" e, "Patient" p WHERE (p."clinicId", p.id) = (e."clinicId", e."patientId") AND e."clinicId" = $1`,
    ],
    [
      "a correlated EXISTS",
      `SELECT p.id FROM "Patient" p WHERE p."clinicId" = $1 AND EXISTS (SELECT 1 FROM "Episode" e WHERE e."clinicId" = p."clinicId" AND e."patientId" = p.id)`,
    ],
    [
      "a sub-query in FROM",
      `SELECT count(*) FROM (SELECT "public"."Episode"."id" FROM "public"."Episode" WHERE "public"."Episode"."clinicId" = $1) AS "sub"`,
    ],
    ["the clinic row by its id", `SELECT "public"."Clinic"."timezone" FROM "public"."Clinic" WHERE "public"."Clinic"."id" = $1 LIMIT $2`],
    [
      "an update",
      `UPDATE "public"."Assessment" SET "version" = $1 WHERE ("public"."Assessment"."clinicId" = $2 AND "public"."Assessment"."id" = $3 AND "public"."Assessment"."version" = $4)`,
    ],
    ["a delete", `DELETE FROM "public"."Assessment" WHERE ("public"."Assessment"."id" = $1 AND "public"."Assessment"."clinicId" = $2)`],
    [
      "an insert naming the clinic",
      `INSERT INTO "public"."AuditEvent" ("clinicId","userId","action") VALUES ($1,$2,$3) RETURNING "public"."AuditEvent"."id"`,
    ],
    [
      "an insert from a select",
      `INSERT INTO "AuditEvent" ("clinicId", "userId", action) SELECT $1::uuid, $2::uuid, 'x' WHERE $2::uuid IS NOT NULL`,
    ],
    [
      "a table without a clinic",
      `INSERT INTO "SignInThrottle" AS t (address, "windowStart", attempts) VALUES ($1, now(), 1) ON CONFLICT (address) DO UPDATE SET attempts = t.attempts + 1`,
    ],
    ["transaction control", `COMMIT`],
  ])("%s", (_name, sql) => {
    expect(problems(sql)).toEqual([]);
  });

  it("routes a session look-up and everything joined to it on the clinic", () => {
    const result = check(`
      SELECT u.id, c.name FROM "Session" s
        JOIN "User" u ON u.id = s."userId" AND u."clinicId" = s."clinicId"
        JOIN "Clinic" c ON c.id = u."clinicId"
       WHERE s.id = $1::uuid AND s."endedAt" IS NULL`);
    expect(result).toEqual({ ok: true, findings: [], lookups: ["Session.id"] });
  });

  it("carries a look-up by e-mail through CTEs (SELECT *) into the UPDATE that joins it on the clinic", () => {
    const result = check(`
      WITH target AS (SELECT id, "clinicId", active FROM "User" WHERE email = $1 FOR UPDATE),
           decided AS (SELECT *, active AS allowed FROM target),
           counted AS (UPDATE "User" u SET "failedLoginCount" = 1 FROM decided d
                        WHERE u.id = d.id AND u."clinicId" = d."clinicId" AND d.allowed RETURNING u.id)
      SELECT d.id FROM decided d LEFT JOIN counted c ON c.id = d.id`);
    expect(result).toEqual({ ok: true, findings: [], lookups: ["User.email"] });
  });
});

describe("statements that forget the clinic", () => {
  it.each([
    [
      "a look-up by id alone",
      `SELECT "public"."Patient"."id" FROM "public"."Patient" WHERE "public"."Patient"."id" = $1`,
      ['"Patient" is not filtered by "clinicId"'],
    ],
    [
      "a relation load by foreign key alone",
      `SELECT "public"."Episode"."id" FROM "public"."Episode" WHERE "public"."Episode"."patientId" IN ($1)`,
      ['"Episode" is not filtered by "clinicId"'],
    ],
    ["an update by id (raw SQL)", `UPDATE "User" SET "lockedUntil" = now() WHERE id = $1::uuid`, ['"User" is not filtered by "clinicId"']],
    ["a delete by id", `DELETE FROM "Assessment" WHERE id = $1`, ['"Assessment" is not filtered by "clinicId"']],
    ["the clinic only under OR", `SELECT id FROM "Patient" WHERE "clinicId" = $1 OR mrn = $2`, ['"Patient" is not filtered by "clinicId"']],
    [
      "a join whose second table is not on the clinic",
      `SELECT e.id FROM "Episode" e JOIN "Patient" p ON p.id = e."patientId" WHERE e."clinicId" = $1`,
      ['"Patient" (as p) is not filtered by "clinicId"'],
    ],
    [
      "a sub-query that forgets it",
      `SELECT p.id FROM "Patient" p WHERE p."clinicId" = $1 AND p.id IN (SELECT "patientId" FROM "Episode" WHERE status = 'open')`,
      ['"Episode" is not filtered by "clinicId"'],
    ],
    [
      "a CTE update joined by id only",
      `WITH t AS (SELECT id, "clinicId" FROM "User" WHERE email = $1) UPDATE "User" u SET active = false FROM t WHERE u.id = t.id`,
      ['"User" (as u) is not filtered by "clinicId"'],
    ],
    ["a global look-up key on another table", `SELECT id FROM "Patient" WHERE email = $1`, ['"Patient" is not filtered by "clinicId"']],
    [
      "an insert without the clinic column",
      `INSERT INTO "AuditEvent" ("userId", action) VALUES ($1, $2)`,
      ['INSERT without its "clinicId" column'],
    ],
    ["every clinic's rows", `SELECT count(*) FROM "Episode"`, ['"Episode" is not filtered by "clinicId"']],
    ["the clinic table by name", `SELECT id FROM "Clinic" WHERE name = $1`, ['"Clinic" is not filtered by "id"']],
  ])("%s", (_name, sql, expected) => {
    expect(problems(sql)).toEqual(expected);
  });

  it("reports a statement that does not parse", () => {
    expect(problems("SELEKT 1")[0]).toMatch(/^does not parse: /);
  });
});

describe("docs/scale-out.md", () => {
  it("lists exactly the global look-ups the check accepts", () => {
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "scale-out.md"), "utf8");
    const section = doc.slice(doc.indexOf("### The global look-ups"), doc.indexOf("### The check that keeps it true"));
    const rows = [...section.matchAll(/^\| `(\w+)` \| `(\w+)` \|/gm)].map((m) => `${m[1]}.${m[2]}`);
    expect(rows.sort()).toEqual(GLOBAL_LOOKUPS.map((g) => `${g.table}.${g.column}`).sort());
  });
});
