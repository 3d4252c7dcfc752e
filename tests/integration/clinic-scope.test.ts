/**
 * The statement capture behind the scale-out check (docs/scale-out.md): lib/db.ts
 * records every statement the app sends during the integration suite, raw SQL
 * included, and the global teardown fails the run when one forgets the clinic.
 */
import { read } from "@/lib/data/tx";
import { checkCapture, describeViolations, readCapture, readSchema } from "../helpers/clinic-scope";
import { closeTestDb, createClinic } from "../helpers/fixtures";

afterAll(closeTestDb);

function captureDir(): string {
  const dir = process.env.SQL_CAPTURE_DIR;
  if (!dir) throw new Error("SQL_CAPTURE_DIR is not set: the integration global setup turns the capture on");
  return dir;
}

it("records the app's raw SQL with the test file that sent it", async () => {
  const { clinicId } = await createClinic();
  const marker = `capture-${Date.now()}`;
  await read((c) => c.$queryRaw`SELECT count(*) AS n, ${marker}::text AS marker FROM "Patient" WHERE "clinicId" = ${clinicId}::uuid`);
  const captured = readCapture(captureDir()).filter((s) => s.sql.includes(`AS marker FROM "Patient" WHERE "clinicId" = $2::uuid`));
  expect(captured).toEqual([expect.objectContaining({ source: "tests/integration/clinic-scope.test.ts" })]);
});

it("fails the check, naming the statement and its test file, when a statement forgets the clinic", async () => {
  const schema = await readSchema(process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL!);
  const report = await checkCapture(
    [
      {
        sql: `SELECT "public"."Patient"."id" FROM "public"."Patient" WHERE "public"."Patient"."mrn" = $1`,
        source: "tests/integration/x.test.ts",
      },
      { sql: `UPDATE "Run" SET "distanceKm" = $1 WHERE id = $2::uuid AND "clinicId" = $3::uuid`, source: "tests/integration/y.test.ts" },
    ],
    schema,
  );
  expect(report.violations.map((v) => [v.source, v.findings.map((f) => f.problem)])).toEqual([
    ["tests/integration/x.test.ts", ['"Patient" is not filtered by "clinicId"']],
  ]);
  expect(describeViolations(report)).toMatch(
    /1 of 2 distinct statements .* "Patient" is not filtered by "clinicId"\n {4}sent by tests\/integration\/x\.test\.ts/s,
  );
});

it("knows every clinic-owned table of the schema and the tables without a clinic (the per-address throttles)", async () => {
  const schema = await readSchema(process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL!);
  const withoutClinic = [...schema].filter(([, t]) => !t.clinicKey).map(([name]) => name);
  expect(withoutClinic.sort()).toEqual(["RunnerLinkThrottle", "SignInThrottle", "_prisma_migrations"]);
  expect(schema.get("Clinic")?.clinicKey).toBe("id");
  expect(schema.get("Assessment")?.clinicKey).toBe("clinicId");
});
