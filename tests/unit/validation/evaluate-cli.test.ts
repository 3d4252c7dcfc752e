/**
 * The command line: `npm run --silent evaluate -- FILE` (or - for stdin).
 * Valid input: one JSON document on stdout, newline-terminated, exit 0.
 * Invalid input: exit 2, `{"error":"invalid input","issues":[...]}` on stderr, nothing on stdout.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "@/lib/clinical";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { EXAMPLES, readExample } from "@/tests/helpers/evaluate-examples";
import { ROOT, runCli, runNpmEvaluate } from "../cli-helpers";

jest.setTimeout(60_000);

const FIXTURES = join(ROOT, "tests", "fixtures", "evaluate");
const base = { assessedOn: "2026-06-15", patient: { birthDate: "1990-06-15" } };

function expectInvalid(r: { status: number | null; stdout: string; stderr: string }, issues: unknown) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(JSON.parse(r.stderr)).toEqual({ error: "invalid input", issues });
}

describe("evaluate command: valid input", () => {
  it.each(EXAMPLES)("%s: prints the library's evaluation, with the contract's expected values", (name) => {
    const file = join(FIXTURES, `${name}.input.json`);
    const r = runCli([file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(r.stdout.trimEnd().includes("\n")).toBe(false); // one document
    const parsed = parseEvaluationInput(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.ok) throw new Error("invalid fixture");
    expect(r.stdout).toBe(`${JSON.stringify(evaluate(parsed.value))}\n`);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const expected = readExample(`${name}.expected.json`) as Record<string, unknown>;
    for (const key of ["rulesVersion", "urgency", "redFlagsAbsent", "redFlagsNotAssessed", "runningAdvice", "scores", "load", "changes"])
      expect([key, out[key]]).toEqual([key, expected[key]]);
  });

  it("reads standard input with -", () => {
    const r = runCli(["-"], JSON.stringify(base));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(evaluate(base));
  });

  it("works through npm run --silent evaluate", () => {
    const file = join(FIXTURES, "02-acute-trauma.input.json");
    const r = runNpmEvaluate([file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(expect.objectContaining({ rulesVersion: "2", urgency: "urgent" }));
  });

  it("resolves a relative FILE from the caller's directory under npm", () => {
    const r = runNpmEvaluate([join("evaluate", "02-acute-trauma.input.json")], undefined, join(ROOT, "tests", "fixtures"));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.objectContaining({ ageYears: 56 }));
  });
});

describe("evaluate command: invalid input exits 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "evaluate-cli-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("not JSON", () => {
    const r = runCli([file("bad.json", "{ nope")]);
    expectInvalid(r, [{ path: "", message: expect.stringMatching(/^Send valid JSON: /) }]);
  });

  it("empty standard input", () => {
    expectInvalid(runCli(["-"], ""), [{ path: "", message: expect.stringMatching(/^Send valid JSON: /) }]);
  });

  it("not an object", () => {
    expectInvalid(runCli(["-"], "[1,2]"), [{ path: "", message: "Send a JSON object" }]);
  });

  it("unknown key", () => {
    expectInvalid(runCli(["-"], JSON.stringify({ ...base, symptoms: { painnow: 3 } })), [
      { path: "symptoms.painnow", message: "Remove the unknown field" },
    ]);
  });

  it("out-of-range value", () => {
    expectInvalid(runCli(["-"], JSON.stringify({ ...base, symptoms: { painNow: 11 } })), [
      { path: "symptoms.painNow", message: "Enter the pain now as a whole number from 0 to 10" },
    ]);
  });

  it("impossible date", () => {
    const input = {
      ...base,
      training: {
        runs: [
          { date: "2026-06-01", distanceKm: 1 },
          { date: "2026-02-30", distanceKm: 1 },
        ],
      },
    };
    expectInvalid(runCli([file("date.json", JSON.stringify(input))]), [
      { path: "training.runs.1.date", message: "Enter the date as a real date" },
    ]);
  });

  it("wrong array length", () => {
    expectInvalid(runCli(["-"], JSON.stringify({ ...base, measures: { lefs: [1, 2, 3] } })), [
      { path: "measures.lefs", message: "Answer all 20 LEFS items" },
    ]);
  });

  it("an onset date or a run log start after the assessment", () => {
    const input = { ...base, episode: { onsetDate: "2026-06-16" }, training: { loggedSince: "2026-07-01", runs: [] } };
    expectInvalid(runCli(["-"], JSON.stringify(input)), [
      { path: "episode.onsetDate", message: "Enter an onset date on or before the assessment date" },
      { path: "training.loggedSince", message: "Enter a logged since on or before the assessment date" },
    ]);
  });

  it("a Wells score out of range, a maxRunPain out of range", () => {
    const input = { ...base, exam: { wellsDvt: 10 }, settings: { maxRunPain: 6 } };
    expectInvalid(runCli(["-"], JSON.stringify(input)), [
      { path: "exam.wellsDvt", message: "Enter the wells dvt as a whole number from -2 to 9" },
      { path: "settings.maxRunPain", message: "Enter the max run pain as a whole number from 0 to 5" },
    ]);
  });

  it("missing required field", () => {
    expectInvalid(runCli(["-"], JSON.stringify({ patient: base.patient })), [{ path: "assessedOn", message: "Enter the assessed on" }]);
  });

  it("missing file", () => {
    expectInvalid(runCli([join(dir, "nowhere.json")]), [
      { path: "", message: expect.stringMatching(/^cannot read input file ".*nowhere\.json": no such file$/) },
    ]);
  });

  it("a directory instead of a file", () => {
    expectInvalid(runCli([dir]), [{ path: "", message: expect.stringMatching(/is a directory$/) }]);
  });

  it("no file argument", () => {
    expectInvalid(runCli([]), [{ path: "", message: expect.stringMatching(/^no input file given/) }]);
  });

  it("through npm as well", () => {
    expectInvalid(runNpmEvaluate(["-"], JSON.stringify({ ...base, exam: { effusion: "huge" } })), [
      { path: "exam.effusion", message: "Choose the effusion: none, trace, moderate or large" },
    ]);
  });
});
