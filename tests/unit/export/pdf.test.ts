/**
 * renderReferralPdf: a real, text-based A4 PDF. The text is read back from
 * the production (compressed) output by tests/fixtures/referral/pdf-text.ts
 * (zlib-inflated content streams, text operators decoded through the
 * embedded fonts' ToUnicode maps), so the assertions are about what a reader
 * of the PDF gets: the patient, the question, urgency as a word, dates as
 * "4 Nov 2026", a footer with "Page n of m" on every page; long text flowing
 * over pages; names in other scripts printed as written (DejaVu Sans
 * embedded); a cancelled referral marked on every page.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { renderReferralPdf } from "@/lib/export/pdf";
import { buildReferralSnapshot } from "@/lib/export/snapshot";
import type { ReferralSnapshot, SnapshotSource } from "@/lib/export/types";
import { pdfEmbeddedFonts, pdfPageCount, pdfStreams, pdfText } from "@/tests/fixtures/referral/pdf-text";
import { referralSource } from "@/tests/fixtures/referral/source";

function snapshot(mutate?: (s: SnapshotSource) => void): ReferralSnapshot {
  const source = referralSource();
  mutate?.(source);
  return buildReferralSnapshot(source);
}

/** The text without the page footers, line breaks undone (pdfkit keeps the space at each wrap). */
const flat = (text: string) =>
  text
    .split("\n")
    .filter((line) => !/ · MRN KC-004217 · Referral signed |^Page \d+ of \d+$/.test(line))
    .join("\n")
    .replace(/\s+/g, " ");

const LOREM =
  "Runner reports pain on the inner side of the knee after long runs, easing with rest but returning on the next run. " +
  "Tried load reduction, strengthening and a change of shoes with partial benefit; swelling appears after runs over 15 km. ";

