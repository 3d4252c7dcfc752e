/**
 * The demo seed: idempotent, covers every red flag, risk factor and
 * consideration in each clinic, creates referrals in every state, and never
 * runs against a database that holds a real clinic.
 */
import pg from "pg";
import { CONSIDERATION_CODES, RED_FLAG_CODES, RISK_FACTOR_CODES } from "@/lib/clinical";
import { seed } from "../../prisma/seed";
import { applyMigrations } from "../../scripts/db/migrate";
import { adminUrl, createServerDatabase, serverIsReachable } from "../helpers/db";

jest.setTimeout(180_000);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

it("refuses to seed the shared test database, which holds non-demo clinics", async () => {
  const url = process.env.DATABASE_OWNER_URL!;
  await query(url, `INSERT INTO "Clinic" (name) VALUES ('A real clinic')`);
  await expect(seed(url, () => undefined)).rejects.toThrow(/Refusing to seed: this database holds \d+ clinic\(s\) that are not demo data/);
  expect(await query(url, `SELECT 1 FROM "Clinic" WHERE "isDemo"`)).toEqual([]);
});

it("seeds the demo clinics once, with every rule firing in each clinic", async () => {
  // A database of its own (on the PGlite fallback there is only one database: the refusal test above covers it).
  if (!(await serverIsReachable(adminUrl()))) return;
  const db = await createServerDatabase(adminUrl());
  try {
    await applyMigrations(db.url);
    const log: string[] = [];
    await seed(db.url, (l) => log.push(l));
    await seed(db.url, (l) => log.push(l));
    expect(log.filter((l) => l.includes("already present"))).toHaveLength(2);

    const clinics = await query<{ name: string; users: string; patients: string }>(
      db.url,
      `SELECT c.name, (SELECT count(*) FROM "User" u WHERE u."clinicId" = c.id) AS users, (SELECT count(*) FROM "Patient" p WHERE p."clinicId" = c.id) AS patients FROM "Clinic" c ORDER BY c.name`,
    );
    expect(clinics.map((c) => [c.name, Number(c.users)])).toEqual([
      ["Harbour Physiotherapy", 1],
      ["Riverside Sports Medicine", 3],
    ]);
    for (const c of clinics) expect(Number(c.patients)).toBeGreaterThanOrEqual(38);
    // The demo signs in with email and password alone (new clinics require two-factor sign-in of admins).
    expect(await query(db.url, `SELECT DISTINCT "twoFactorRequired"::text AS policy FROM "Clinic"`)).toEqual([{ policy: "off" }]);

    const ages = await query<{ min: number; max: number }>(
      db.url,
      `SELECT min(date_part('year', age(now(), "birthDate")))::int AS min, max(date_part('year', age(now(), "birthDate")))::int AS max FROM "Patient"`,
    );
    expect(ages[0]!.min).toBeGreaterThanOrEqual(14);
    expect(ages[0]!.max).toBeLessThanOrEqual(70);

    for (const [list, codes] of [
      ["redFlags", RED_FLAG_CODES],
      ["riskFactors", RISK_FACTOR_CODES],
      ["considerations", CONSIDERATION_CODES],
    ] as const) {
      const rows = await query<{ name: string; codes: string[] }>(
        db.url,
        `SELECT c.name, array_agg(DISTINCT x->>'code') AS codes FROM "Assessment" a JOIN "Clinic" c ON c.id = a."clinicId",
           jsonb_array_elements(a.evaluation->'${list}') x WHERE a.status = 'signed' GROUP BY c.name`,
      );
      expect(rows).toHaveLength(2);
      for (const r of rows) expect([...r.codes].sort()).toEqual([...codes].sort());
    }

    const follow = await query<{ n: number }>(
      db.url,
      `SELECT min(n)::int AS n FROM (SELECT count(*) FILTER (WHERE kind = 'follow_up') AS n FROM "Assessment" GROUP BY "episodeId") t`,
    );
    expect(follow[0]!.n).toBeGreaterThanOrEqual(1);
    const referrals = await query<{ status: string; urgency: string }>(
      db.url,
      `SELECT DISTINCT status::text, urgency::text FROM "Referral"`,
    );
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(["draft", "signed", "sent", "cancelled"]));
    expect(referrals.some((r) => r.urgency === "urgent" && r.status !== "draft")).toBe(true);
    const states = await query<{ worsening: number; overdue: number; drafts: number }>(
      db.url,
      `SELECT count(*) FILTER (WHERE worsening)::int AS worsening, count(*) FILTER (WHERE "reviewSort" < current_date)::int AS overdue, count(*) FILTER (WHERE "draftCount" > 0)::int AS drafts FROM "Episode" WHERE status = 'open'`,
    );
    expect(states[0]!.worsening).toBeGreaterThan(0);
    expect(states[0]!.overdue).toBeGreaterThan(0);
    expect(states[0]!.drafts).toBeGreaterThan(0);
  } finally {
    await db.drop();
  }
});
