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
import { buildReferralSnapshot, loadFigures } from "@/lib/export/snapshot";
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
  const { thresholds: _t, ...rest } = buildReferralSnapshot(referralSource());
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
