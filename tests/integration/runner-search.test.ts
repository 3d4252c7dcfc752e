/**
 * Finding runners the way clinicians type them (issue 12, item 4), on the
 * caseload and in the directory: "given family", "family, given" (the list's
 * format), part of the MRN without its prefix, any case, accents and
 * apostrophes ignored; and the plan at 50,000 runners uses the search index,
 * never a scan of the clinic (asserted on the plan, not on a time).
 */
import { getCaseload } from "@/lib/data/caseload";
import { createEpisode, createPatient, searchPatients } from "@/lib/data/patients";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { Prisma } from "@/prisma/generated/client";
import { runnerMatches } from "@/lib/data/search";
import { closeTestDb, createClinic, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
let other: TestClinic;
const mrn: Record<string, string> = {};
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
  const runners = [
    ["olivia", "Olivia", "Haddad", "RI-100231"],
    ["sean", "Seán", "O'Brien", "RI-004512"],
    ["jose", "José", "Núñez-García", "RI-100268"],
    ["oliver", "Oliver", "Hadley", "RI-200777"],
  ] as const;
  for (const [key, givenName, familyName, m] of runners) {
    const p = await createPatient(c.clinician, patientSchema.parse(patientInput({ givenName, familyName, mrn: m })));
    await createEpisode(c.clinician, { patientId: p.id, side: "left", complaint: "Inner knee pain", mechanism: "gradual" });
    mrn[key] = m;
  }
  // Another clinic's Olivia Haddad is never found.
  await createPatient(other.clinician, patientSchema.parse(patientInput({ givenName: "Olivia", familyName: "Haddad", mrn: "OT-100231" })));
});
afterAll(closeTestDb);

const directory = async (q: string) => (await searchPatients(c.viewer, { q })).items.map((p) => p.mrn).sort();
const caseload = async (q: string) =>
  (await getCaseload(c.viewer, caseloadQuerySchema.parse({ q, sort: "name" }))).items.map((r) => r.mrn).sort();

describe.each([
  ["directory", directory],
  ["caseload", caseload],
])("the %s search", (_where, find) => {
  it.each([
    ["given family", "Olivia Haddad", ["olivia"]],
    ["family, given (the list's format)", "Haddad, Olivia", ["olivia"]],
    ["any case", "HADDAD olivia", ["olivia"]],
    ["the start of each word", "had oli", ["oliver", "olivia"]],
    ["apostrophe left out", "obrien", ["sean"]],
    ["apostrophe typed", "O'Brien", ["sean"]],
    ["accents left out", "sean obrien", ["sean"]],
    ["accents typed", "José Núñez", ["jose"]],
    ["a part of a double name", "garcia", ["jose"]],
    ["a double name joined", "nunezgarcia", ["jose"]],
    ["the MRN as written", "RI-100231", ["olivia"]],
    ["the MRN without its prefix", "100231", ["olivia"]],
    ["the start of the MRN's number", "1002", ["jose", "olivia"]],
    ["the MRN's number without its zeros", "4512", ["sean"]],
    ["the MRN's number with its zeros", "004512", ["sean"]],
    ["the MRN without its hyphen", "ri100268", ["jose"]],
  ])("%s: %p", async (_label, q, keys) => {
    expect(await find(q)).toEqual(keys.map((k) => mrn[k]).sort());
  });

  it("finds nobody for a word no runner has, and ignores punctuation alone", async () => {
    expect(await find("Haddad Zebedee")).toEqual([]);
    expect(await find("olivia%")).toEqual([mrn.olivia]); // no LIKE wildcards: % is not a letter
  });
});

it("the directory still finds by birth date, and a punctuation-only search finds nobody", async () => {
  const p = await createPatient(
    c.clinician,
    patientSchema.parse(patientInput({ givenName: "Dot", familyName: "Date", mrn: "RI-900001", birthDate: "1971-07-09" })),
  );
  expect((await searchPatients(c.viewer, { q: "1971-07-09" })).items.map((x) => x.id)).toEqual([p.id]);
  expect((await searchPatients(c.viewer, { q: "'-," })).items).toEqual([]);
  // The caseload ignores it (all open episodes shown), as an empty search.
  expect((await getCaseload(c.viewer, caseloadQuerySchema.parse({ q: "'-," }))).items.length).toBe(4);
});

/** The plan of a statement, as text. */
async function plan(sql: Prisma.Sql): Promise<string> {
  const rows = await testDb().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

it("at 50,000 runners a search reads the search index, not the clinic", async () => {
  const big = await createClinic();
  await testDb().$executeRaw`
    INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "birthDate", sex, "updatedAt")
    SELECT gen_random_uuid(), ${big.clinicId}::uuid, 'BG-' || lpad(i::text, 6, '0'),
           (ARRAY['Olivia','Seán','José','Amara','Kenji','Maeve','Tomás','Ines'])[1 + i % 8] || i,
           (ARRAY['Haddad','O''Brien','Núñez','Okafor','Sato','Murphy','Silva','Moreau'])[1 + (i / 8) % 8] || (i % 997),
           date '1970-01-01' + (i % 15000), 'female', now()
      FROM generate_series(1, 50000) i`;
  await testDb().$executeRaw`
    INSERT INTO "Episode" (id, "clinicId", "patientId", side, complaint, "updatedAt")
    SELECT gen_random_uuid(), p."clinicId", p.id, 'left', 'Inner knee pain', now() FROM "Patient" p WHERE p."clinicId" = ${big.clinicId}::uuid`;
  await testDb().$executeRawUnsafe(`ANALYZE "Patient"`);
  await testDb().$executeRawUnsafe(`ANALYZE "Episode"`);
  const q = "Haddad, Olivia4";
  const directoryPlan = await plan(
    Prisma.sql`SELECT id FROM "Patient" WHERE "clinicId" = ${big.clinicId}::uuid AND ${runnerMatches('"Patient"', q)} ORDER BY "familyName", "givenName", id LIMIT 26`,
  );
  expect(directoryPlan).toContain("Patient_search_idx");
  expect(directoryPlan).not.toMatch(/Seq Scan on "Patient"/);
  const caseloadPlan = await plan(
    Prisma.sql`SELECT e.id FROM "Episode" e JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId"
                WHERE e."clinicId" = ${big.clinicId}::uuid AND e.status = 'open' AND ${runnerMatches("p", q)}
                ORDER BY e."sortName", e.id LIMIT 26`,
  );
  expect(caseloadPlan).toContain("Patient_search_idx");
  expect(caseloadPlan).not.toMatch(/Seq Scan on "(Patient|Episode)"/);
  // And the app's own functions answer from it.
  const found = await searchPatients(big.viewer, { q: "haddad64, olivia64" });
  const names = found.items.map((p) => `${p.givenName} ${p.familyName}`);
  expect(names).toContain("Olivia64 Haddad64");
  for (const n of names) expect(n).toMatch(/^Olivia64\d* Haddad64\d*$/); // every word the start of a word of the runner
}, 120_000);
