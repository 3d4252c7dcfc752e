/**
 * Column headers sort; paging says where you are (issue 12, item 4), on the
 * caseload and in the runner directory. Every sort, both directions, read a
 * few rows a page forward to the end and back to the start, returns each row
 * once, in the order the sort promises, with ties (same name, same date,
 * same urgency) broken by id across page boundaries and the absent dates
 * (never seen, no review planned) last in both directions, a page boundary
 * falling on the last date or inside them skipping and repeating none; the
 * position ("5–8 of 17 · page 2 of 5") is right on every page; a filter keeps
 * counting only what it shows; another clinic's rows never appear. The page
 * queries read an index in order (no sort of the clinic), asserted on the plan.
 */
import { getCaseload, type CaseloadRow } from "@/lib/data/caseload";
import { sortedKey, type KeyColumn } from "@/lib/data/keyset";
import { searchPatients, type PatientListItem } from "@/lib/data/patients";
import { ValidationError } from "@/lib/errors";
import { parseListQuery } from "@/lib/validation/common";
import { CASELOAD_SORT, CASELOAD_SORT_DIR, caseloadQuerySchema } from "@/lib/validation/caseload";
import { DIRECTORY_SORT, DIRECTORY_SORT_DIR, patientSearchSchema } from "@/lib/validation/patients";
import { patientListQuerySchema } from "@/lib/validation/api";
import { Prisma } from "@/prisma/generated/client";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";

const N = 17;
const LIMIT = 4;
let c: TestClinic;
let other: TestClinic;

/** N runners with one open episode each, their sort keys set to tie often; the other clinic gets the same. */
async function fill(t: TestClinic, prefix: string) {
  await testDb().$executeRaw`
    INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "birthDate", sex, "updatedAt")
    SELECT gen_random_uuid(), ${t.clinicId}::uuid, ${prefix} || lpad(i::text, 3, '0'),
           (ARRAY['Ann','Ben'])[1 + i % 2], (ARRAY['Adams','Baker','Clark'])[1 + i % 3],
           date '1980-01-01' + (i % 4), 'female', now()
      FROM generate_series(1, ${N}::int) i`;
  await testDb().$executeRaw`
    INSERT INTO "Episode" (id, "clinicId", "patientId", side, complaint, "updatedAt",
                           "worklistRank", "reviewSort", "seenSort", "sortName", worsening)
    SELECT gen_random_uuid(), p."clinicId", p.id, 'left', 'Inner knee pain', now(),
           (ARRAY[10, 20, 40])[1 + n % 3],
           CASE WHEN n % 4 = 0 THEN date '9999-12-31' ELSE date '2026-03-01' + (n % 3) END,
           CASE WHEN n % 5 = 0 THEN date '0001-01-01' ELSE date '2026-02-01' + (n % 2) END,
           lower(p."familyName" || ' ' || p."givenName"), n % 2 = 0
      FROM (SELECT p.*, (row_number() OVER (ORDER BY mrn))::int AS n FROM "Patient" p WHERE p."clinicId" = ${t.clinicId}::uuid) p`;
}

type EpisodeKeys = { id: string; worklistRank: number; reviewSort: string; seenSort: string; sortName: string; worsening: boolean };
let episodes: EpisodeKeys[];
type PatientKeys = { id: string; familyName: string; givenName: string; mrn: string; birthDate: string };
let patients: PatientKeys[];

beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
  await fill(c, "SO-");
  await fill(other, "OT-");
  episodes = await testDb().$queryRaw<EpisodeKeys[]>`
    SELECT id::text, "worklistRank", to_char("reviewSort", 'YYYY-MM-DD') AS "reviewSort",
           to_char("seenSort", 'YYYY-MM-DD') AS "seenSort", "sortName", worsening
      FROM "Episode" WHERE "clinicId" = ${c.clinicId}::uuid`;
  patients = await testDb().$queryRaw<PatientKeys[]>`
    SELECT id::text, "familyName", "givenName", mrn, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate"
      FROM "Patient" WHERE "clinicId" = ${c.clinicId}::uuid`;
}, 60_000);
afterAll(closeTestDb);

