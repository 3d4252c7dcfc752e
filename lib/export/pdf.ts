/**
 * The referral as a PDF made on the server with pdfkit (real text, not a
 * screenshot): `renderReferralPdf(snapshot)` resolves to the bytes of an A4
 * document with the same content as the printable page (SPEC.md section 8).
 *
 * - Standard PDF fonts (Helvetica): nothing to embed. pdfkit reads their
 *   metric files (.afm) from its own `js/data` folder at run time, which
 *   works when pdfkit is loaded from node_modules: a plain Node script, jest,
 *   and Next (next.config.js lists pdfkit in serverExternalPackages, so it is
 *   not bundled).
 * - Helvetica can only encode WinAnsi (Windows-1252) characters: every string
 *   goes through `toWinAnsi`, which keeps those, transliterates Latin letters
 *   with diacritics ("Łukasz" -> "Lukasz"), Greek and Cyrillic, and writes
 *   "?" for the rest, so a name never crashes or garbles the PDF. The
 *   document metadata (title, author) keeps the original spelling.
 * - Urgency is written as a word (with a colour band, never colour alone);
 *   dates as "3 Nov 2026"; every page has a footer with the patient's name,
 *   MRN, "Referral signed <date> · rules version <n>" and "Page n of m".
 * - Long text wraps and flows across pages; table rows never split, and a
 *   table's header is repeated on a new page.
 * - Deterministic: the creation date is the signing time, not the clock.
 */
import { URGENCY_LABELS, ASSESSMENT_KIND_LABELS, SEX_LABELS, SIDE_LABELS, URGENCY_WORDS } from "@/lib/domain";
import PDFDocument from "pdfkit";

import { formatDate } from "@/lib/format";
import {
  formatScore,
  loadFigures,
  patientName,
  runningAdviceLines,
  screenAttestationLine,
  signedWhen,
  spikeText,
  thresholdText,
} from "./snapshot";
import type { Finding, ReferralSnapshot, StoredReferralSnapshot } from "./types";

// ---------------------------------------------------------------------------
// WinAnsi (Windows-1252) text
// ---------------------------------------------------------------------------

/** Characters of Windows-1252 at 0x80-0x9F (the rest is ASCII and Latin-1). */
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.includes(ch) || ch === "\n";
}

/** Letters that do not decompose into a base letter and a mark, and common symbols. */
const SPECIAL: Readonly<Record<string, string>> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  Ŋ: "N",
  ŋ: "n",
  Ŧ: "T",
  ŧ: "t",
  ĸ: "k",
  ſ: "s",
  Ə: "E",
  ə: "e",
  "≥": ">=",
  "≤": "<=",
  "≠": "!=",
  "→": "->",
  "←": "<-",
  "−": "-",
  "‐": "-",
  "‑": "-",
  "′": "'",
  "″": '"',
  "✓": "yes",
  "\t": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\u2007": " ",
  "\u200b": "",
};

const CYRILLIC: Readonly<Record<string, string>> = {
  А: "A",
  Б: "B",
  В: "V",
  Г: "G",
  Ґ: "G",
  Д: "D",
  Е: "E",
  Є: "Ye",
  Ж: "Zh",
  З: "Z",
  И: "I",
  І: "I",
  Ї: "Yi",
  Й: "Y",
  К: "K",
  Л: "L",
  М: "M",
  Н: "N",
  О: "O",
  П: "P",
  Р: "R",
  С: "S",
  Т: "T",
  У: "U",
  Ф: "F",
  Х: "Kh",
  Ц: "Ts",
  Ч: "Ch",
  Ш: "Sh",
  Щ: "Shch",
  Ъ: "",
  Ы: "Y",
  Ь: "",
  Э: "E",
  Ю: "Yu",
  Я: "Ya",
  Ё: "Yo",
};

const GREEK: Readonly<Record<string, string>> = {
  Α: "A",
  Β: "V",
  Γ: "G",
  Δ: "D",
  Ε: "E",
  Ζ: "Z",
  Η: "I",
  Θ: "Th",
  Ι: "I",
  Κ: "K",
  Λ: "L",
  Μ: "M",
  Ν: "N",
  Ξ: "X",
  Ο: "O",
  Π: "P",
  Ρ: "R",
  Σ: "S",
  Τ: "T",
  Υ: "Y",
  Φ: "F",
  Χ: "Ch",
  Ψ: "Ps",
  Ω: "O",
};

