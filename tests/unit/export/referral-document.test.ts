/**
 * ReferralDocument: the printable summary renders on the server (no hooks,
 * no client code) from the snapshot alone, with the whole content, urgency as
 * a word, accessible tables (caption, scoped headers) and print variants.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReferralDocument } from "@/app/_components/referral/referral-document";
import { buildReferralSnapshot } from "@/lib/export/snapshot";
import { referralSource } from "@/tests/fixtures/referral/source";

const snapshot = buildReferralSnapshot(referralSource());
const html = renderToStaticMarkup(createElement(ReferralDocument, { snapshot }));
/** The visible text, tags removed and entities decoded. */
const text = html
  .replace(/<[^>]+>/g, " ")
  .replace(/&#x27;|&#39;/g, "'")
  .replace(/&quot;/g, '"')
  .replace(/&amp;/g, "&")
  .replace(/\s+/g, " ");

describe("ReferralDocument", () => {
  test("is a server component: no 'use client', no hooks", () => {
    const source = readFileSync(join(__dirname, "..", "..", "..", "app", "_components", "referral", "referral-document.tsx"), "utf8");
    expect(source).not.toMatch(/["']use client["']/);
    expect(source).not.toMatch(/\buse(State|Effect|Ref|Memo|Callback|Id|Context|Reducer|Transition)\b/);
  });

  test("states the patient, urgency as a word, the reason and the question", () => {
    expect(text).toContain("Ada Runner");
    expect(text).toContain("KC-004217");
    expect(text).toMatch(/Urgency: Soon Soon: medical evaluation within 1-2 weeks/);
    expect(text).toContain(snapshot.reason);
    expect(text).toContain(snapshot.question);
    expect(text).toContain("Dr Sam Okafor, Sports Medicine, City Hospital");
    expect(text).toContain("Jonas Berg, Physiotherapist");
  });

  test("every section, with red flags present, absent and not assessed", () => {
    for (const heading of [
      "Reason for referral and question",
      "History",
      "Red flags",
      "Running advice",
      "Examination",
      "Considerations (not diagnoses)",
      "Outcome measures",
      "Training load",
      "Treatment and response",
      "Medication, allergies and comorbidities",
    ]) {
      expect(html).toContain(`>${heading}</h3>`);
    }
    expect(text).toMatch(/Checked and absent .*Suspected deep vein thrombosis/);
    expect(text).toMatch(/Not assessed Suspected tumour/);
    expect(text).toContain("Visible swelling: yes; Effusion: moderate");
    expect(text).toContain("Valgus stress at 30° laxity");
    expect(text).toContain("Tenderness medial joint line, MCL");
  });

  test("an assessment signed with its screen incomplete: the signer's reason under the red flags", () => {
    const source = referralSource();
    source.assessment.screenAttestation = "Runner in acute pain: examination deferred";
    const attested = renderToStaticMarkup(createElement(ReferralDocument, { snapshot: buildReferralSnapshot(source) }));
    expect(attested).toContain("Screen incomplete: Runner in acute pain: examination deferred");
    expect(html).not.toContain("Screen incomplete:");
  });

  test("outcome trend table with dates, threshold and comparison; accessible tables", () => {
    expect(text).toContain("Measure 5 Oct 2026 (baseline) 19 Oct 2026 4 Nov 2026 Important change vs baseline");
    expect(text).toContain("KOOS Pain (0-100) 50 75 50 10 points (higher is better) Unchanged");
    expect(text).toContain("Tegner activity level (level 0-10) 6 6 5 1 level (higher is better) Worsened");
    const tables = html.match(/<table/g) ?? [];
    expect(tables.length).toBe(4); // examination, outcomes, weekly distance, plan by visit
    expect((html.match(/<caption/g) ?? []).length).toBe(tables.length);
    const headerCells = html.match(/<th[\s>][^>]*>/g) ?? [];
    expect(headerCells.length).toBeGreaterThan(30);
    expect(headerCells.filter((th) => !/ scope="(col|row)"/.test(th))).toEqual([]);
  });

  test("print stylesheet variants and unique ids", () => {
    expect(html).toContain("print:text-black");
    expect(html).toContain("print:break-inside-avoid");
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(ids).toContain(m[1]);
  });

  test("dates are written like 4 Nov 2026, never ISO", () => {
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