/** Rows ordered by their keys (each compared as PostgreSQL does for these ASCII values), reversed for desc. */
function ordered<T>(rows: T[], keys: (r: T, dir: "asc" | "desc") => (string | number)[], dir: "asc" | "desc"): T[] {
  const cmp = (a: T, b: T) => {
    const [x, y] = [keys(a, dir), keys(b, dir)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  };
  const sorted = [...rows].sort(cmp);
  return dir === "asc" ? sorted : sorted.reverse();
}

/** An absent date (either sentinel) sorted last: the latest date ascending, the earliest descending. */
const SENTINELS = ["0001-01-01", "9999-12-31"];
const emptyLast = (date: string, dir: "asc" | "desc") => (SENTINELS.includes(date) ? (dir === "asc" ? "9999-12-31" : "0001-01-01") : date);
const EPISODE_KEYS = {
  urgency: (e: EpisodeKeys, dir: "asc" | "desc") => [e.worklistRank, emptyLast(e.reviewSort, dir), e.id],
  review: (e: EpisodeKeys, dir: "asc" | "desc") => [emptyLast(e.reviewSort, dir), e.id],
  seen: (e: EpisodeKeys, dir: "asc" | "desc") => [emptyLast(e.seenSort, dir), e.id],
  name: (e: EpisodeKeys) => [e.sortName, e.id],
};
const PATIENT_KEYS = {
  name: (p: PatientKeys) => [p.familyName, p.givenName, p.id],
  mrn: (p: PatientKeys) => [p.mrn],
  born: (p: PatientKeys) => [p.birthDate, p.id],
};

type Page = { ids: string[]; next: string | null; prev: string | null; where: string };
type Read = (page: { cursor?: string; before?: string }) => Promise<Page>;
const where = (p: { first: number; last: number; total: number; page: number; pages: number }) =>
  `${p.first}-${p.last}/${p.total} p${p.page}/${p.pages}`;

/** Reads the list forward to the end then back to the start; checks every page's rows and position against `expected`. */
async function walk(read: Read, expected: string[]) {
  const pages: Page[] = [];
  let page = await read({});
  pages.push(page);
  while (page.next) {
    page = await read({ cursor: page.next });
    pages.push(page);
  }
  const pageCount = Math.ceil(expected.length / LIMIT);
  expect(pages.flatMap((p) => p.ids)).toEqual(expected);
  pages.forEach((p, i) => {
    const first = i * LIMIT + 1;
    expect(p.where).toBe(`${first}-${Math.min(first + LIMIT - 1, expected.length)}/${expected.length} p${i + 1}/${pageCount}`);
    expect(p.prev === null).toBe(i === 0);
  });
  // Back from the last page: the same pages, in reverse.
  for (let i = pages.length - 2; i >= 0; i--) {
    page = await read({ before: page.prev! });
    expect(page.ids).toEqual(pages[i]!.ids);
    expect(page.where).toBe(pages[i]!.where);
    expect(page.next).not.toBeNull();
  }
  expect(page.prev).toBeNull();
}

describe("the caseload", () => {
  const read =
    (x: Record<string, string>): Read =>
    async (cursors) => {
      const q = caseloadQuerySchema.parse({ ...x, ...cursors, limit: String(LIMIT) });
      const r = await getCaseload(c.viewer, q);
      return { ids: r.items.map((i: CaseloadRow) => i.episodeId), next: r.nextCursor, prev: r.prevCursor, where: where(r.position) };
    };

  for (const sort of CASELOAD_SORT)
    for (const dir of ["asc", "desc"] as const)
      it(`sorts by ${sort} ${dir}, ties and absent dates included, a page at a time both ways`, async () => {
        await walk(
          read({ sort, dir }),
          ordered(episodes, EPISODE_KEYS[sort], dir).map((e) => e.id),
        );
      });

  it("reads each sort in its own direction when none is given (urgency first, last seen recent first)", async () => {
    expect(caseloadQuerySchema.parse({}).sort).toBe("urgency");
    for (const sort of CASELOAD_SORT) {
      const r = await getCaseload(c.viewer, caseloadQuerySchema.parse({ sort, limit: "100" }));
      expect(r.items.map((i) => i.episodeId)).toEqual(ordered(episodes, EPISODE_KEYS[sort], CASELOAD_SORT_DIR[sort]).map((e) => e.id));
    }
    // Never seen goes last when recent first; no review planned last when soonest first.
    const seen = await getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "seen", limit: "100" }));
    expect(seen.items.at(-1)!.lastSeenOn).toBeNull();
  });

  const absent = { review: (e: EpisodeKeys) => e.reviewSort === "9999-12-31", seen: (e: EpisodeKeys) => e.seenSort === "0001-01-01" };
  for (const sort of ["review", "seen"] as const)
    for (const dir of ["asc", "desc"] as const)
      it(`puts the absent ${sort} dates last when sorted ${dir}, a page ending on the last date`, async () => {
        const dated = ordered(
          episodes.filter((e) => !absent[sort](e)),
          EPISODE_KEYS[sort],
          dir,
        ).map((e) => e.id);
        const empty = ordered(episodes.filter(absent[sort]), EPISODE_KEYS[sort], dir).map((e) => e.id);
        expect(empty.length).toBeGreaterThan(1);
        // A page exactly as long as the dated rows: the boundary falls between two pages.
        const page = (cursors: { cursor?: string; before?: string }) =>
          getCaseload(c.viewer, caseloadQuerySchema.parse({ sort, dir, ...cursors, limit: String(dated.length) }));
        const first = await page({});
        expect(first.items.map((i) => i.episodeId)).toEqual(dated);
        const second = await page({ cursor: first.nextCursor! });
        expect(second.items.map((i) => i.episodeId)).toEqual(empty);
        expect(second.nextCursor).toBeNull();
        expect((await page({ before: second.prevCursor! })).items.map((i) => i.episodeId)).toEqual(dated);
        // Pages of one row cross it one row at a time, both ways (walk checks every page).
        const one = (cursors: { cursor?: string; before?: string }) =>
          getCaseload(c.viewer, caseloadQuerySchema.parse({ sort, dir, ...cursors, limit: "1" }));
        let at = await one({ cursor: first.nextCursor! });
        expect(at.items.map((i) => i.episodeId)).toEqual([empty[0]]);
        at = await one({ before: at.prevCursor! });
        expect(at.items.map((i) => i.episodeId)).toEqual([dated.at(-1)]);
        at = await one({ cursor: at.nextCursor! });
        expect(at.items.map((i) => i.episodeId)).toEqual([empty[0]]);
      });

  it("counts only what a filter shows, and pages within it", async () => {
    await walk(
      read({ sort: "name", worsening: "1" }),
      ordered(
        episodes.filter((e) => e.worsening),
        EPISODE_KEYS.name,
        "asc",
      ).map((e) => e.id),
    );
  });

  it("refuses a cursor of another sort or direction, and a page asked both ways", async () => {
    const first = await getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "review", limit: "4" }));
    const next = first.nextCursor!;
    await expect(getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "seen", cursor: next }))).rejects.toBeInstanceOf(ValidationError);
    await expect(getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "review", dir: "desc", cursor: next }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "review", before: "bm90LWEtY3Vyc29y" }))).rejects.toMatchObject({
      issues: [{ path: "before" }],
    });
    expect(caseloadQuerySchema.safeParse({ cursor: next, before: next }).success).toBe(false);
  });

  it("never shows another clinic's episodes", async () => {
    const theirs = new Set(
      (await testDb().episode.findMany({ where: { clinicId: other.clinicId }, select: { id: true } })).map((e) => e.id),
    );
    const r = await getCaseload(c.viewer, caseloadQuerySchema.parse({ sort: "name", limit: "100" }));
    expect(r.position.total).toBe(N);
    expect(r.items.some((i) => theirs.has(i.episodeId))).toBe(false);
  });
});