describe("renderReferralPdf", () => {
  let pdf: Buffer;
  let text: string;
  const s = snapshot();
  beforeAll(async () => {
    pdf = await renderReferralPdf(s);
    text = pdfText(pdf);
  });

  test("a valid PDF file: header, trailer, A4 pages, compressed real text", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
    expect(pdfStreams(pdf).length).toBeGreaterThan(0);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
  });

  test("states the patient, the question, the reason and the referrer", () => {
    expect(text).toContain("Ada Runner · MRN KC-004217");
    expect(flat(text)).toContain(s.question);
    expect(flat(text)).toContain(s.reason);
    expect(text).toContain("Jonas Berg, Physiotherapist");
    expect(text).toContain("+44 20 7946 0012 · jonas.berg@riverside.example");
    expect(text).toContain("Dr Sam Okafor, Sports Medicine, City Hospital");
  });

  test("has the headings of every part of the summary", () => {
    for (const heading of [
      "Reason for referral and question",
      "Question for the receiving clinician",
      "History",
      "Red flags",
      "Running advice",
      "Checked and absent",
      "Not assessed",
      "Examination",
      "Considerations (not diagnoses)",
      "Outcome measures",
      "Training load",
      "Treatment and response",
      "Medication, allergies and comorbidities",
    ]) {
      expect(text.split("\n")).toContain(heading);
    }
  });

  test("urgency is a word; dates are written like 4 Nov 2026, never ISO", () => {
    expect(text).toContain("URGENCY: SOON  ·  Soon: medical evaluation within 1-2 weeks");
    expect(text).toContain("Follow-up on 4 Nov 2026, signed by Jonas Berg");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test("the clinical content: red flags absent and not assessed, tests named, outcome trend with thresholds, load", () => {
    const f = flat(text);
    expect(f).toContain("Visible swelling or effusion (Soon): Visible swelling: yes; Effusion: moderate");
    expect(f).toContain("Suspected deep vein thrombosis");
    expect(f).toContain("Suspected tumour");
    expect(text).toMatch(/Valgus stress at 30°\nlaxity/);
    expect(text).toMatch(/McMurray\npositive/);
    expect(f).toContain("Measure 5 Oct 2026 (baseline) 19 Oct 2026 4 Nov 2026 Important change vs baseline"); // outcome columns
    expect(f).toContain("10 points (higher is better)");
    expect(f).toContain("Weekly distance rose from 20 km to 34 km over the last 4 complete weeks");
    expect(f).toContain("Penicillin (rash)");
    expect(f).toContain("Ibuprofen 400 mg as needed (about twice a week)");
  });

  test("a footer with the patient, MRN, signing date, rules version and Page n of m on every page", () => {
    const pages = pdfPageCount(pdf);
    const footer = "Ada Runner · MRN KC-004217 · Referral signed 4 Nov 2026, 15:42 GMT · rules version 2";
    expect(text.split("\n").filter((l) => l === footer)).toHaveLength(pages);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1} of`);
  });

  test("deterministic: the same snapshot gives the same bytes, whatever the clock says", async () => {
    jest.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const again = await renderReferralPdf(s);
      expect(again.equals(pdf)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("renderReferralPdf: long text and other scripts", () => {
  test("very long free text wraps across pages, complete, with footers on every page", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `(${i + 1}) ${LOREM}`).join("") + "END-OF-NOTES";
    const longCell = `${LOREM.repeat(30)}ENDOFCELL`;
    const short = await renderReferralPdf(snapshot());
    const pdf = await renderReferralPdf(
      snapshot((src) => {
        src.referral.draft.notes = long;
        src.referral.question = `${LOREM.repeat(8)}END-OF-QUESTION`;
        src.assessment.answers.context = { notes: longCell }; // a history finding longer than a page
      }),
    );
    const text = pdfText(pdf);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(pdfPageCount(short) + 2);
    expect(flat(text)).toContain(long);
    expect(flat(text)).toContain(longCell);
    expect(flat(text)).toContain("END-OF-QUESTION");
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text.split("\n").filter((l) => l.startsWith("Ada Runner · MRN KC-004217 · Referral signed"))).toHaveLength(pages);
  });

  test("names in other scripts print as written: DejaVu Sans is embedded, no '?' and no transliteration", async () => {
    const pdf = await renderReferralPdf(
      snapshot((src) => {
        src.patient.givenName = "Łukasz";
        src.patient.familyName = "Żółć-Brzęczyszczykiewicz";
        src.referrer.name = "Дмитрий Ковальчук";
        src.referral.question = "Ελένη Παπαδοπούλου and Þórdís Ólafsdóttir ask: is running OK? Café, Straße, €5, “quotes”, ≥ 2.";
      }),
    );
    const text = pdfText(pdf);
    expect(text).toContain("Łukasz Żółć-Brzęczyszczykiewicz · MRN KC-004217");
    expect(text).toContain("Дмитрий Ковальчук");
    expect(flat(text)).toContain("Ελένη Παπαδοπούλου and Þórdís Ólafsdóttir ask: is running OK? Café, Straße, €5, “quotes”, ≥ 2.");
    expect(text).not.toContain("?,");
    expect(text).not.toContain("\uFFFD");
    expect(pdfEmbeddedFonts(pdf)).toEqual(["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]);
    expect(pdf.toString("latin1")).not.toContain("Helvetica");
  });

  test("a cancelled referral says CANCELLED on every page, when and why, and is never titled as a live referral", async () => {
    const state = { cancelled: { at: "2026-11-06T10:00:00.000Z", reason: "Seen in the emergency department instead" } };
    const pdf = await renderReferralPdf(snapshot(), state);
    const text = pdfText(pdf);
    const pages = pdfPageCount(pdf);
    const lines = text.split("\n");
    expect(lines.filter((l) => l === "CANCELLED on 6 Nov 2026: not a live referral, do not act on it")).toHaveLength(pages);
    expect(lines.filter((l) => l === "CANCELLED")).toHaveLength(pages);
    expect(lines[0]).toBe("Referral (cancelled): medial knee pain");
    expect(flat(text)).toContain("CANCELLED: this referral was cancelled on 6 Nov 2026, 10:00 GMT. Do not act on it.");
    expect(flat(text)).toContain("Reason: Seen in the emergency department instead");
    expect(pdf.toString("latin1")).toContain("(CANCELLED referral: Ada Runner ");
    // The live referral says none of it.
    const live = pdfText(await renderReferralPdf(snapshot()));
    expect(live).not.toMatch(/cancel/i);
  });

  test("works from a plain Node process (tsx), where pdfkit reads its font metrics from node_modules", () => {
    const script = join(__dirname, "..", "..", "fixtures", "referral", "render-pdf.ts");
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: join(__dirname, "..", "..", ".."),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const pdf = Buffer.from(run.stdout, "base64");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfText(pdf)).toContain("Ada Runner · MRN KC-004217");
  }, 60_000);
});
