/**
 * The instrument definitions (lib/instruments/definitions/*.json) against
 * their publications: KOOS with each item's own answer options, scored 0-4
 * as the KOOS Scoring 2012 guide says; LEFS with its published stem and
 * scale (Binkley 1999); PSFS 0-10 (Stratford 1995); the pain NRS items; the
 * Tegner levels of Tegner and Lysholm (1985). Each file is a FHIR R4
 * Questionnaire validated by the one zod schema a clinic's replacement is
 * validated by.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { koosScores } from "@/lib/clinical/scoring";
import { KOOS_SUBSCALE_ITEMS } from "@/lib/clinical/input";
import { KOOS_SUBSCALES } from "@/lib/domain/measures";
import {
  allItems,
  BUILT_IN_INSTRUMENTS,
  choiceOptions,
  choiceOrientation,
  displayText,
  INSTRUMENT_IDS,
  itemOf,
  questionItems,
  questionnaireSchema,
} from "@/lib/instruments";
import {
  koosFromCodes,
  koosGroup,
  koosSubscalesInOrder,
  LEFS_LINK_IDS,
  PAIN_ITEM_PATHS,
  PSFS_LINK_IDS,
  TEGNER_LINK_ID,
} from "@/lib/instruments/measures";
import { measuresSchema } from "@/lib/validation/evaluate-input";

const DIR = join(__dirname, "..", "..", "..", "lib", "instruments", "definitions");
const { koos, lefs, psfs, tegner } = BUILT_IN_INSTRUMENTS;
const painNrs = BUILT_IN_INSTRUMENTS["pain-nrs"];

const displays = (linkId: string, q = koos) => choiceOptions(itemOf(q, linkId)).map((o) => o.display);
const values = (linkId: string, q = koos) => choiceOptions(itemOf(q, linkId)).map((o) => o.value);
const loinc = (codes: { system?: string; code: string }[] | undefined) =>
  codes?.filter((c) => c.system === "http://loinc.org").map((c) => c.code);

describe("the definition files", () => {
  it("one file per instrument, each a valid Questionnaire named after its id", () => {
    const files = readdirSync(DIR).sort();
    expect(files).toEqual(INSTRUMENT_IDS.map((id) => `${id}.json`).sort());
    for (const file of files) {
      const result = questionnaireSchema.safeParse(JSON.parse(readFileSync(join(DIR, file), "utf8")));
      expect([file, result.success ? "valid" : result.error.issues]).toEqual([file, "valid"]);
      expect(result.data?.id).toBe(file.replace(/\.json$/, ""));
    }
  });

  it("every definition names its source and version", () => {
    for (const id of INSTRUMENT_IDS) {
      const q = BUILT_IN_INSTRUMENTS[id];
      expect(q.version.length).toBeGreaterThan(3);
      expect(q.publisher?.length).toBeGreaterThan(3);
    }
    expect(koos.version).toMatch(/Scoring 2012/);
    expect(lefs.version).toMatch(/1999/);
    expect(psfs.version).toMatch(/1995/);
    expect(tegner.version).toMatch(/1985/);
  });
});

describe("KOOS", () => {
  const NONE = ["None", "Mild", "Moderate", "Severe", "Extreme"];
  const NEVER_ALWAYS = ["Never", "Rarely", "Sometimes", "Often", "Always"];
  const expected: Record<string, string[]> = {
    P1: ["Never", "Monthly", "Weekly", "Daily", "Always"],
    S1: NEVER_ALWAYS,
    S2: NEVER_ALWAYS,
    S3: NEVER_ALWAYS,
    S4: ["Always", "Often", "Sometimes", "Rarely", "Never"],
    S5: ["Always", "Often", "Sometimes", "Rarely", "Never"],
    Q1: ["Never", "Monthly", "Weekly", "Daily", "Constantly"],
    Q2: ["Not at all", "Mildly", "Moderately", "Severely", "Totally"],
    Q3: ["Not at all", "Mildly", "Moderately", "Severely", "Extremely"],
  };
  const ids = KOOS_SUBSCALES.flatMap((s) => KOOS_SUBSCALE_ITEMS[s]);

  it("has the 42 items, each in the group of its subscale", () => {
    expect(
      questionItems(koos)
        .map((i) => i.linkId)
        .sort(),
    ).toEqual([...ids].sort());
    for (const s of KOOS_SUBSCALES) {
      const group = koosGroup(koos, s);
      expect(group.type).toBe("group");
      expect((group.item ?? []).filter((i) => i.type === "choice").map((i) => i.linkId)).toEqual([...KOOS_SUBSCALE_ITEMS[s]]);
    }
    expect(koosSubscalesInOrder(koos)).toEqual(["symptoms", "pain", "adl", "sport", "qol"]);
  });

  it.each(ids)("%s has its own answer options, scored 0-4 from the first box", (id) => {
    expect(displays(id)).toEqual(expected[id] ?? NONE);
    expect(values(id)).toEqual([0, 1, 2, 3, 4]);
  });

  it("S4 and S5 ask whether the knee straightens and bends fully: 'Always' is no problem (0), 'Never' extreme (4)", () => {
    for (const id of ["S4", "S5"]) {
      expect(itemOf(koos, id).text).toMatch(/^Can you (straighten|bend) your knee fully\?$/);
      expect(koosFromCodes(koos, { [id]: "always" })).toEqual({ [id]: 0 });
      expect(koosFromCodes(koos, { [id]: "never" })).toEqual({ [id]: 4 });
    }
  });

  it("states the recall period (the last week) and introduces each subscale", () => {
    for (const intro of ["symptoms.intro", "stiffness.intro", "pain.intro", "adl.intro", "sport.intro"])
      expect([intro, displayText(koos, intro)]).toEqual([intro, expect.stringMatching(/last week/)]);
    expect(displayText(koos, "instructions")).toMatch(/only one box for each question/);
    expect(itemOf(koos, "stiffness.intro").text).toMatch(/Stiffness is a sensation of restriction or slowness/);
  });

  it("carries the LOINC codes of the panel and of each subscale score", () => {
    expect(loinc(koos.code)).toEqual(["72091-2"]);
    expect(Object.fromEntries(KOOS_SUBSCALES.map((s) => [s, loinc(koosGroup(koos, s).code)]))).toEqual({
      pain: ["72102-7"],
      symptoms: ["72101-9"],
      adl: ["72100-1"],
      sport: ["72099-5"],
      qol: ["72098-7"],
    });
  });

  describe("scored as the KOOS Scoring 2012 guide says", () => {
    const all = (code: (id: string) => string, only: readonly string[] = ids) => Object.fromEntries(only.map((id) => [id, code(id)]));
    const first = (id: string) => choiceOptions(itemOf(koos, id))[0]!.code;
    const last = (id: string) => choiceOptions(itemOf(koos, id))[4]!.code;

    it("the first box everywhere (including 'Always' for S4-S5) is no problems: 100 in every subscale", () => {
      expect(koosScores(koosFromCodes(koos, all(first)))).toEqual({ pain: 100, symptoms: 100, adl: 100, sport: 100, qol: 100 });
    });

    it("the last box everywhere (including 'Never' for S4-S5) is extreme problems: 0 in every subscale", () => {
      expect(koosScores(koosFromCodes(koos, all(last)))).toEqual({ pain: 0, symptoms: 0, adl: 0, sport: 0, qol: 0 });
    });

    it("a subscale is 100 - mean(items) x 25, from half its items answered (Pain 5 of 9)", () => {
      // P1 weekly (2), P2-P9 mild (1): mean 10/9, 100 - 27.78 = 72.2
      const pain = { P1: "weekly", ...all(() => "mild", ["P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"]) };
      expect(koosScores(koosFromCodes(koos, pain)).pain).toBe(72.2);
      // Symptoms: S4 rarely (3), S5 often (1), S1 never (0), S6 severe (3): mean 7/4 = 1.75 -> 56.3
      expect(koosScores(koosFromCodes(koos, { S4: "rarely", S5: "often", S1: "never", S6: "severe" })).symptoms).toBe(56.3);
      expect(
        koosScores(
          koosFromCodes(
            koos,
            all(() => "mild", ["P2", "P3", "P4", "P5"]),
          ),
        ).pain,
      ).toBeNull();
      expect(koosScores(koosFromCodes(koos, { Q1: "constantly", Q2: "not_at_all" })).qol).toBe(50);
    });

    it("what the definitions store is what the engine's schema accepts", () => {
      expect(measuresSchema.safeParse({ koos: koosFromCodes(koos, all(last)) }).success).toBe(true);
    });
  });
});

describe("LEFS", () => {
  it("has its 20 activities with the published stem, in order", () => {
    expect(questionItems(lefs).map((i) => i.linkId)).toEqual(LEFS_LINK_IDS);
    expect(itemOf(lefs, "activities").text).toBe("Today, do you or would you have any difficulty at all with:");
    expect(displayText(lefs, "instructions")).toMatch(/because of your lower limb problem for which you are currently seeking attention/);
    expect(itemOf(lefs, "LEFS1").text).toBe("Any of your usual work, housework or school activities.");
    expect(itemOf(lefs, "LEFS18").text).toBe("Making sharp turns while running fast.");
    expect(itemOf(lefs, "LEFS20").text).toBe("Rolling over in bed.");
  });

  it.each(LEFS_LINK_IDS)("%s: 0 extreme difficulty or unable ... 4 no difficulty", (id) => {
    expect(displays(id, lefs)).toEqual([
      "Extreme difficulty or unable to perform activity",
      "Quite a bit of difficulty",
      "Moderate difficulty",
      "A little bit of difficulty",
      "No difficulty",
    ]);
    expect(values(id, lefs)).toEqual([0, 1, 2, 3, 4]);
  });

  it("gives no LOINC code (none could be verified; never an invented one)", () => {
    expect(lefs.code).toBeUndefined();
  });
});

describe("PSFS", () => {
  it("each activity is named and scored 0 (unable) to 10 (as before), up to 5 activities as the engine allows", () => {
    const group = itemOf(psfs, PSFS_LINK_IDS.group);
    expect(group.repeats).toBe(true);
    expect(group.extension).toContainEqual({ url: "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs", valueInteger: 5 });
    expect(itemOf(psfs, PSFS_LINK_IDS.name).type).toBe("string");
    const score = choiceOptions(itemOf(psfs, PSFS_LINK_IDS.score));
    expect(score.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(score[0]!.display).toBe("Unable to perform activity");
    expect(score[10]!.display).toBe("Able to perform activity at the same level as before injury or problem");
    expect(displayText(psfs, "instructions")).toMatch(/identify up to three important activities/);
  });
});

describe("pain NRS", () => {
  it("pain now, worst in the last week and during running, each 0 (no pain) to 10 (worst pain imaginable)", () => {
    expect(questionItems(painNrs).map((i) => i.linkId)).toEqual(Object.keys(PAIN_ITEM_PATHS));
    for (const id of Object.keys(PAIN_ITEM_PATHS)) {
      expect(values(id, painNrs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(displays(id, painNrs)[0]).toBe("No pain");
      expect(displays(id, painNrs)[10]).toBe("Worst pain imaginable");
    }
    expect(loinc(itemOf(painNrs, "painNow").code)).toEqual(["72514-3"]);
  });
});

describe("Tegner (Tegner and Lysholm 1985)", () => {
  const level = (n: number) => choiceOptions(itemOf(tegner, TEGNER_LINK_ID)).find((o) => o.value === n)!.display;

  it("has levels 0-10, listed from 10 down as published, one under the other", () => {
    expect(values(TEGNER_LINK_ID, tegner)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(choiceOrientation(itemOf(tegner, TEGNER_LINK_ID))).toBe("vertical");
  });

  it("describes the levels that were mis-described before (3, 4, 7, 8) as the paper does", () => {
    expect(level(7)).toMatch(/Recreational sports:.*running/);
    expect(level(7)).toMatch(/Competitive sports: tennis, athletics \(running\)/);
    expect(level(4)).toMatch(/Recreational sports: cycling, cross-country skiing, jogging on even ground at least twice weekly/);
    expect(level(3)).toMatch(/swimming/);
    expect(level(3)).toMatch(/Walking in forest possible/);
    expect(level(3)).not.toMatch(/cycling|skiing/);
    expect(level(8)).toMatch(/^Competitive sports: bandy, squash or badminton, athletics \(jumping/);
    expect(level(8)).toMatch(/downhill skiing/);
    expect(level(5)).toMatch(/jogging on uneven ground at least twice weekly/);
    expect(level(6)).toMatch(/jogging at least five times per week/);
    expect(level(0)).toBe("Sick leave or disability pension because of knee problems");
  });
});

describe("every item of every definition", () => {
  it("has a unique linkId and, when it asks something, its text", () => {
    for (const id of INSTRUMENT_IDS) {
      const items = allItems(BUILT_IN_INSTRUMENTS[id].item);
      expect(new Set(items.map((i) => i.linkId)).size).toBe(items.length);
      for (const item of items) if (item.type !== "group") expect([id, item.linkId, !!item.text?.trim()]).toEqual([id, item.linkId, true]);
    }
  });
});