describe("the runner directory", () => {
  const read =
    (x: { sort: (typeof DIRECTORY_SORT)[number]; dir: "asc" | "desc"; q?: string }): Read =>
    async (cursors) => {
      const r = await searchPatients(c.viewer, { ...x, ...cursors, limit: LIMIT });
      return { ids: r.items.map((i: PatientListItem) => i.id), next: r.nextCursor, prev: r.prevCursor, where: where(r.position) };
    };

  for (const sort of DIRECTORY_SORT)
    for (const dir of ["asc", "desc"] as const)
      it(`sorts by ${sort} ${dir}, ties included, a page at a time both ways`, async () => {
        await walk(
          read({ sort, dir }),
          ordered(patients, PATIENT_KEYS[sort], dir).map((p) => p.id),
        );
      });

  it("pages a search within what it finds, in the clinic only", async () => {
    const found = patients.filter((p) => p.familyName === "Baker");
    await walk(
      read({ sort: "born", dir: "desc", q: "baker" }),
      ordered(found, PATIENT_KEYS.born, "desc").map((p) => p.id),
    );
  });

  it("sorts by name when no sort is given, and refuses another sort's cursor", async () => {
    expect(patientSearchSchema.parse({}).sort).toBe("name");
    expect(DIRECTORY_SORT_DIR.name).toBe("asc");
    const r = await searchPatients(c.viewer, { limit: 100 });
    expect(r.items.map((p) => p.id)).toEqual(ordered(patients, PATIENT_KEYS.name, "asc").map((p) => p.id));
    const first = await searchPatients(c.viewer, { sort: "mrn", limit: 4 });
    await expect(searchPatients(c.viewer, { sort: "born", cursor: first.nextCursor! })).rejects.toBeInstanceOf(ValidationError);
  });
});

