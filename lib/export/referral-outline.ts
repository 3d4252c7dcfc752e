/**
 * The referral as one document: `buildReferralOutline(snapshot, state)`
 * decides once, from the frozen snapshot, what the referral says (its
 * sections, their order and every word), and the three renderings only lay
 * it out:
 *
 *   - the print page (app/_components/referral/referral-document.tsx),
 *   - the PDF (lib/export/pdf.ts),
 *   - the FHIR Composition's narrative (lib/export/fhir.ts).
 *
 * A renderer never reads the snapshot for text of its own, so the three
 * cannot say different things. The blocks are plain data (strings, no
 * markup); each renderer escapes them for its medium.
 *
 * `state` is what happened to the referral after it was signed: a cancelled
 * referral says so in its title, in a notice at the top and in the footer of
 * every page, and is never shown as a live referral.
 *
 * Pure: no I/O, no clock.
 */
import {
  ASSESSMENT_KIND_LABELS,
  CHANGE_CLASS_LABELS,
  SEX_LABELS,
  SIDE_LABELS,
  URGENCY_LABELS,
  URGENCY_WORDS,
  type ChangeClass,
  type Urgency,
} from "@/lib/domain";
import { goalRaceText } from "@/lib/domain/return-to-run";
import { formatDate, formatDateTime, todayIn } from "@/lib/format";
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
import type { Finding, OutcomeSeries, StoredReferralSnapshot } from "./types";

/** What happened to a signed referral since (the snapshot itself never changes). */
export type ReferralState = { cancelled: { at: string; reason: string } | null };
export const LIVE: ReferralState = { cancelled: null };

export type OutlineRow = { label: string; value: string };
/** A list item: `text`, after an optional bold `lead` and an urgency (rendered as a word, never colour alone). */
export type OutlineItem = { lead?: string; urgency?: Urgency; text: string };

export type OutlineBlock =
  /** "Label: value" rows. */
  | { kind: "facts"; rows: OutlineRow[] }
  | { kind: "text"; text: string; style?: "strong" | "muted" }
  /** A sub-heading of the section, kept with what follows. */
  | { kind: "heading"; text: string }
  /** A list under an optional sub-heading; `empty` when it has no items. */
  | { kind: "list"; heading?: string; items: OutlineItem[]; empty: string }
  /**
   * A table with a caption; the first cell of a row is its header. `widths`
   * are relative column widths (for the PDF); `notes` follow the table.
   */
  | { kind: "table"; caption: string; headers: string[]; rows: string[][]; widths: number[]; notes?: string[] };

