/**
 * Snapshot versions: a signed referral records the thresholds its
 * assessment was judged with (schema version 2) and every rendering names
 * the clinic's own two-week threshold; a version 1 snapshot, stored before
 * thresholds were recorded, still reads and renders, naming none.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReferralDocument } from "@/app/_components/referral/referral-document";
import { buildReferralBundle } from "@/lib/export/fhir";
import { renderReferralPdf } from "@/lib/export/pdf";
import { buildReferralSnapshot, loadFigures, runningAdviceLines } from "@/lib/export/snapshot";
import type { StoredReferralSnapshot } from "@/lib/export/types";
import { StoredDataError } from "@/lib/stored/read";
import { readReferralSnapshot } from "@/lib/stored/snapshot";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { referralSource } from "@/tests/fixtures/referral/source";

/** A snapshot signed at a clinic that flags a two-week increase above 25%. */
function signedAt25(): StoredReferralSnapshot {
  const source = referralSource();
  source.settings.twoWeekIncreasePct = 25;
  // Stored as JSON and read back, as every export reads it.
  return readReferralSnapshot(JSON.parse(JSON.stringify(buildReferralSnapshot(source))));
}

/** The same snapshot as schema version 1 stored it: no thresholds. */
function version1(): StoredReferralSnapshot {
  const { thresholds: _t, runningAdvice: _r, ...rest } = buildReferralSnapshot(referralSource());
  return readReferralSnapshot(JSON.parse(JSON.stringify({ ...rest, schemaVersion: 1 })));
}

const html = (s: StoredReferralSnapshot) => renderToStaticMarkup(createElement(ReferralDocument, { snapshot: s })).replace(/<[^>]+>/g, " ");
const fhir = (s: StoredReferralSnapshot) => JSON.stringify(buildReferralBundle(s));

describe("schema version 2 records the thresholds", () => {
  it("keeps the settings the assessment was evaluated with", () => {
    const source = referralSource();
    source.settings.twoWeekIncreasePct = 25;
    const s = buildReferralSnapshot(source);
    expect(s.schemaVersion).toBe(2);
    expect(s.thresholds).toEqual(source.settings);
    expect(s.thresholds).not.toBe(source.settings);
  });

  it("prints, exports and narrates the clinic's threshold, never a fixed +30%", async () => {
    const s = signedAt25();
    expect(loadFigures(s).map((f) => f.label)).toContain("Two-week change (flagged above +25%)");
    expect(html(s)).toContain("Two-week change (flagged above +25%)");
    expect(fhir(s)).toContain("Two-week change (flagged above +25%)");
    const pdf = pdfText(await renderReferralPdf(s)).replace(/\s+/g, " ");
    expect(pdf).toContain("Two-week change (flagged above +25%)");
    for (const text of [html(s), fhir(s), pdf]) expect(text).not.toContain("+30%");
  });
});

describe("schema version 1 still renders", () => {
  it("reads and renders everywhere, naming no threshold it did not record", async () => {
    const s = version1();
    expect(s.schemaVersion).toBe(1);
    expect(loadFigures(s).find((f) => f.label.startsWith("Two-week change"))?.label).toBe("Two-week change");
    expect(html(s)).toContain("Two-week change");
    expect(html(s)).not.toContain("flagged above");
    expect(fhir(s)).not.toContain("flagged above");
    const pdf = pdfText(await renderReferralPdf(s));
    expect(pdf).toContain("Ada Runner");
    expect(pdf).not.toContain("flagged above");
  });
});

describe("running advice in every rendering", () => {
  const flat = (text: string) => text.replace(/\s+/g, " ");

  it("a version 2 evaluation: the advice, what it asks and the flags behind it", async () => {
    const s = buildReferralSnapshot(referralSource());
    // The chosen follow-up: a moderate effusion (visible swelling) stops running although its flag is "soon".
    expect(s.runningAdvice).toEqual({
      mode: "stop",
      maxPainDuringRun: null,
      screenComplete: false,
      text: "Stop running",
      detail: "No running until the red flags named are assessed by a physician.",
      because: ["Visible swelling or effusion"],
    });
    expect(runningAdviceLines(s)).toEqual({
      text: "Stop running.",
      detail: "No running until the red flags named are assessed by a physician.",
      because: "Because of: Visible swelling or effusion.",
    });
    const pdf = flat(pdfText(await renderReferralPdf(s)));
    for (const text of [flat(html(s)), fhir(s), pdf]) {
      expect(text).toContain("Stop running.");
      expect(text).toContain("Because of: Visible swelling or effusion.");
    }
  });

  it("pain-monitored advice names the clinic's limit", () => {
    const source = referralSource();
    const e = source.assessment.evaluation;
    if (e.rulesVersion !== "2") throw new Error("fixture is version 2");
    e.runningAdvice = { mode: "pain_monitored", maxPainDuringRun: 2, screenComplete: true, because: [] };
    const s = buildReferralSnapshot(source);
    expect(runningAdviceLines(s)).toMatchObject({ text: "Pain up to 2 of 10 during the run, settled by the next morning.", because: null });
    expect(html(s)).toContain("Pain up to 2 of 10 during the run, settled by the next morning.");
  });

  it("an evaluation of rules version 1 gave none, and the referral says so; a version 1 snapshot did not record it", () => {
    const source = referralSource();
    const { runningAdvice: _a, ...rest } = source.assessment.evaluation as Extract<
      typeof source.assessment.evaluation,
      { rulesVersion: "2" }
    >;
    source.assessment.evaluation = {
      ...rest,
      rulesVersion: "1",
      redFlags: [],
      redFlagsAbsent: [],
      redFlagsNotAssessed: [],
      load: undefined,
    };
    const s = buildReferralSnapshot(source);
    expect(s.runningAdvice).toBeNull();
    expect(runningAdviceLines(s).text).toBe("No running advice: this evaluation was made under rules version 1, which gave none.");
    expect(fhir(s)).toContain("made under rules version 1");
    expect(runningAdviceLines(version1()).text).toBe("Not recorded in this summary (signed before running advice was recorded).");
  });
});

describe("the snapshot reader", () => {
  it("refuses an unknown schema version and a version 2 snapshot without its thresholds, naming the path", () => {
    const s = buildReferralSnapshot(referralSource());
    expect(() => readReferralSnapshot({ ...s, schemaVersion: 3 })).toThrow(StoredDataError);
    expect(() => readReferralSnapshot({ ...s, schemaVersion: 3 })).toThrow(/schemaVersion/);
    const { thresholds: _t, ...withoutThresholds } = s;
    expect(() => readReferralSnapshot(withoutThresholds)).toThrow(/stored referral snapshot is not readable: thresholds/);
    expect(() => readReferralSnapshot(null)).toThrow(StoredDataError);
  });
});