it("the directory's size is maintained per clinic as runners are registered and removed", async () => {
  const stored = async (t: TestClinic) => (await testDb().caseloadCount.findUniqueOrThrow({ where: { clinicId: t.clinicId } })).patients;
  const t = await createClinic();
  await fill(t, "MC-");
  expect(await stored(t)).toBe(N);
  expect((await searchPatients(t.viewer, { limit: 5 })).position).toMatchObject({ total: N, first: 1, last: 5, pages: 4 });
  await testDb().$executeRaw`DELETE FROM "Episode" WHERE "clinicId" = ${t.clinicId}::uuid`;
  await testDb().$executeRaw`DELETE FROM "Patient" WHERE "clinicId" = ${t.clinicId}::uuid AND mrn <= 'MC-003'`;
  expect(await stored(t)).toBe(N - 3);
  expect((await searchPatients(t.viewer, { limit: 5 })).position.total).toBe(N - 3);
  expect(await stored(other)).toBe(N);
  // A rebuild (after a bulk load without triggers) counts them again.
  await testDb().caseloadCount.update({ where: { clinicId: t.clinicId }, data: { patients: 0 } });
  await testDb().$executeRaw`SELECT caseload_count_rebuild(${t.clinicId}::uuid)`;
  expect(await stored(t)).toBe(N - 3);
});

