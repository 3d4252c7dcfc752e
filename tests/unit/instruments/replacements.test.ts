/**
 * A clinic loads the publisher's exact wording without a code change:
 * `<id>.json` in INSTRUMENTS_DIR replaces a built-in definition when it is a
 * valid Questionnaire with the same questions, answer codes and stored
 * values. Anything else stops the server at start-up with a message naming
 * the file and the problem (lib/instruments/load.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import {
  BUILT_IN_INSTRUMENTS,
  compatibilityIssues,
  InstrumentError,
  itemOf,
  ORDINAL_VALUE_URL,
  parseInstrument,
  replacementInstrument,
  type Questionnaire,
} from "@/lib/instruments";
import { loadInstrumentsFrom } from "@/lib/instruments/load";

/** A deep copy of a built-in definition, to change. */
const copy = (id: keyof typeof BUILT_IN_INSTRUMENTS): Questionnaire => JSON.parse(JSON.stringify(BUILT_IN_INSTRUMENTS[id]));

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InstrumentError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected an InstrumentError");
}

describe("the Questionnaire schema refuses what the app cannot read", () => {
  it.each([
    ["not a Questionnaire", (q: Questionnaire) => Object.assign(q, { resourceType: "Patient" }), 'resourceType: must be "Questionnaire"'],
    ["no version", (q: Questionnaire) => Object.assign(q, { version: "" }), "version: must not be empty"],
    [
      "an answer without its ordinal value",
      (q: Questionnaire) => {
        itemOf(q, "P1").answerOption![2]!.valueCoding.extension = [];
      },
      `item.2.item.0.answerOption.2: needs an ordinal value (extension ${ORDINAL_VALUE_URL})`,
    ],
    [
      "two answers with one code",
      (q: Questionnaire) => {
        itemOf(q, "P1").answerOption![1]!.valueCoding.code = "never";
      },
      "item.2.item.0.answerOption.1.valueCoding.code: code is used twice",
    ],
    [
      "a choice item with one answer",
      (q: Questionnaire) => {
        itemOf(q, "Q4").answerOption!.splice(1);
      },
      "item.5.item.3.answerOption: a choice item needs at least 2 answer options",
    ],
    [
      "a linkId used twice",
      (q: Questionnaire) => {
        itemOf(q, "P2").linkId = "P3";
      },
      "item: linkId P3 is used twice",
    ],
    [
      "a question without text",
      (q: Questionnaire) => {
        itemOf(q, "A1").text = " ";
      },
      "item.3.item.1.text: a question needs its text",
    ],
  ])("%s", (_name, change, message) => {
    const q = copy("koos");
    change(q);
    expect(issuesOf(() => parseInstrument(q, "koos.json"))).toContain(message);
  });

  it("accepts FHIR elements it does not read (meta, date, contact)", () => {
    const q = { ...copy("lefs"), meta: { versionId: "3" }, date: "2020-01-01", contact: [{ name: "publisher" }] };
    expect(parseInstrument(q, "lefs.json").id).toBe("lefs");
  });
});

