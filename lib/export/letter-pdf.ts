/**
 * A signed letter (discharge summary, GP letter) as a PDF: the letter's
 * blocks (lib/export/letter.ts) laid out by the referral PDF's own layout
 * (lib/export/pdf.ts: DejaVu Sans embedded, tables that never split a row),
 * with the footer and "Page n of m" on every page. Deterministic: the
 * creation date is the signing time.
 */
import PDFDocument from "pdfkit";
import type { Letter } from "./letter";
import { block, Layout, PDF_MARGIN, registerFonts } from "./pdf";

export function renderLetterPdf(letter: Letter, meta: { author: string; signedAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: PDF_MARGIN,
    bufferPages: true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: letter.title,
      Author: meta.author,
      Subject: letter.title,
      Creator: "Knee Clinic",
      Producer: "Knee Clinic (pdfkit)",
      CreationDate: meta.signedAt,
      ModDate: meta.signedAt,
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    const l = new Layout(doc);
    doc.font("DejaVuSans-Bold").fontSize(16).text(letter.title, l.left, doc.y, { width: l.width });
    for (const line of letter.addressee) l.paragraph(line);
    for (const s of letter.sections) {
      l.heading(s.title);
      for (const b of s.blocks) block(l, b);
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const y = doc.page.height - PDF_MARGIN.bottom + 16;
      // Writing below the bottom margin must not start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font("DejaVuSans")
        .fontSize(7.5)
        .fillColor("#444444")
        .text(`${letter.footer} · Page ${i + 1} of ${range.count}`, PDF_MARGIN.left, y, {
          width: doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right,
          lineBreak: false,
          ellipsis: true,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  } catch (e) {
    doc.end();
    return Promise.reject(e);
  }
  return done;
}
