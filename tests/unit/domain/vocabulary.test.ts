/** The ground floor: windows, settings and measures defined once, and nothing else defines them again. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  CHANGE_MEASURES,
  DEFAULT_SETTINGS,
  isWorsening,
  MEASURES,
  REFERRAL_WEEKS_SHOWN,
  RUN_WINDOW_DAYS,
  RUN_WINDOW_DAYS_INCLUSIVE,
  SETTING_DEFINITIONS,
  SPIKE_CANDIDATE_DAYS,
  SPIKE_LOOKBACK_DAYS,
  WORSENING_MEASURES,
} from "@/lib/domain";

const ROOT = join(__dirname, "..", "..", "..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const CODE = ["app", "lib", "scripts", "prisma/seed"].flatMap(sources).filter((p) => !p.startsWith("lib/domain/"));

describe("windows", () => {
  it("the run window reaches back to the oldest run a spike can compare with", () => {
    expect(RUN_WINDOW_DAYS).toBe(SPIKE_CANDIDATE_DAYS - 1 + SPIKE_LOOKBACK_DAYS);
    expect(RUN_WINDOW_DAYS).toBe(59);
    expect(RUN_WINDOW_DAYS_INCLUSIVE).toBe(60);
  });

  it("the referral's weekly distances fit inside the run window", () => {
    // The Monday REFERRAL_WEEKS_SHOWN - 1 weeks before the week of D is at most 6 + 7 * (weeks - 1) days back.
    expect(6 + 7 * (REFERRAL_WEEKS_SHOWN - 1)).toBeLessThanOrEqual(RUN_WINDOW_DAYS);
  });

  it("no other file counts runs over its own number of days", () => {
    const offenders = CODE.filter((p) =>
      /addDays\([^)]*-\s*(59|60|83|84|120)\)|\b(83|120) \* 86_400_000/.test(readFileSync(join(ROOT, p), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

describe("settings", () => {
  it("the defaults are the registry's, including maxRunPain 3 (0 to 5)", () => {
    expect(DEFAULT_SETTINGS.maxRunPain).toBe(3);
    expect(SETTING_DEFINITIONS.maxRunPain).toMatchObject({ min: 0, max: 5, integer: true });
  });

  it("no other file writes the defaults again", () => {
    const offenders = CODE.filter((p) =>
      /persistentPainDays:\s*14\b|importantChange:\s*\{\s*painNow:\s*2,\s*koos:\s*10/.test(readFileSync(join(ROOT, p), "utf8")),
    );
    expect(offenders.map((p) => relative(ROOT, join(ROOT, p)))).toEqual([]);
  });
});

describe("measures", () => {
  it("one entry per measure, in the engine's output order", () => {
    expect(MEASURES.map((m) => m.measure)).toEqual([...CHANGE_MEASURES]);
    for (const m of MEASURES) expect(m.range[0]).toBeLessThan(m.range[1]);
    expect(MEASURES.filter((m) => m.betterIs === "lower").map((m) => m.measure)).toEqual(["painNow"]);
  });

  it('"Worsening" reads pain, KOOS, LEFS and PSFS, never a lower Tegner level (it drops with advised rest)', () => {
    expect(WORSENING_MEASURES).toEqual(["painNow", "koos.pain", "koos.symptoms", "koos.adl", "koos.sport", "koos.qol", "lefs", "psfs"]);
    expect(isWorsening({ tegner: { vsBaseline: "worsened", vsPrevious: "worsened" } })).toBe(false);
    expect(isWorsening({ tegner: { vsPrevious: "worsened" }, psfs: { vsPrevious: "unchanged" } })).toBe(false);
    expect(isWorsening({ psfs: { vsPrevious: "worsened" } })).toBe(true);
    expect(isWorsening({ "koos.qol": { vsBaseline: "improved", vsPrevious: "worsened" } })).toBe(true);
    expect(isWorsening({ painNow: { vsBaseline: "worsened", vsPrevious: "unchanged" } })).toBe(false);
    expect(isWorsening(undefined)).toBe(false);
  });
});

describe("urgency", () => {
  it("no other file ranks the urgencies itself", () => {
    const offenders = CODE.filter((p) => /emergency:\s*0\b|WHEN 'emergency' THEN 0/.test(readFileSync(join(ROOT, p), "utf8")));
    expect(offenders).toEqual([]);
  });
});
