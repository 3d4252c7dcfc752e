/**
 * The referral as a PDF made on the server with pdfkit (real text, not a
 * screenshot): `renderReferralPdf(snapshot, state)` resolves to the bytes of
 * an A4 document that lays out the referral outline
 * (lib/export/referral-outline.ts): the same sections and words as the
 * print page and the FHIR narrative.
 *
 * - Fonts: DejaVu Sans (regular, bold, oblique) from the npm package
 *   `dejavu-fonts-ttf`, embedded (subset) in every PDF, so names print as
 *   written in Latin, Greek, Cyrillic, Armenian, Georgian and Hebrew scripts
 *   ("Łukasz", "Ólafsdóttir", "Ιωάννης", "Дмитрий"), never as "?". The files
 *   are read from node_modules at run time (next.config.js keeps pdfkit
 *   external, so it is not bundled); nothing is downloaded.
 * - Urgency is written as a word (with a colour band, never colour alone);
 *   dates as "3 Nov 2026"; every page has the outline's footer (patient, MRN,
 *   signing, rules version) and "Page n of m". A cancelled referral has a
 *   notice at the top, "CANCELLED" across and in the footer of every page.
 * - Long text wraps and flows across pages; table rows never split, and a
 *   table's header is repeated on a new page.
 * - Deterministic: the creation date is the signing time, not the clock.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

import { URGENCY_WORDS } from "@/lib/domain";
import {
  buildReferralOutline,
  CANCELLED_WORD,
  LIVE,
  type OutlineBlock,
  type ReferralOutline,
  type ReferralState,
} from "./referral-outline";
import type { ReferralSnapshot, StoredReferralSnapshot } from "./types";

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

const FONT_FILES = {
  DejaVuSans: "DejaVuSans.ttf",
  "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
  "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
};
let fontCache: Record<string, Buffer> | null = null;

/** The folder of the DejaVu TrueType files, resolved from the app's own node_modules at run time. */
export function dejaVuFolder(): string {
  const require = createRequire(join(process.cwd(), "package.json"));
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

/** Registers the embedded DejaVu fonts on a document (the letters' PDF shares them). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
}

function fonts(): Record<string, Buffer> {
  if (!fontCache) {
    const folder = dejaVuFolder();
    fontCache = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(join(folder, file))]));
  }
  return fontCache;
}

/** Registers the DejaVu fonts (regular "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique") on a document. */
export function registerDejaVu(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

const FONT = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
const ITALIC = "DejaVuSans-Oblique";
const MARGIN = { top: 48, bottom: 64, left: 50, right: 50 };
export const PDF_MARGIN = MARGIN;
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

export class Layout {
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
    doc.font(BOLD).fontSize(12).fillColor(INK).text(text, this.left, doc.y, { width: this.width });
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
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.15);
  }

  paragraph(text: string, options: { font?: string; size?: number; color?: string; indent?: number } = {}) {
    const { doc } = this;
    const indent = options.indent ?? 0;
    doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? BODY)
      .fillColor(options.color ?? INK);
    doc.text(text, this.left + indent, doc.y, { width: this.width - indent, lineGap: 1.5 });
  }

  /** "Label: text" with the label bold; wraps and flows across pages. */
  labelled(label: string, text: string) {
    const { doc } = this;
    doc.font(BOLD).fontSize(BODY).fillColor(INK).text(`${label}: `, this.left, doc.y, { width: this.width, continued: true, lineGap: 1.5 });
    doc.font(FONT).text(text, { lineGap: 1.5 });
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
      doc.text(item, this.left + 12, y, { width: this.width - 12, lineGap: 1.5 });
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
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 0) - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, shade: boolean) => {
      const h = rowHeight(cells, font);
      const y = doc.y;
      if (shade) doc.rect(this.left, y, this.width, h).fill("#f3f4f6");
      let x = this.left;
      doc.font(font).fontSize(BODY).fillColor(INK);
      cells.forEach((c, i) => {
        doc.text(c, x + pad, y + pad, { width: (cols[i] ?? 0) - 2 * pad, lineGap: 1 });
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
    doc.font(ITALIC).fontSize(SMALL).fillColor(MUTED).text(caption, this.left, doc.y, { width: this.width });
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

export type PdfOptions = {
  /** Compress page contents (default true; false only for debugging). */
  compress?: boolean;
};

export function renderReferralPdf(
  snapshot: StoredReferralSnapshot,
  state: ReferralState = LIVE,
  options: PdfOptions = {},
): Promise<Buffer> {
  const outline = buildReferralOutline(snapshot, state);
  const signed = Date.parse(snapshot.signedAt);
  const when = Number.isNaN(signed) ? new Date(0) : new Date(signed);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: outline.documentTitle,
      Author: snapshot.referrer.name,
      Subject: "Referral note: medial knee pain",
      Creator: "Knee Clinic",
      Producer: "Knee Clinic (pdfkit)",
      CreationDate: when,
      ModDate: when,
    },
  });
  registerDejaVu(doc);
  doc.font(FONT);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    write(new Layout(doc), outline);
    pageMarks(doc, outline);
    doc.end();
  } catch (e) {
    doc.end();
    return Promise.reject(e);
  }
  return done;
}

