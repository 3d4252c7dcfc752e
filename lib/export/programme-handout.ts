/**
 * The runner's one-page handout of their exercise programme (issue 14 item
 * 1), made with pdfkit and DejaVu Sans (lib/export/pdf.ts registers it), in
 * plain words: each exercise with its dosage, the clinician's notes, the
 * steps, the muscles it works and how to progress, then the advice chosen in
 * the plan. It names the clinic and the runner's first name only: no
 * surname, date of birth, record number or address. Deterministic: the
 * creation date is the version's, not the clock.
 */
import PDFDocument from "pdfkit";
import type { PlanItem } from "@/lib/domain/codes";
import { dosageWords } from "@/lib/domain/exercises";
import { PLAN_ITEM_LABELS } from "@/lib/domain/labels";
import { formatDate } from "@/lib/format";
import type { ProgrammeVersion } from "@/lib/data/programme-state";
import type { LibraryExercise } from "@/lib/data/exercise-library";
import { registerDejaVu } from "./pdf";

export type HandoutSource = {
  clinicName: string;
  firstName: string;
  programme: ProgrammeVersion;
  prescribedOn: string;
  library: readonly LibraryExercise[];
  planItems: readonly PlanItem[];
};

/** Plan items that are the clinician's to do, not advice for the runner. */
const NOT_FOR_THE_RUNNER: ReadonlySet<PlanItem> = new Set(["refer_physician"]);

export const HANDOUT_SAFETY =
  "Some effort and mild discomfort (up to 3 out of 10) is fine. Stop an exercise that makes your knee pain worse, or pain that is still worse the next morning, and tell your clinic.";

/** The handout as lines of text, in order (the PDF lays them out; tests read them). */
export function handoutOutline(s: HandoutSource) {
  const exercises = s.programme.items.map((item) => {
    const e = s.library.find((x) => x.code === item.exercise);
    return {
      name: e?.name ?? item.exercise,
      dosage: dosageWords(item),
      notes: item.notes ?? null,
      steps: e?.steps ?? [],
      muscles: e?.muscles ?? [],
      progression: e?.progression ?? null,
    };
  });
  return {
    title: "Your exercise programme",
    lead: `For ${s.firstName}, from ${s.clinicName}. Prescribed on ${formatDate(s.prescribedOn)} by ${s.programme.createdBy.name}.`,
    notes: s.programme.notes,
    exercises,
    advice: s.planItems.filter((p) => !NOT_FOR_THE_RUNNER.has(p)).map((p) => PLAN_ITEM_LABELS[p]),
    safety: HANDOUT_SAFETY,
  };
}

const FONT = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
const ITALIC = "DejaVuSans-Oblique";
const INK = "#111111";
const MUTED = "#444444";
const MARGIN = 42;

export function renderProgrammeHandout(s: HandoutSource): Promise<Buffer> {
  const o = handoutOutline(s);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: `${o.title}: ${s.firstName}`,
      Author: s.clinicName,
      Subject: "Exercise programme",
      Creator: "Knee Clinic",
      Producer: "Knee Clinic (pdfkit)",
      CreationDate: s.programme.createdAt,
      ModDate: s.programme.createdAt,
    },
  });
  registerDejaVu(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    const width = doc.page.width - 2 * MARGIN;
    const text = (t: string, font = FONT, size = 9, color = INK, gap = 0) => {
      doc.font(font).fontSize(size).fillColor(color).text(t, MARGIN, doc.y, { width });
      if (gap) doc.moveDown(gap);
    };
    text(o.title, BOLD, 16);
    text(o.lead, FONT, 9.5, MUTED, 0.3);
    if (o.notes) text(o.notes, ITALIC, 9.5, INK, 0.3);
    o.exercises.forEach((e, i) => {
      doc.moveDown(0.35);
      text(`${i + 1}. ${e.name}: ${e.dosage}`, BOLD, 10.5);
      if (e.notes) text(`Note from your clinician: ${e.notes}`, ITALIC, 9);
      e.steps.forEach((step, n) => text(`${String.fromCharCode(97 + n)}) ${step}`, FONT, 8.5));
      if (e.muscles.length) text(`Works: ${e.muscles.join(", ")}.`, FONT, 8, MUTED);
      if (e.progression) text(`When it is easy and pain-free: ${e.progression}`, FONT, 8, MUTED);
    });
    if (o.advice.length) {
      doc.moveDown(0.5);
      text("Advice from your visit", BOLD, 10.5);
      for (const a of o.advice) text(`• ${a}`, FONT, 8.5);
    }
    doc.moveDown(0.5);
    text(o.safety, BOLD, 8.5);
    doc.end();
  } catch (e) {
    doc.end();
    return Promise.reject(e);
  }
  return done;
}
