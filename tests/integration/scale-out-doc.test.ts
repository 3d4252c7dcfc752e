/**
 * docs/scale-out.md against the migrated schema: the plan for Citus
 * (distributed by clinic) must be true of the tables as they are now, so a
 * new table, key or trigger that the document does not account for fails
 * here. Read from the catalogue of the run's database:
 *
 * - every table is in the document's table list once; a table with a
 *   `clinicId` column (and `Clinic`) is distributed by it, any other is local;
 * - the keys that Citus would refuse (a primary key or unique index of a
 *   distributed table without its distribution column, a foreign key between
 *   distributed tables that does not pair their distribution columns) are
 *   exactly the ones the document lists as changing;
 * - every trigger function is named in its triggers section.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const DOC = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "scale-out.md"), "utf8");

/** The text from `from` up to `to` (both headings or phrases of the document). */
function section(from: string, to: string): string {
  const start = DOC.indexOf(from);
  const end = DOC.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`docs/scale-out.md has no section from "${from}" to "${to}"`);
  return DOC.slice(start, end);
}

/** The table rows of a section: the names in backticks of the chosen cell, with the row's other cells. */
function rows(text: string): { cells: string[]; names: (cell: number) => string[] }[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((line) => {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      return { cells, names: (cell: number) => [...(cells[cell] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
    });
}

let client: pg.Client;
/** The distribution column of each table of the schema, or null for a local table. */
let distribution: Map<string, string | null>;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string; clinic: boolean }>(
    `SELECT c.relname AS name,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'clinicId' AND NOT a.attisdropped) AS clinic
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  distribution = new Map(tables.map((t) => [t.name, t.name === "Clinic" ? "id" : t.clinic ? "clinicId" : null]));
});

afterAll(() => client?.end());

it("lists every table once, distributed by the clinic exactly when it has one", () => {
  const listed = new Map<string, { type: string; column: string }>();
  for (const row of rows(section("### Tables", "### Keys and foreign keys")))
    for (const name of row.names(0)) {
      expect([name, listed.has(name)]).toEqual([name, false]);
      listed.set(name, { type: row.cells[1]!, column: row.names(2)[0] ?? "—" });
    }
  expect([...listed.keys()].sort()).toEqual([...distribution.keys()].sort());
  for (const [name, column] of distribution) {
    const doc = listed.get(name)!;
    expect({ name, distributed: doc.type.startsWith("distributed"), column: doc.column }).toEqual({
      name,
      distributed: column !== null,
      column: column ?? "—",
    });
  }
});

it("lists exactly the keys and foreign keys that do not include the distribution column yet", async () => {
  const { rows: uniques } = await client.query<{ table: string; key: string; columns: string[] }>(
    `SELECT t.relname AS table, ic.relname AS key,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k) AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND i.indisunique`,
  );
  const { rows: foreign } = await client.query<{ table: string; key: string; ref: string; columns: string[]; refColumns: string[] }>(
    `SELECT t.relname AS table, c.conname AS key, f.relname AS ref,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS "refColumns"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype = 'f'`,
  );
  const refused = [
    ...uniques.filter((u) => {
      const column = distribution.get(u.table);
      return column && !u.columns.includes(column);
    }),
    ...foreign.filter((f) => {
      const [column, refColumn] = [distribution.get(f.table), distribution.get(f.ref)];
      return column && refColumn && !f.columns.some((c, i) => c === column && f.refColumns[i] === refColumn);
    }),
  ].map((k) => `${k.table}: ${k.key}`);

  const listed = rows(section("#### Keys that do not include the clinic yet", "What else the move would change")).flatMap((row) => {
    const tables = row.names(0);
    return row.names(1).map((key) => `${tables.find((t) => key.startsWith(`${t}_`)) ?? "?"}: ${key}`);
  });
  expect(listed.sort()).toEqual(refused.sort());
});

it("names every trigger function", async () => {
  const { rows: functions } = await client.query<{ name: string }>(
    `SELECT DISTINCT p.proname AS name FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
       JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND NOT t.tgisinternal`,
  );
  const named = rows(section("### Triggers", "### The runner search")).flatMap((row) => row.names(0));
  expect(named.sort()).toEqual(functions.map((f) => f.name).sort());
});
