/**
 * SQL cannot import lib/domain: the facts it repeats (urgency ranks, the
 * Urgency enum, threshold defaults, the measures that count for worsening) are checked here against the one source,
 * so a change on either side fails this test until the other follows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { IMPORTANT_CHANGE_DEFINITIONS, REVIEW_INTERVAL_DEFINITION, SETTING_DEFINITIONS } from "@/lib/domain/settings";
import {
  FLAGGED_MAX_RANK,
  RANK_NOT_EVALUATED,
  URGENCY_ORDER,
  urgencyOfRankSql,
  urgencyRankSql,
  WORKLIST_NOT_EVALUATED,
} from "@/lib/domain/urgency";
import { WORSENING_MEASURES, worseningMeasuresSql } from "@/lib/domain/measures";

const ROOT = join(__dirname, "..", "..", "..");
const schema = readFileSync(join(ROOT, "prisma", "schema.prisma"), "utf8");
const migrations = readdirSync(join(ROOT, "prisma", "migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readFileSync(join(ROOT, "prisma", "migrations", d.name, "migration.sql"), "utf8"))
  .join("\n");

/** The body of one model of schema.prisma. */
function model(name: string): string {
  const m = new RegExp(`model ${name} \\{([\\s\\S]*?)\\n\\}`).exec(schema);
  if (!m?.[1]) throw new Error(`model ${name} not found`);
  return m[1];
}

/** The @default of a column of a model. */
function defaultOf(modelName: string, column: string): number {
  const m = new RegExp(`\\n\\s*${column}\\s+\\w+\\??\\s+@default\\(([-\\d.]+)\\)`).exec(model(modelName));
  if (!m?.[1]) throw new Error(`${modelName}.${column} has no numeric default`);
  return Number(m[1]);
}

describe("urgency in SQL", () => {
  it("the Urgency enum lists the levels in URGENCY_ORDER", () => {
    const m = /CREATE TYPE "Urgency" AS ENUM \(([^)]*)\)/.exec(migrations);
    expect(m?.[1]?.split(",").map((v) => v.trim().replace(/'/g, ""))).toEqual([...URGENCY_ORDER]);
    expect(/enum Urgency \{([^}]*)\}/.exec(schema)?.[1]?.trim().split(/\s+/)).toEqual([...URGENCY_ORDER]);
  });

  it('"urgencyRank" defaults to RANK_NOT_EVALUATED in the schema and the migrations', () => {
    expect(defaultOf("Episode", "urgencyRank")).toBe(RANK_NOT_EVALUATED);
    const defaults = [...migrations.matchAll(/"urgencyRank" INTEGER NOT NULL DEFAULT (\d+)/g)].map((m) => Number(m[1]));
    expect(defaults.length).toBeGreaterThan(0);
    for (const d of defaults) expect(d).toBe(RANK_NOT_EVALUATED);
  });

  it('"worklistRank" defaults to WORKLIST_NOT_EVALUATED in the schema and the migrations', () => {
    expect(defaultOf("Episode", "worklistRank")).toBe(WORKLIST_NOT_EVALUATED);
    const defaults = [...migrations.matchAll(/"worklistRank" INTEGER NOT NULL DEFAULT (\d+)/g)].map((m) => Number(m[1]));
    expect(defaults).toEqual([WORKLIST_NOT_EVALUATED]);
  });

  it('every "flagged" count in the triggers is urgencyRank <= FLAGGED_MAX_RANK', () => {
    const comparisons = [...migrations.matchAll(/"urgencyRank" <= (\d+)/g)].map((m) => Number(m[1]));
    expect(comparisons.length).toBeGreaterThan(0);
    for (const c of comparisons) expect(c).toBe(FLAGGED_MAX_RANK);
  });

  it("SQL ranks come from the order itself", () => {
    expect(urgencyRankSql("x")).toBe("CASE x WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'soon' THEN 2 WHEN 'routine' THEN 3 END");
    expect(urgencyOfRankSql("r")).toBe("CASE r WHEN 0 THEN 'emergency' WHEN 1 THEN 'urgent' WHEN 2 THEN 'soon' WHEN 3 THEN 'routine' END");
  });
});

describe("clinic settings defaults in SQL", () => {
  it("each threshold column defaults to lib/domain's default", () => {
    for (const [key, def] of Object.entries(SETTING_DEFINITIONS))
      expect([key, defaultOf("ClinicSettings", key)]).toEqual([key, def.default]);
    const columns = {
      painNow: "importantChangePain",
      koos: "importantChangeKoos",
      lefs: "importantChangeLefs",
      psfs: "importantChangePsfs",
      tegner: "importantChangeTegner",
    } as const;
    for (const [key, def] of Object.entries(IMPORTANT_CHANGE_DEFINITIONS))
      expect([key, defaultOf("ClinicSettings", columns[key as keyof typeof columns])]).toEqual([key, def.default]);
    expect(defaultOf("ClinicSettings", "reviewIntervalDays")).toBe(REVIEW_INTERVAL_DEFINITION.default);
  });
});

describe("worsening in SQL", () => {
  it("the migration that recomputed worsening without the Tegner level lists WORSENING_MEASURES", () => {
    const m = /worsening_without_tegner[\s\S]*?c\.key IN \(([^)]*)\)/.exec(
      readdirSync(join(ROOT, "prisma", "migrations"))
        .filter((d) => d.endsWith("worsening_without_tegner"))
        .map((d) => `${d}\n${readFileSync(join(ROOT, "prisma", "migrations", d, "migration.sql"), "utf8")}`)
        .join("\n"),
    );
    expect(m?.[1]?.split(",").map((v) => v.trim().replace(/'/g, ""))).toEqual([...WORSENING_MEASURES]);
    expect(worseningMeasuresSql()).toBe(WORSENING_MEASURES.map((m) => `'${m}'`).join(", "));
  });
});