export function block(l: Layout, b: OutlineBlock) {
  const { doc } = l;
  switch (b.kind) {
    case "facts":
      for (const row of b.rows) l.labelled(row.label, row.value);
      return;
    case "text":
      return l.paragraph(b.text, b.style === "strong" ? { font: BOLD } : b.style === "muted" ? { color: MUTED } : {});
    case "heading":
      return l.subheading(b.text);
    case "list":
      if (b.heading) l.subheading(b.heading);
      return l.bullets(
        b.items.map(
          (i) => [i.lead, i.urgency ? `(${URGENCY_WORDS[i.urgency]})` : null].filter(Boolean).join(" ") + (i.lead ? ": " : "") + i.text,
        ),
        b.empty,
      );
    case "table":
      l.table(b.caption, b.headers, b.rows, b.widths);
      for (const note of b.notes ?? []) l.paragraph(note, { color: MUTED, size: SMALL });
      doc.moveDown(0.2);
      return;
  }
}

function write(l: Layout, o: ReferralOutline) {
  const { doc } = l;

  // --- Title, sender, cancellation ---------------------------------------------
  doc.font(BOLD).fontSize(17).fillColor(INK).text(o.title, l.left, MARGIN.top, { width: l.width });
  l.paragraph(o.sender, { color: MUTED, size: SMALL + 0.5 });
  doc.moveDown(0.6);
  if (o.cancelled) {
    band(l, `${o.cancelled.heading}\n${o.cancelled.text}`, { fill: "#ffffff", text: CANCELLED_INK }, 2);
  }

  // --- Urgency: a word, with a colour band ------------------------------------
  band(l, `URGENCY: ${o.urgency.word.toUpperCase()}  ·  ${o.urgency.label}`, URGENCY_BAND[o.urgency.level], 1);

  // --- Who --------------------------------------------------------------------
  l.table(
    "Patient, referrer and document",
    null,
    [...o.patientRows, ...o.referralRows].map((r) => [r.label, r.value]),
    [1, 3.4],
  );

  for (const section of o.sections) {
    l.heading(section.title);
    for (const b of section.blocks) block(l, b);
  }

  // --- Signature --------------------------------------------------------------------------
  doc.moveDown(1);
  l.ensure(40);
  l.paragraph(o.signature, { font: BOLD });
  l.paragraph(o.disclaimer, { color: MUTED, size: SMALL });
}

const CANCELLED_INK = "#b91c1c";

/** A framed band of bold text (urgency, cancellation). */
function band(l: Layout, text: string, colours: { fill: string; text: string }, frame: number) {
  const { doc } = l;
  doc.font(BOLD).fontSize(11);
  const height = doc.heightOfString(text, { width: l.width - 20 }) + 10;
  const y0 = doc.y;
  doc.rect(l.left, y0, l.width, height).fill(colours.fill);
  doc
    .rect(l.left, y0, l.width, height)
    .lineWidth(frame)
    .strokeColor(frame > 1 ? CANCELLED_INK : INK)
    .stroke();
  doc.fillColor(colours.text).text(text, l.left + 10, y0 + 5, { width: l.width - 20 });
  doc.y = y0 + height + 8;
  doc.x = l.left;
}

/**
 * On every page: the footer (the outline's line and "Page n of m") and, for
 * a cancelled referral, "CANCELLED" written large across the page.
 */
function pageMarks(doc: Doc, o: ReferralOutline) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - MARGIN.bottom + 22;
    // Writing below the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (o.pageMark) {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font(BOLD)
        .fontSize(84)
        .fillColor(CANCELLED_INK)
        .fillOpacity(0.18)
        .text(CANCELLED_WORD, 0, doc.page.height / 2 - 50, { width: doc.page.width, align: "center", lineBreak: false });
      doc.restore();
      doc
        .font(BOLD)
        .fontSize(SMALL + 1)
        .fillColor(CANCELLED_INK);
      doc.text(o.pageMark, MARGIN.left, 22, { width, align: "center", lineBreak: false });
    }
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(FONT).fontSize(SMALL).fillColor(MUTED);
    doc.text(o.footer, MARGIN.left, y, { width: width - 70, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left + width - 70, y, { width: 70, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export type { ReferralSnapshot };
