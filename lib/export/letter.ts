/**
 * The discharge summary and the letter to the runner's GP (issue 14 item 4):
 * `buildLetter(facts)` decides once, from what the record holds at signing,
 * every word of the letter as plain blocks (the referral outline's blocks).
 * The letter is frozen as these blocks when it is signed and its PDF made
 * from them then (lib/export/letter-pdf.ts), so a later change to the record
 * never changes a signed letter; an amendment is a new version.
 *
 * Pure: no I/O, no clock.
 */
import { CHANGE_CLASS_LABELS, measureDefinition, SIDE_LABELS, type ChangeMeasure, type ChangeClass, type Side } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { LETTER_TITLES, type LetterKind } from "@/lib/domain/letters";
import type { OutlineBlock } from "./referral-outline";

export { LETTER_KINDS, LETTER_TITLES, type LetterKind } from "@/lib/domain/letters";

export type LetterFacts = {
  kind: LetterKind;
  clinic: { name: string; address: string | null; phone: string | null };
  patient: { name: string; birthDate: string; mrn: string };
  gp: { name: string | null; practice: string | null; address: string | null };
  episode: { side: Side; complaint: string; onsetDate: string | null };
  discharge: { reason: string; date: string; returnToRunningOn: string | null; notes: string | null } | null;
  outcome: {
    baselineOn: string | null;
    finalOn: string | null;
    /** The final measures are the runner's own answers to a questionnaire link, not a clinician's assessment. */
    finalByRunner: boolean;
    measures: { measure: ChangeMeasure; baseline: number | null; final: number | null; change: ChangeClass | null }[];
  };
  treatment: string[];
  returnToRun: { stage: string; history: string[] } | null;
  goalRace: string;
  programme: string[];
  signedBy: string;
  /** The clinic's day of signing. */
  signedOn: string;
  version: number;
  amendmentReason: string | null;
};

export type LetterSection = { title: string; blocks: OutlineBlock[] };
export type Letter = { schemaVersion: 1; kind: LetterKind; title: string; addressee: string[]; sections: LetterSection[]; footer: string };

const score = (n: number | null, unit: string) => (n === null ? "not measured" : `${n}${unit === "level" ? "" : ` ${unit}`}`);

function outcomeBlocks(o: LetterFacts["outcome"]): OutlineBlock[] {
  if (!o.baselineOn) return [{ kind: "text", text: "No signed assessment: no outcome to report.", style: "muted" }];
  const rows = o.measures.map((m) => {
    const def = measureDefinition(m.measure);
    return [def.label, score(m.baseline, def.unit), score(m.final, def.unit), m.change ? CHANGE_CLASS_LABELS[m.change] : "Not compared"];
  });
  return [
    {
      kind: "table",
      caption: `Baseline ${formatDate(o.baselineOn)}${o.finalOn ? `, final ${formatDate(o.finalOn)}${o.finalByRunner ? " (the runner's answers to a questionnaire sent at discharge)" : ""}` : ", no later assessment"}; change judged by the clinic's important change per measure`,
      headers: ["Measure", "Baseline", "Final", "Change"],
      rows,
      widths: [3, 2, 2, 2],
    },
  ];
}

/** The letter's words, decided once. */
export function buildLetter(f: LetterFacts): Letter {
  const knee = `${SIDE_LABELS[f.episode.side]}: ${f.episode.complaint}`;
  const d = f.discharge;
  const about: OutlineBlock = {
    kind: "facts",
    rows: [
      { label: "Patient", value: f.patient.name },
      { label: "Date of birth", value: formatDate(f.patient.birthDate) },
      { label: "MRN", value: f.patient.mrn },
      { label: "Episode", value: `${knee}${f.episode.onsetDate ? `, onset ${formatDate(f.episode.onsetDate)}` : ""}` },
    ],
  };
  const discharge: OutlineBlock = d
    ? {
        kind: "facts",
        rows: [
          { label: "Discharged", value: formatDate(d.date) },
          { label: "Reason", value: d.reason },
          { label: "Returned to running", value: d.returnToRunningOn ? formatDate(d.returnToRunningOn) : "Not recorded" },
          ...(d.notes ? [{ label: "Notes", value: d.notes }] : []),
        ],
      }
    : { kind: "text", text: "The episode is not discharged: this letter reports care so far.", style: "muted" };
  const sections: LetterSection[] = [];
  if (f.kind === "gp_letter")
    sections.push({
      title: "Dear colleague",
      blocks: [
        {
          kind: "text",
          text: `We have seen ${f.patient.name} (born ${formatDate(f.patient.birthDate)}) at ${f.clinic.name} for ${f.episode.complaint.toLowerCase()} of the ${SIDE_LABELS[f.episode.side].toLowerCase()} knee${d ? ` and discharged them on ${formatDate(d.date)}` : ""}. A summary of their care and outcome follows for your records; no action is needed unless stated below.`,
        },
      ],
    });
  sections.push(
    { title: "Patient and episode", blocks: [about] },
    { title: "Discharge", blocks: [discharge] },
    { title: "Outcome against the baseline", blocks: outcomeBlocks(f.outcome) },
    { title: "Treatment given", blocks: [{ kind: "list", items: f.treatment.map((text) => ({ text })), empty: "No treatment recorded." }] },
    {
      title: "Return to running",
      blocks: [
        { kind: "facts", rows: [{ label: "Goal race", value: f.goalRace }] },
        ...(f.returnToRun
          ? [
              { kind: "text" as const, text: f.returnToRun.stage },
              { kind: "list" as const, items: f.returnToRun.history.map((text) => ({ text })), empty: "No decisions recorded." },
            ]
          : [{ kind: "text" as const, text: "No return-to-run plan was made.", style: "muted" as const }]),
      ],
    },
    {
      title: "Exercise programme",
      blocks: [{ kind: "list", items: f.programme.map((text) => ({ text })), empty: "No exercise programme recorded." }],
    },
  );
  if (f.amendmentReason) sections.push({ title: `Amendment (version ${f.version})`, blocks: [{ kind: "text", text: f.amendmentReason }] });
  sections.push({
    title: "Signed",
    blocks: [
      {
        kind: "text",
        text: `${f.signedBy}, ${f.clinic.name}, ${formatDate(f.signedOn)}${f.version > 1 ? ` (version ${f.version}; replaces earlier versions)` : ""}`,
      },
    ],
  });
  const gp = [f.gp.name, f.gp.practice, f.gp.address].filter((x): x is string => Boolean(x));
  return {
    schemaVersion: 1,
    kind: f.kind,
    title: `${LETTER_TITLES[f.kind]}: ${f.patient.name}`,
    addressee: f.kind === "gp_letter" ? (gp.length ? gp : ["GP not recorded"]) : [],
    sections,
    footer: `${LETTER_TITLES[f.kind]} · ${f.patient.name} · MRN ${f.patient.mrn} · version ${f.version} · signed ${formatDate(f.signedOn)} by ${f.signedBy}`,
  };
}