function transliterate(ch: string): string | undefined {
  const upper = ch.toUpperCase();
  const latin = CYRILLIC[upper] ?? GREEK[upper] ?? (ch === "ς" ? "S" : undefined);
  if (latin === undefined) return undefined;
  return ch === upper ? latin : latin.toLowerCase();
}

/** `text` with every character Helvetica (WinAnsi) can encode; see the header. */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const direct = SPECIAL[ch] ?? transliterate(ch);
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    // "ő" -> "o" + combining mark; "ά" -> "α" + mark. Controls become spaces; the rest "?".
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (base === "" || /\p{C}/u.test(base)) {
      out += /\p{C}/u.test(ch) ? " " : "?";
      continue;
    }
    for (const b of base) out += isWinAnsi(b) ? b : (SPECIAL[b] ?? transliterate(b) ?? "?");
  }
  return out;
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";
const ITALIC = "Helvetica-Oblique";
const MARGIN = { top: 48, bottom: 64, left: 50, right: 50 };
const BODY = 9.5;
const SMALL = 8;
const INK = "#111111";
const MUTED = "#444444";
const RULE = "#9ca3af";

const URGENCY_BAND: Readonly<Record<ReferralSnapshot["urgency"], { fill: string; text: string }>> = {
  emergency: { fill: "#b91c1c", text: "#ffffff" },
  urgent: { fill: "#fed7aa", text: "#111111" },
  soon: { fill: "#fde68a", text: "#111111" },
  routine: { fill: "#d1fae5", text: "#111111" },
};

type Doc = PDFKit.PDFDocument;

class Layout {
  constructor(readonly doc: Doc) {}

  get left() {
    return MARGIN.left;
  }
  get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }
  /** Usable height of a whole page. */
  get pageHeight() {
    return this.doc.page.height - MARGIN.top - MARGIN.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string) {
    const { doc } = this;
    this.ensure(60); // keep a heading with the first lines of its section
    doc.moveDown(0.6);
    doc.font(BOLD).fontSize(12).fillColor(INK).text(toWinAnsi(text), this.left, doc.y, { width: this.width });
    const y = doc.y + 1;
    doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + 4;
  }

  subheading(text: string) {
    this.ensure(36);
    this.doc.moveDown(0.3);
    this.doc
      .font(BOLD)
      .fontSize(BODY + 0.5)
      .fillColor(INK)
      .text(toWinAnsi(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.15);
  }

  paragraph(text: string, options: { font?: string; size?: number; color?: string; indent?: number } = {}) {
    const { doc } = this;
    const indent = options.indent ?? 0;
    doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? BODY)
      .fillColor(options.color ?? INK);
    doc.text(toWinAnsi(text), this.left + indent, doc.y, { width: this.width - indent, lineGap: 1.5 });
  }

  /** "Label: text" with the label bold; wraps and flows across pages. */
  labelled(label: string, text: string) {
    const { doc } = this;
    doc
      .font(BOLD)
      .fontSize(BODY)
      .fillColor(INK)
      .text(toWinAnsi(`${label}: `), this.left, doc.y, { width: this.width, continued: true, lineGap: 1.5 });
    doc.font(FONT).text(toWinAnsi(text), { lineGap: 1.5 });
  }

  bullets(items: string[], empty = "None.") {
    if (items.length === 0) return this.paragraph(empty, { color: MUTED });
    for (const item of items) {
      this.ensure(14);
      const { doc } = this;
      const y = doc.y;
      doc
        .font(FONT)
        .fontSize(BODY)
        .fillColor(INK)
        .text("•", this.left + 2, y, { width: 10, lineBreak: false });
      doc.text(toWinAnsi(item), this.left + 12, y, { width: this.width - 12, lineGap: 1.5 });
    }
  }

  /**
   * A table with a header row, repeated on a new page. A row never splits;
   * a row taller than a whole page is written as label/paragraph instead.
   */
  table(caption: string, headers: string[] | null, rows: string[][], widths: number[]) {
    const { doc } = this;
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => (w / total) * this.width);
    const pad = 3;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(BODY);
      return Math.max(...cells.map((c, i) => doc.heightOfString(toWinAnsi(c), { width: (cols[i] ?? 0) - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, shade: boolean) => {
      const h = rowHeight(cells, font);
      const y = doc.y;
      if (shade) doc.rect(this.left, y, this.width, h).fill("#f3f4f6");
      let x = this.left;
      doc.font(font).fontSize(BODY).fillColor(INK);
      cells.forEach((c, i) => {
        doc.text(toWinAnsi(c), x + pad, y + pad, { width: (cols[i] ?? 0) - 2 * pad, lineGap: 1 });
        x += cols[i] ?? 0;
      });
      doc
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      doc.x = this.left;
      doc.y = y + h;
    };
    const header = () => {
      if (headers) drawRow(headers, BOLD, true);
    };

    this.ensure((headers ? rowHeight(headers, BOLD) : 0) + (rows[0] ? rowHeight(rows[0], FONT) : 0) + 14);
    doc.font(ITALIC).fontSize(SMALL).fillColor(MUTED).text(toWinAnsi(caption), this.left, doc.y, { width: this.width });
    doc.moveDown(0.2);
    header();
    for (const row of rows) {
      const h = rowHeight(row, FONT);
      if (h > this.pageHeight - 40) {
        // Too tall for any page: fall back to flowing text.
        row.forEach((cell, i) => (i === 0 && !headers ? this.subheading(cell) : this.labelled(headers?.[i] ?? "", cell)));
        continue;
      }
      if (doc.y + h > this.bottom) {
        doc.addPage();
        header();
      }
      drawRow(row, FONT, false);
    }
    doc.moveDown(0.3);
  }
}

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

const findingText = (f: Finding) => `${f.label}: ${f.value}`;

export type PdfOptions = {
  /** Compress page contents (default true; false only for debugging). */
  compress?: boolean;
};

export function renderReferralPdf(snapshot: StoredReferralSnapshot, options: PdfOptions = {}): Promise<Buffer> {
  const s = snapshot;
  const name = patientName(s);
  const signed = Date.parse(s.signedAt);
  const when = Number.isNaN(signed) ? new Date(0) : new Date(signed);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: `Referral: ${name} (MRN ${s.patient.mrn})`,
      Author: s.referrer.name,
      Subject: "Referral note: medial knee pain",
      Creator: "Knee Clinic",
      Producer: "Knee Clinic (pdfkit)",
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    write(new Layout(doc), s);
    footers(doc, s);
    doc.end();
  } catch (e) {
    doc.end();
    return Promise.reject(e);
  }
  return done;
}