describe("the sort and page parameters", () => {
  it("a bad value is named and replaced by its default; the search and filters are kept", () => {
    const { data, issues } = parseListQuery(caseloadQuerySchema, { q: "adams", sort: "shoe size", dir: "sideways", worsening: "1" });
    expect(data).toMatchObject({ q: "adams", sort: "urgency", worsening: true });
    expect(data.dir).toBeUndefined();
    expect(issues.map((i) => i.path).sort()).toEqual(["dir", "sort"]);
    const both = parseListQuery(patientSearchSchema, { q: "ann", cursor: "abc", before: "def" });
    expect(both.data).toMatchObject({ q: "ann", cursor: "abc" });
    expect(both.data.before).toBeUndefined();
    expect(both.issues).toEqual([expect.objectContaining({ path: "before" })]);
  });

  it("the API refuses them instead, naming the parameter", () => {
    const bad = patientListQuerySchema.safeParse({ sort: "age" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["sort"]);
    expect(patientListQuerySchema.parse({ sort: "born", dir: "desc" })).toMatchObject({ sort: "born", dir: "desc", limit: 25 });
  });
});

/** The plan of a statement, as text. */
async function plan(sql: Prisma.Sql): Promise<string> {
  const rows = await testDb().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

it("every sort's next page reads its index in order, without sorting the clinic", async () => {
  const big = await createClinic();
  await testDb().$executeRaw`
    INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "birthDate", sex, "updatedAt")
    SELECT gen_random_uuid(), ${big.clinicId}::uuid, 'BG-' || lpad(i::text, 6, '0'), 'Given' || (i % 50), 'Family' || (i % 700),
           date '1960-01-01' + (i % 9000), 'female', now()
      FROM generate_series(1, 8000) i`;
  await testDb().$executeRaw`
    INSERT INTO "Episode" (id, "clinicId", "patientId", side, complaint, "updatedAt", "sortName", "worklistRank", "reviewSort", "seenSort")
    SELECT gen_random_uuid(), p."clinicId", p.id, 'left', 'Inner knee pain', now(), lower(p."familyName" || ' ' || p."givenName"),
           (ARRAY[10, 20, 30, 40])[1 + i % 4],
           CASE WHEN i % 5 = 0 THEN date '9999-12-31' ELSE date '2025-06-01' + (i % 400) END,
           CASE WHEN i % 7 = 0 THEN date '0001-01-01' ELSE date '2025-01-01' + (i % 500) END
      FROM (SELECT p.*, (row_number() OVER (ORDER BY mrn))::int AS i FROM "Patient" p WHERE p."clinicId" = ${big.clinicId}::uuid) p`;
  await testDb().$executeRawUnsafe(`ANALYZE "Patient"`);
  await testDb().$executeRawUnsafe(`ANALYZE "Episode"`);
  const id = "00000000-0000-4000-8000-000000000000";
  const directory: Record<string, [string, string]> = {
    name: [
      `("familyName", "givenName", id) > ('Family5', 'Given5', '${id}') ORDER BY "familyName", "givenName", id`,
      "clinicId_familyName_givenName_id_idx",
    ],
    mrn: [`(mrn) < ('BG-004000') ORDER BY mrn DESC`, "clinicId_mrn_key"],
    born: [`("birthDate", id) > ('1980-01-01', '${id}') ORDER BY "birthDate", id`, "clinicId_birthDate_id_idx"],
  };
  for (const [sort, [tail, index]] of Object.entries(directory)) {
    const p = await plan(Prisma.sql`SELECT id FROM "Patient" WHERE "clinicId" = ${big.clinicId}::uuid AND ${Prisma.raw(tail)} LIMIT 26`);
    expect({ sort, p }).toEqual({ sort, p: expect.stringContaining(`"Patient_${index}"`) });
    expect({ sort, p }).toEqual({ sort, p: expect.not.stringMatching(/(^|->\s+)(Incremental )?Sort\s+\(|Seq Scan/m) });
  }
  // Each sort both ways, as lib/data/keyset.ts writes it (an absent date moved to the end: sortedKey).
  const review: KeyColumn = ['e."reviewSort"', "date", "9999-12-31"];
  const caseload: Record<string, [KeyColumn[], string[]]> = {
    urgency: [
      [['e."worklistRank"', "int"], review, ["e.id", "uuid"]],
      ["20", "'2026-01-01'"],
    ],
    review: [[review, ["e.id", "uuid"]], ["'2026-01-01'"]],
    seen: [
      [
        ['e."seenSort"', "date", "0001-01-01"],
        ["e.id", "uuid"],
      ],
      ["'2026-01-01'"],
    ],
    name: [
      [
        ['e."sortName"', "text"],
        ["e.id", "uuid"],
      ],
      ["'family5'"],
    ],
  };
  for (const [sort, [keys, values]] of Object.entries(caseload))
    for (const dir of ["asc", "desc"] as const) {
      const columns = keys.map((k) => sortedKey(k, dir));
      const after = `(${columns.join(", ")}) ${dir === "asc" ? ">" : "<"} (${[...values, `'${id}'`].join(", ")})`;
      const order = columns.map((k) => `${k} ${dir}`).join(", ");
      const p = await plan(
        Prisma.sql`SELECT e.id FROM "Episode" e JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId"
                    WHERE e."clinicId" = ${big.clinicId}::uuid AND e.status = 'open' AND ${Prisma.raw(after)}
                    ORDER BY ${Prisma.raw(order)} LIMIT 26`,
      );
      expect({ sort, dir, p }).toEqual({
        sort,
        dir,
        p: expect.stringMatching(/Index (Only )?Scan (Backward )?using "?Episode_clinicId_status_/),
      });
      expect({ sort, dir, p }).toEqual({
        sort,
        dir,
        p: expect.not.stringMatching(/(^|->\s+)(Incremental )?Sort\s+\(|Seq Scan on "Episode"/m),
      });
      // An absent date moved to the end is read from the index of that expression (migration …_empty_dates_last).
      if (columns.some((k) => k.startsWith("(CASE")))
        expect({ sort, dir, p }).toEqual({ sort, dir, p: expect.stringMatching(/Last(Asc|Desc)_id_idx/) });
    }
}, 120_000);
