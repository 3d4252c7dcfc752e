/**
 * Stored JSON becomes a domain type only through the typed readers of
 * lib/stored: no module in lib/ or app/ casts it (no `as unknown as`, no
 * `row.answers as Answers`), so nothing unchecked reaches the screen.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const FILES = [...sources("lib"), ...sources("app")].filter((p) => !p.startsWith("lib/stored/"));

/** `x as unknown as T`, and a cast of a stored JSON column or of a stored domain type. */
const CASTS = [
  /\bas unknown as\b/,
  /\.(answers|evaluation|evaluationInput|settingsUsed|snapshot|draft|detail)\)?\s+as\s/,
  /\bas\s+(Answers|ClinicalAnswers|Evaluation|EvaluationV1|StoredEvaluation|ReferralSnapshot|StoredReferralSnapshot|Settings|ReferralDraftText|RecordConflict)\b/,
];

describe("no casts of stored JSON outside the readers", () => {
  it("finds the files it checks (guards the test itself)", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain("lib/data/assessments.ts");
  });

  it.each(CASTS.map((re) => [String(re), re] as const))("no match of %s in lib/ or app/", (_name, re) => {
    const offenders = FILES.flatMap((file) =>
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (re.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it("the patterns do catch a cast (guards the test itself)", () => {
    expect(CASTS[0]!.test("const e = row.evaluation as unknown as Evaluation;")).toBe(true);
    expect(CASTS[1]!.test("answers: row.answers as Answers,")).toBe(true);
    expect(CASTS[2]!.test("const s = json as ReferralSnapshot;")).toBe(true);
  });
});