function write(l: Layout, s: StoredReferralSnapshot) {
  const { doc } = l;
  const name = patientName(s);
  const side = SIDE_LABELS[s.episode.side];

  // --- Title and sender -------------------------------------------------------
  doc.font(BOLD).fontSize(17).fillColor(INK).text(toWinAnsi("Referral: medial knee pain"), l.left, MARGIN.top, { width: l.width });
  l.paragraph([s.clinic.name, s.clinic.address, s.clinic.phone ? `Tel. ${s.clinic.phone}` : null].filter(Boolean).join(" · "), {
    color: MUTED,
    size: SMALL + 0.5,
  });
  doc.moveDown(0.6);

  // --- Urgency: a word, with a colour band ------------------------------------
  const band = URGENCY_BAND[s.urgency];
  const urgencyText = toWinAnsi(`URGENCY: ${URGENCY_WORDS[s.urgency].toUpperCase()}  ·  ${URGENCY_LABELS[s.urgency]}`);
  doc.font(BOLD).fontSize(11);
  const bandHeight = doc.heightOfString(urgencyText, { width: l.width - 20 }) + 10;
  const y0 = doc.y;
  doc.rect(l.left, y0, l.width, bandHeight).fill(band.fill);
  doc.rect(l.left, y0, l.width, bandHeight).lineWidth(1).strokeColor(INK).stroke();
  doc.fillColor(band.text).text(urgencyText, l.left + 10, y0 + 5, { width: l.width - 20 });
  doc.y = y0 + bandHeight + 8;
  doc.x = l.left;

  // --- Who --------------------------------------------------------------------
  l.table(
    "Patient, referrer and document",
    null,
    [
      ["Patient", `${name} · MRN ${s.patient.mrn}`],
      ["Born", `${formatDate(s.patient.birthDate)} (${s.patient.ageYears} years at assessment) · ${SEX_LABELS[s.patient.sex]}`],
      ["Knee", `${side} · ${s.episode.complaint}`],
      ...(s.patient.phone || s.patient.email ? [["Patient contact", [s.patient.phone, s.patient.email].filter(Boolean).join(" · ")]] : []),
      ["To", s.recipient ?? "Not specified"],
      ["Referrer", [s.referrer.name, s.referrer.title].filter(Boolean).join(", ")],
      ["Referrer contact", [s.referrer.phone, s.referrer.email].filter(Boolean).join(" · ")],
      [
        "Assessment",
        `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} on ${formatDate(s.assessment.assessedOn)}, signed by ${s.assessment.signedByName}`,
      ],
      ["Referral signed", `${signedWhen(s)} · rules version ${s.rulesVersion}`],
    ],
    [1, 3.4],
  );

  // --- 1. Reason and question ---------------------------------------------------
  l.heading("Reason for referral and question");
  l.labelled("Reason", s.reason);
  doc.moveDown(0.3);
  l.subheading("Question for the receiving clinician");
  l.paragraph(s.question, { font: BOLD });

  // --- 2. History ---------------------------------------------------------------
  l.heading("History");
  l.labelled("Mechanism", s.history.mechanism);
  l.labelled("Duration", s.history.durationText);
  if (s.history.symptoms.length > 0) {
    doc.moveDown(0.3);
    // Short answers two pairs to a row; long free text below the table, in full width.
    const short = s.history.symptoms.filter((f) => f.value.length <= 240);
    const long = s.history.symptoms.filter((f) => f.value.length > 240);
    const half = Math.ceil(short.length / 2);
    const pairs = short.slice(0, half).map((f, i) => {
      const g = short[half + i];
      return [f.label, f.value, g?.label ?? "", g?.value ?? ""];
    });
    if (pairs.length > 0)
      l.table(
        "Symptoms, history and training habits (as recorded)",
        ["Finding", "Answer", "Finding", "Answer"],
        pairs,
        [1.45, 1.3, 1.45, 1.3],
      );
    for (const f of long) l.labelled(f.label, f.value);
  }

  // --- 3. Red flags ---------------------------------------------------------------
  l.heading("Red flags");
  l.subheading("Present");
  l.bullets(s.redFlags.map((f) => `${f.label} (${URGENCY_WORDS[f.urgency]}): ${f.because.map(findingText).join("; ")}`));
  l.subheading("Checked and absent");
  l.paragraph(s.redFlagsAbsent.length === 0 ? "None." : `${s.redFlagsAbsent.map((f) => f.label).join("; ")}.`);
  l.subheading("Not assessed");
  l.bullets(
    s.redFlagsNotAssessed.map((f) => f.label),
    "None: every red flag was assessed.",
  );
  const attested = screenAttestationLine(s);
  if (attested) l.paragraph(attested);

  // --- Running advice ------------------------------------------------------------------
  const advice = runningAdviceLines(s);
  l.heading("Running advice");
  l.paragraph(advice.text);
  if (advice.detail) l.paragraph(advice.detail);
  if (advice.because) l.paragraph(advice.because, { color: MUTED });

  // --- 4. Examination ----------------------------------------------------------------
  l.heading("Examination");
  if (s.examination.length === 0) l.paragraph("No examination recorded at this assessment.", { color: MUTED });
  else
    l.table(
      `Examination on ${formatDate(s.assessment.assessedOn)}`,
      ["Test", "Result"],
      s.examination.map((e) => [e.test, e.result]),
      [1.2, 2.3],
    );

  // --- 5. Considerations ---------------------------------------------------------------
  l.heading("Considerations (not diagnoses)");
  l.bullets(s.considerations.map((c) => `${c.label}${c.supporting.length > 0 ? `: ${c.supporting.map(findingText).join("; ")}` : ""}`));

  // --- 6. Outcome measures ---------------------------------------------------------------
  l.heading("Outcome measures");
  if (s.outcomes.length === 0) l.paragraph("No outcome measures recorded.", { color: MUTED });
  else {
    const all = [...new Set(s.outcomes.flatMap((o) => o.points.map((p) => p.date)))].sort();
    // At most five date columns: the baseline and the latest four.
    const dates = all.length > 5 ? [all[0] as string, ...all.slice(-4)] : all;
    l.table(
      "Scores by assessment date, with the important change and the comparison with baseline",
      ["Measure", ...dates.map(formatDate), "Important change", "vs baseline"],
      s.outcomes.map((o) => [
        `${o.label} (${o.unit})`,
        ...dates.map((d) => {
          const p = o.points.find((x) => x.date === d);
          return p ? formatScore(p.value) : "—";
        }),
        thresholdText(o),
        o.vsBaseline ?? "—",
      ]),
      [1.9, ...dates.map(() => 1.05), 1.7, 0.85],
    );
    if (all.length > dates.length)
      l.paragraph(`${all.length - dates.length} earlier assessment date(s) not shown.`, { color: MUTED, size: SMALL });
  }

  // --- 7. Training load -----------------------------------------------------------------
  l.heading("Training load");
  l.paragraph(s.trainingLoad.trendText);
  doc.moveDown(0.3);
  l.table(
    "Weekly distance (ISO weeks, Monday start)",
    ["Week of", ...s.trainingLoad.weekly.map((w) => formatDate(w.weekStart).replace(/ \d{4}$/, "") + (w.complete ? "" : "*"))],
    [["km", ...s.trainingLoad.weekly.map((w) => formatScore(w.km))]],
    [1, ...s.trainingLoad.weekly.map(() => 1)],
  );
  if (s.trainingLoad.weekly.some((w) => !w.complete)) l.paragraph("* up to the assessment day", { color: MUTED, size: SMALL });
  l.bullets(loadFigures(s).map((f) => `${f.label}: ${f.value}`));
  l.subheading("Single-run spikes");
  l.bullets(s.trainingLoad.spikes.map(spikeText));
  l.subheading("Risk factors");
  l.bullets(s.riskFactors.map((r) => `${r.label}: ${r.because.map(findingText).join("; ")}`));

  // --- 8. Treatment and response ------------------------------------------------------------
  l.heading("Treatment and response");
  l.labelled("Treatments tried before", s.treatment.treatmentsTried ?? "not recorded");
  l.labelled("Treatment so far", s.treatment.treatmentSoFar ?? "not recorded");
  l.labelled("Response to treatment", s.treatment.responseToTreatment ?? "not recorded");
  if (s.treatment.notes) l.labelled("Notes", s.treatment.notes);
  if (s.treatment.visits.length > 0) {
    doc.moveDown(0.3);
    l.table(
      "Plan and response by visit",
      ["Visit", "Plan", "Response"],
      s.treatment.visits.map((v) => [
        `${formatDate(v.date)} (${ASSESSMENT_KIND_LABELS[v.kind]})`,
        [...v.planItems.map((item) => `• ${item}`), ...(v.planNotes ? [`Notes: ${v.planNotes}`] : [])].join("\n") || "—",
        v.response ?? "—",
      ]),
      [1.1, 3.4, 0.9],
    );
  }

  // --- 9. Medication, allergies, comorbidities -----------------------------------------------
  l.heading("Medication, allergies and comorbidities");
  l.labelled("Medication", s.medication ?? "not recorded");
  l.labelled("Allergies", s.allergies ?? "not recorded");
  l.labelled("Comorbidities", s.comorbidities ?? "not recorded");

  // --- Signature --------------------------------------------------------------------------
  doc.moveDown(1);
  l.ensure(40);
  l.paragraph(
    `Signed by ${[s.referrer.name, s.referrer.title].filter(Boolean).join(", ")} on ${signedWhen(s)}. Contact: ${[s.referrer.phone, s.referrer.email].filter(Boolean).join(" · ")}.`,
    { font: BOLD },
  );
  l.paragraph(
    `Decision support, rules version ${s.rulesVersion}: red flags and considerations list the findings that triggered them and are not diagnoses.`,
    {
      color: MUTED,
      size: SMALL,
    },
  );
}

/** Footer on every page: patient, MRN, signing date, rules version, "Page n of m". */
function footers(doc: Doc, s: StoredReferralSnapshot) {
  const range = doc.bufferedPageRange();
  const text = toWinAnsi(`${patientName(s)} · MRN ${s.patient.mrn} · Referral signed ${signedWhen(s)} · rules version ${s.rulesVersion}`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - MARGIN.bottom + 22;
    // Writing below the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(FONT).fontSize(SMALL).fillColor(MUTED);
    doc.text(text, MARGIN.left, y, { width: width - 70, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left + width - 70, y, { width: 70, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