describe("a replacement keeps the questions, answer codes and stored values", () => {
  it("new wording of items, answers, introductions and the title is accepted", () => {
    const q = copy("koos");
    q.title = "KOOS (publisher's licensed English version)";
    itemOf(q, "S4").text = "Can you straighten your knee fully? (publisher's wording)";
    itemOf(q, "S4").answerOption![0]!.valueCoding.display = "Always (publisher)";
    itemOf(q, "pain.intro").text = "Publisher's introduction to the pain items, thinking of the last week.";
    expect(compatibilityIssues(BUILT_IN_INSTRUMENTS.koos, q)).toEqual([]);
    expect(itemOf(replacementInstrument("koos", q, "koos.json"), "S4").text).toMatch(/publisher's wording/);
  });

  it.each([
    [
      "another stored value for an answer",
      (q: Questionnaire) => {
        itemOf(q, "S4").answerOption![0]!.valueCoding.extension![0]!.valueDecimal = 4;
        itemOf(q, "S4").answerOption![4]!.valueCoding.extension![0]!.valueDecimal = 0;
      },
      "expected S4 (choice): always=0, often=1, sometimes=2, rarely=3, never=4, found S4 (choice): always=4, often=1, sometimes=2, rarely=3, never=0",
    ],
    [
      "an item left out",
      (q: Questionnaire) => {
        const group = itemOf(q, "qol");
        group.item = group.item!.filter((i) => i.linkId !== "Q4");
      },
      "missing Q4 (choice): none=0, mild=1, moderate=2, severe=3, extreme=4",
    ],
    [
      "an item renamed",
      (q: Questionnaire) => {
        itemOf(q, "SP5").linkId = "SP6";
      },
      "expected SP5 (choice): none=0, mild=1, moderate=2, severe=3, extreme=4, found SP6 (choice): none=0, mild=1, moderate=2, severe=3, extreme=4",
    ],
  ])("%s is refused", (_name, change, message) => {
    const q = copy("koos");
    change(q);
    expect(issuesOf(() => replacementInstrument("koos", q, "koos.json"))).toEqual([`item: ${message}`]);
  });

  it("another instrument under this instrument's name is refused", () => {
    expect(issuesOf(() => replacementInstrument("koos", copy("lefs"), "koos.json"))).toContain('id: must be "koos"');
  });
});

describe("INSTRUMENTS_DIR", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "instruments-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) =>
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));

  it("unset: the built-in definitions", () => {
    expect(loadInstrumentsFrom(undefined)).toBe(BUILT_IN_INSTRUMENTS);
  });

  it("replaces the instruments it has a file for and keeps the others", () => {
    const lefs = copy("lefs");
    itemOf(lefs, "activities").text = "Today, do you or would you have any difficulty at all with (publisher):";
    write("lefs.json", `\uFEFF${JSON.stringify(lefs)}`);
    write("README.txt", "not a definition");
    const loaded = loadInstrumentsFrom(dir);
    expect(itemOf(loaded.lefs, "activities").text).toMatch(/\(publisher\):$/);
    expect(loaded.koos).toBe(BUILT_IN_INSTRUMENTS.koos);
  });

  it.each([
    [
      "a file that is not an instrument",
      "koos-v2.json",
      copy("koos"),
      /koos-v2\.json: \(root\): is not an instrument: name the file one of koos\.json, lefs\.json/,
    ],
    ["a file that is not JSON", "tegner.json", "{ level: 7", /tegner\.json: \(root\): is not valid JSON/],
    ["an invalid definition", "psfs.json", { resourceType: "Questionnaire" }, /psfs\.json: id: /],
    [
      "an incompatible definition",
      "tegner.json",
      (() => {
        const q = copy("tegner");
        itemOf(q, "tegner").answerOption!.pop();
        return q;
      })(),
      /tegner\.json: item: expected tegner \(choice\): 10=10, .*, found tegner \(choice\): 10=10/,
    ],
  ])("%s stops start-up, naming the file", (_name, file, content, message) => {
    write(file, content);
    expect(() => loadInstrumentsFrom(dir)).toThrow(message);
  });

  it("a folder that does not exist stops start-up", () => {
    expect(() => loadInstrumentsFrom(join(dir, "missing"))).toThrow(/INSTRUMENTS_DIR .*missing: \(root\): cannot be read as a directory/);
  });

  it("the server's start-up check prints the problem and exits", () => {
    write("koos.json", "[]");
    const script = `require("./lib/instruments/load").checkInstrumentsOrExit()`;
    let status = 0;
    let stderr = "";
    try {
      execFileSync("npx", ["tsx", "-e", script], {
        cwd: join(__dirname, "..", "..", ".."),
        env: { ...process.env, INSTRUMENTS_DIR: dir, DATABASE_URL: "postgres://x@127.0.0.1/x", NEXTAUTH_SECRET: "x".repeat(32) },
        stdio: "pipe",
      });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /Invalid instrument definition \(INSTRUMENTS_DIR\):\n {2}- .*koos\.json: \(root\): must be a FHIR Questionnaire \(a JSON object\)\n/,
    );
  });
});