export const SECTION_IDS = [
  "reason",
  "history",
  "red-flags",
  "running-advice",
  "exam",
  "addenda",
  "considerations",
  "outcomes",
  "load",
  "treatment",
  "medication",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** `long`: a section that may run over pages (its rows are kept whole instead of the whole section). */
export type OutlineSection = { id: SectionId; title: string; long: boolean; blocks: OutlineBlock[] };

export type ReferralOutline = {
  title: string;
  /** Clinic, address, telephone. */
  sender: string;
  /** Shown above everything and in every page's footer when the referral was cancelled. */
  cancelled: { heading: string; text: string } | null;
  urgency: { level: Urgency; word: string; label: string };
  /** Who: the patient (first column), the referral and its referrer (second). */
  patientRows: OutlineRow[];
  referralRows: OutlineRow[];
  sections: OutlineSection[];
  signature: string;
  disclaimer: string;
  /** The footer of every page (the page numbers are the renderer's). */
  footer: string;
  /** Written at the top of every page of a cancelled referral (null for a live one). */
  pageMark: string | null;
  /** Title of the document's metadata (PDF info, FHIR Composition title). */
  documentTitle: string;
};

const findingText = (f: Finding) => `${f.label}: ${f.value}`;
const findingsText = (fs: Finding[]) => fs.map(findingText).join("; ");
const joinParts = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ");
const NOT_RECORDED = "not recorded";

/** The words "Cancelled" is written with everywhere. */
export const CANCELLED_WORD = "CANCELLED";

/** At most this many date columns in the outcome table: the baseline and the latest ones. */
export const OUTCOME_DATE_COLUMNS = 5;

function changeText(value: ChangeClass | null): string {
  return value ? CHANGE_CLASS_LABELS[value] : "no baseline";
}

function outcomesSection(s: StoredReferralSnapshot): OutlineBlock[] {
  if (s.outcomes.length === 0) return [{ kind: "text", text: "No outcome measures recorded.", style: "muted" }];
  const all = [...new Set(s.outcomes.flatMap((o) => o.points.map((p) => p.date)))].sort();
  const baseline = all[0];
  const dates = all.length > OUTCOME_DATE_COLUMNS ? [all[0] as string, ...all.slice(-(OUTCOME_DATE_COLUMNS - 1))] : all;
  const cell = (o: OutcomeSeries, d: string) => {
    const p = o.points.find((x) => x.date === d);
    return p ? formatScore(p.value) : "—";
  };
  const hidden = all.length - dates.length;
  return [
    {
      kind: "table",
      caption: "Scores by assessment date (the first is the baseline), with the important change and the comparison with baseline",
      headers: [
        "Measure",
        ...dates.map((d) => (d === baseline ? `${formatDate(d)} (baseline)` : formatDate(d))),
        "Important change",
        "vs baseline",
      ],
      rows: s.outcomes.map((o) => [`${o.label} (${o.unit})`, ...dates.map((d) => cell(o, d)), thresholdText(o), changeText(o.vsBaseline)]),
      widths: [1.9, ...dates.map(() => 1.05), 1.7, 1.1],
      notes: hidden > 0 ? [`${hidden} earlier assessment date${hidden === 1 ? "" : "s"} not shown.`] : undefined,
    },
  ];
}

function loadSection(s: StoredReferralSnapshot): OutlineBlock[] {
  const t = s.trainingLoad;
  const partial = t.weekly.some((w) => !w.complete);
  const unlogged = t.weekly.some((w) => w.logged === false);
  const loggedSince = s.schemaVersion >= 3 && "loggedSince" in t ? t.loggedSince : null;
  const notes = [
    ...(partial ? ["* up to the assessment day"] : []),
    ...(unlogged && loggedSince ? [`Not logged: before the run log was complete (from ${formatDate(loggedSince)}).`] : []),
  ];
  const weekly: OutlineBlock[] =
    t.weekly.length === 0
      ? []
      : [
          {
            kind: "table",
            caption: "Weekly distance, km (ISO weeks, Monday start), from the runs the assessment was judged with",
            headers: ["Week of", ...t.weekly.map((w) => formatDate(w.weekStart) + (w.complete ? "" : "*"))],
            rows: [["Distance (km)", ...t.weekly.map((w) => (w.logged === false ? "not logged" : formatScore(w.km)))]],
            widths: [1.3, ...t.weekly.map(() => 1)],
            notes: notes.length > 0 ? notes : undefined,
          },
        ];
  return [
    { kind: "text", text: t.trendText },
    ...weekly,
    { kind: "facts", rows: loadFigures(s).map((f) => ({ label: f.label, value: f.value })) },
    { kind: "list", heading: "Single-run spikes", items: t.spikes.map((x) => ({ text: spikeText(x) })), empty: "None." },
    {
      kind: "list",
      heading: "Risk factors",
      items: s.riskFactors.map((r) => ({ lead: r.label, text: findingsText(r.because) })),
      empty: "None.",
    },
  ];
}

/** The treatment given at each visit (schema version 4 on; older snapshots did not record it). */
function treatmentGiven(s: StoredReferralSnapshot): OutlineBlock[] {
  if (s.schemaVersion < 4 || !("treatmentGiven" in s)) return [];
  return [
    {
      kind: "list",
      heading: "Treatment given",
      items: s.treatmentGiven
        .filter((v) => v.items.length > 0)
        .map((v) => ({ lead: `${formatDate(v.date)} (${ASSESSMENT_KIND_LABELS[v.kind].toLowerCase()})`, text: v.items.join("; ") })),
      empty: "No treatment recorded at the visits.",
    },
  ];
}

/** The goal race with weeks to go on the day of signing (schema version 4 on). */
function goalRaceRows(s: StoredReferralSnapshot): OutlineRow[] {
  if (s.schemaVersion < 4 || !("goalRace" in s)) return [];
  return [{ label: "Goal race", value: goalRaceText(s.goalRace, todayIn(s.clinic.timezone ?? "UTC", new Date(s.signedAt)), formatDate) }];
}

function treatmentSection(s: StoredReferralSnapshot): OutlineBlock[] {
  const t = s.treatment;
  const blocks: OutlineBlock[] = [
    {
      kind: "facts",
      rows: [
        { label: "Treatments tried before", value: t.treatmentsTried ?? NOT_RECORDED },
        { label: "Treatment so far", value: t.treatmentSoFar ?? NOT_RECORDED },
        { label: "Response to treatment", value: t.responseToTreatment ?? NOT_RECORDED },
        ...(t.notes ? [{ label: "Notes", value: t.notes }] : []),
      ],
    },
  ];
  if (t.visits.length > 0)
    blocks.push({
      kind: "table",
      caption: "Plan and response by visit (the first is the baseline)",
      headers: ["Visit", "Plan", "Response"],
      rows: t.visits.map((v, i) => [
        `${formatDate(v.date)} (${ASSESSMENT_KIND_LABELS[v.kind]}${i === 0 ? ", baseline" : ""})`,
        [...v.planItems.map((item) => `• ${item}`), ...(v.planNotes ? [`Notes: ${v.planNotes}`] : [])].join("\n") || "—",
        v.response ?? "—",
      ]),
      widths: [1.3, 3.4, 0.9],
    });
  return [...blocks, ...treatmentGiven(s)];
}

function redFlagFollowUp(s: StoredReferralSnapshot): OutlineBlock[] {
  if (s.schemaVersion < 3 || !("redFlagFollowUp" in s)) return [];
  const f = s.redFlagFollowUp;
  return [
    {
      kind: "list",
      heading: "Still open when the referral was signed",
      items: f.open.map((x) => ({
        lead: x.label,
        urgency: x.urgency,
        text: `raised on ${formatDate(x.raisedOn)}, nothing recorded as done yet`,
      })),
      empty: "None: every red flag of the episode had an action recorded.",
    },
    {
      kind: "list",
      heading: "What was done",
      items: f.actions.map((a) => ({
        lead: a.label,
        text: [
          `${a.action} (${formatDateTime(a.actedAt, s.clinic.timezone ?? "UTC")}, ${a.actedByName})`,
          a.reason ? `reason: ${a.reason}` : null,
          a.note ? `note: ${a.note}` : null,
        ]
          .filter(Boolean)
          .join("; "),
      })),
      empty: "No action recorded.",
    },
  ];
}

function addendaSection(s: StoredReferralSnapshot): OutlineBlock[] {
  if (s.schemaVersion < 3 || !("addenda" in s))
    return [{ kind: "text", text: "Not included in this summary (signed before addenda were included).", style: "muted" }];
  return [
    {
      kind: "list",
      items: s.addenda.map((a) => ({
        lead: `Added ${formatDateTime(a.createdAt, s.clinic.timezone ?? "UTC")} by ${a.authorName} to the ${ASSESSMENT_KIND_LABELS[a.kind].toLowerCase()} of ${formatDate(a.assessedOn)}`,
        text: a.text,
      })),
      empty: "None.",
    },
  ];
}

function redFlagsSection(s: StoredReferralSnapshot): OutlineBlock[] {
  // A screen signed incomplete carries the signer's reason ("Screen
  // incomplete: reason") under the flags not assessed.
  const attested = screenAttestationLine(s);
  return [
    {
      kind: "list",
      heading: "Present",
      items: s.redFlags.map((f) => ({ lead: f.label, urgency: f.urgency, text: findingsText(f.because) })),
      empty: "None.",
    },
    { kind: "list", heading: "Checked and absent", items: s.redFlagsAbsent.map((f) => ({ text: f.label })), empty: "None." },
    {
      kind: "list",
      heading: "Not assessed",
      items: s.redFlagsNotAssessed.map((f) => ({ text: f.label })),
      empty: "None: every red flag was assessed.",
    },
    ...(attested ? [{ kind: "text" as const, text: attested, style: "strong" as const }] : []),
    ...redFlagFollowUp(s),
  ];
}

// eslint-disable-next-line max-lines-per-function -- the referral outline built once, section by section in the document's order
export function buildReferralOutline(snapshot: StoredReferralSnapshot, state: ReferralState = LIVE): ReferralOutline {
  const s = snapshot;
  const name = patientName(s);
  const side = SIDE_LABELS[s.episode.side];
  const advice = runningAdviceLines(s);
  const referrer = [s.referrer.name, s.referrer.title].filter(Boolean).join(", ");
  const referrerContact = joinParts(s.referrer.phone, s.referrer.email) || NOT_RECORDED;
  const timezone = s.clinic.timezone ?? "UTC";
  const cancelled = state.cancelled
    ? {
        heading: `${CANCELLED_WORD}: this referral was cancelled on ${formatDateTime(state.cancelled.at, timezone)}. Do not act on it.`,
        text: `Reason: ${state.cancelled.reason}`,
      }
    : null;

  const sections: OutlineSection[] = [
    {
      id: "reason",
      title: "Reason for referral and question",
      long: false,
      blocks: [
        { kind: "facts", rows: [{ label: "Reason", value: s.reason }] },
        { kind: "heading", text: "Question for the receiving clinician" },
        { kind: "text", text: s.question, style: "strong" },
      ],
    },
    {
      id: "history",
      title: "History",
      long: true,
      blocks: [
        {
          kind: "facts",
          rows: [
            { label: "Mechanism", value: s.history.mechanism },
            { label: "Duration", value: s.history.durationText },
          ],
        },
        ...(s.history.symptoms.length > 0
          ? [
              { kind: "heading", text: "Symptoms, history and training habits (as recorded)" } as const,
              { kind: "facts", rows: s.history.symptoms.map((f) => ({ label: f.label, value: f.value })) } as const,
            ]
          : []),
      ],
    },
    { id: "red-flags", title: "Red flags", long: false, blocks: redFlagsSection(s) },
    {
      id: "running-advice",
      title: "Running advice",
      long: false,
      blocks: [
        { kind: "text", text: advice.text, style: "strong" },
        ...(advice.detail ? [{ kind: "text", text: advice.detail } as const] : []),
        ...(advice.because ? [{ kind: "text", text: advice.because, style: "muted" } as const] : []),
      ],
    },
    {
      id: "exam",
      title: "Examination",
      long: false,
      blocks:
        s.examination.length === 0
          ? [{ kind: "text", text: "No examination recorded at this assessment.", style: "muted" }]
          : [
              {
                kind: "table",
                caption: `Examination on ${formatDate(s.assessment.assessedOn)}`,
                headers: ["Test", "Result"],
                rows: s.examination.map((e) => [e.test, e.result]),
                widths: [1.2, 2.3],
              },
            ],
    },
    { id: "addenda", title: "Addenda to the assessments", long: true, blocks: addendaSection(s) },
    {
      id: "considerations",
      title: "Considerations (not diagnoses)",
      long: false,
      blocks: [
        {
          kind: "list",
          items: s.considerations.map((c) =>
            c.supporting.length > 0 ? { lead: c.label, text: findingsText(c.supporting) } : { text: c.label },
          ),
          empty: "None.",
        },
      ],
    },
    { id: "outcomes", title: "Outcome measures", long: false, blocks: outcomesSection(s) },
    { id: "load", title: "Training load", long: false, blocks: loadSection(s) },
    { id: "treatment", title: "Treatment and response", long: true, blocks: treatmentSection(s) },
    {
      id: "medication",
      title: "Medication, allergies and comorbidities",
      long: false,
      blocks: [
        {
          kind: "facts",
          rows: [
            { label: "Medication", value: s.medication ?? NOT_RECORDED },
            { label: "Allergies", value: s.allergies ?? NOT_RECORDED },
            { label: "Comorbidities", value: s.comorbidities ?? NOT_RECORDED },
          ],
        },
      ],
    },
  ];

  const signedLine = `Referral signed ${signedWhen(s)} · rules version ${s.rulesVersion}`;
  return {
    title: cancelled ? `Referral (${CANCELLED_WORD.toLowerCase()}): medial knee pain` : "Referral: medial knee pain",
    sender: joinParts(s.clinic.name, s.clinic.address, s.clinic.phone ? `Tel. ${s.clinic.phone}` : null),
    cancelled,
    urgency: { level: s.urgency, word: URGENCY_WORDS[s.urgency], label: URGENCY_LABELS[s.urgency] },
    patientRows: [
      { label: "Patient", value: name },
      { label: "MRN", value: s.patient.mrn },
      { label: "Born", value: `${formatDate(s.patient.birthDate)} (${s.patient.ageYears} years at assessment)` },
      { label: "Sex", value: SEX_LABELS[s.patient.sex] },
      { label: "Knee", value: `${side} · ${s.episode.complaint}` },
      { label: "Patient contact", value: joinParts(s.patient.phone, s.patient.email) || NOT_RECORDED },
      ...goalRaceRows(s),
    ],
    referralRows: [
      { label: "To", value: s.recipient ?? "Not specified" },
      { label: "Referrer", value: referrer },
      { label: "Referrer contact", value: referrerContact },
      {
        label: "Assessment",
        value: `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} on ${formatDate(s.assessment.assessedOn)}, signed by ${s.assessment.signedByName}`,
      },
      { label: "Referral signed", value: signedWhen(s) },
      { label: "Rules version", value: s.rulesVersion },
      ...(state.cancelled
        ? [{ label: "Cancelled", value: `${formatDateTime(state.cancelled.at, timezone)}: ${state.cancelled.reason}` }]
        : []),
    ],
    sections,
    signature: `Signed by ${referrer} on ${signedWhen(s)}. Contact: ${referrerContact}.`,
    disclaimer: `Decision support, rules version ${s.rulesVersion}: red flags and considerations list the findings that triggered them and are not diagnoses.`,
    footer: joinParts(name, `MRN ${s.patient.mrn}`, signedLine),
    pageMark: state.cancelled
      ? `${CANCELLED_WORD} on ${formatDate(state.cancelled.at.slice(0, 10))}: not a live referral, do not act on it`
      : null,
    documentTitle: `${cancelled ? `${CANCELLED_WORD} referral` : "Referral"}: ${name} (MRN ${s.patient.mrn})`,
  };
}
