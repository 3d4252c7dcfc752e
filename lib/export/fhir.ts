/**
 * The referral as an HL7 FHIR R4 document (SPEC.md section 8):
 * `buildReferralBundle(snapshot)` returns a Bundle of type "document" whose
 * first entry is a Composition (LOINC 57133-1 "Referral note") with a
 * narrative section per part of the summary, followed by the resources it
 * refers to: Patient, Practitioner, PractitionerRole (the referrer's role and
 * contact at the clinic: the author), Organization, Encounter (the assessment),
 * Condition (knee pain, provisional; one per consideration, differential),
 * Observation per outcome score, Flag per red flag present, ServiceRequest.
 *
 * Rules kept here:
 *   - Codes only where SPEC.md gives them (LOINC 57133-1, 72514-3, 72102-7,
 *     72101-9, 72100-1, 72099-5, 72098-7; SNOMED CT 30989003; the FHIR
 *     verification statuses "provisional" / "differential"). Everything else
 *     is `text` only; no code is invented. Encounter.class is required by R4,
 *     so it is a Coding with a display and no code.
 *   - Every entry has fullUrl "urn:uuid:<uuid>" and every reference points at
 *     one of those, so the document is self-contained.
 *   - Deterministic: UUIDs are version-5 UUIDs (SHA-1, RFC 9562) of the
 *     referral id and a fixed suffix per resource; no clock, no randomness.
 *     Server-only (node:crypto).
 */
import { URGENCY_LABELS, ASSESSMENT_KIND_LABELS, SEX_LABELS, SIDE_LABELS, URGENCY_WORDS } from "@/lib/domain";
import { createHash } from "node:crypto";

import { formatDate } from "@/lib/format";
import { loadFigures, patientName, runningAdviceLines, screenAttestationLine, spikeText, thresholdText, formatScore } from "./snapshot";
import type { Finding, OutcomeSeries, ReferralSnapshot, StoredReferralSnapshot } from "./types";

// ---------------------------------------------------------------------------
// The FHIR R4 shapes used here (a subset of the specification's)
// ---------------------------------------------------------------------------

export type Coding = { system?: string; code?: string; display?: string };
export type CodeableConcept = { coding?: Coding[]; text?: string };
export type Reference = { reference?: string; display?: string };
export type Narrative = { status: "generated"; div: string };
export type Annotation = { text: string };
export type ContactPoint = { system: "phone" | "email"; value: string; use?: "work" | "home" };

type Base<T extends string> = { resourceType: T; id: string };

export type Composition = Base<"Composition"> & {
  status: "final";
  type: CodeableConcept;
  subject: Reference;
  encounter: Reference;
  date: string;
  author: Reference[];
  title: string;
  attester: { mode: "legal"; time: string; party: Reference }[];
  custodian: Reference;
  section: { title: string; text: Narrative; entry?: Reference[] }[];
};
export type Patient = Base<"Patient"> & {
  identifier: { use: "usual"; type: CodeableConcept; value: string; assigner: Reference }[];
  name: { text: string; family: string; given: string[] }[];
  telecom?: ContactPoint[];
  gender: "female" | "male" | "other" | "unknown";
  birthDate: string;
  managingOrganization: Reference;
};
export type Practitioner = Base<"Practitioner"> & {
  name: { text: string }[];
  telecom?: ContactPoint[];
};
export type PractitionerRole = Base<"PractitionerRole"> & {
  active: true;
  practitioner: Reference;
  organization: Reference;
  code?: CodeableConcept[];
  telecom?: ContactPoint[];
};
export type Organization = Base<"Organization"> & {
  name: string;
  telecom?: ContactPoint[];
  address?: { text: string }[];
};
export type Encounter = Base<"Encounter"> & {
  status: "finished";
  class: Coding;
  type: CodeableConcept[];
  subject: Reference;
  participant: { individual: Reference }[];
  period: { start: string; end: string };
  serviceProvider: Reference;
};
export type Condition = Base<"Condition"> & {
  verificationStatus: CodeableConcept;
  code: CodeableConcept;
  bodySite: CodeableConcept[];
  subject: Reference;
  encounter: Reference;
  onsetDateTime?: string;
  recordedDate: string;
  evidence?: { code: CodeableConcept[] }[];
  note?: Annotation[];
};
export type Observation = Base<"Observation"> & {
  status: "final";
  code: CodeableConcept;
  subject: Reference;
  encounter?: Reference;
  effectiveDateTime: string;
  valueQuantity: { value: number; unit: string };
  note?: Annotation[];
};
export type Flag = Base<"Flag"> & {
  status: "active";
  code: CodeableConcept;
  subject: Reference;
  period: { start: string };
  encounter: Reference;
  author: Reference;
};
export type ServiceRequest = Base<"ServiceRequest"> & {
  status: "active";
  intent: "order";
  priority: "routine" | "urgent" | "asap" | "stat";
  code: CodeableConcept;
  subject: Reference;
  encounter: Reference;
  authoredOn: string;
  requester: Reference;
  performer?: Reference[];
  reasonCode: CodeableConcept[];
  reasonReference: Reference[];
  supportingInfo?: Reference[];
  note: Annotation[];
};
export type FhirResource =
  Composition | Patient | Practitioner | PractitionerRole | Organization | Encounter | Condition | Observation | Flag | ServiceRequest;
export type BundleEntry = { fullUrl: string; resource: FhirResource };
export type Bundle = {
  resourceType: "Bundle";
  id: string;
  identifier: { system: "urn:ietf:rfc:3986"; value: string };
  type: "document";
  timestamp: string;
  entry: BundleEntry[];
};

// ---------------------------------------------------------------------------
// Codes given by SPEC.md section 8 (and nothing else)
// ---------------------------------------------------------------------------

export const LOINC = "http://loinc.org";
export const SNOMED = "http://snomed.info/sct";
export const CONDITION_VER_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

export const REFERRAL_NOTE: Coding = { system: LOINC, code: "57133-1", display: "Referral note" };
export const KNEE_PAIN: Coding = { system: SNOMED, code: "30989003", display: "Knee pain" };

/** LOINC codes of the outcome scores that SPEC.md gives; LEFS, PSFS and Tegner have none there (text only). */
export const SCORE_LOINC: Readonly<Record<string, string>> = {
  painNow: "72514-3",
  "koos.pain": "72102-7",
  "koos.symptoms": "72101-9",
  "koos.adl": "72100-1",
  "koos.sport": "72099-5",
  "koos.qol": "72098-7",
};

/** ServiceRequest.priority by urgency (SPEC.md section 8). */
export const PRIORITY: Readonly<Record<ReferralSnapshot["urgency"], ServiceRequest["priority"]>> = {
  routine: "routine",
  soon: "urgent",
  urgent: "asap",
  emergency: "stat",
};

// ---------------------------------------------------------------------------
// Deterministic identifiers
// ---------------------------------------------------------------------------

/** Namespace of the UUIDs of referral exports (a fixed, arbitrary UUID). */
const NAMESPACE = "8c1f3b52-6d0e-4f7a-9b2c-5e4d3a2f1b0c";

/** RFC 9562 version-5 UUID (SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------
// Narrative (XHTML) helpers
// ---------------------------------------------------------------------------

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

const div = (inner: string): Narrative => ({ status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>` });
const p = (text: string) => `<p>${esc(text)}</p>`;
const labelled = (label: string, text: string) => `<p><b>${esc(label)}:</b> ${esc(text)}</p>`;
const ul = (items: string[]) => (items.length === 0 ? "" : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`);
const h = (text: string) => `<h3>${esc(text)}</h3>`;

function table(caption: string, headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((x) => `<th scope="col">${esc(x)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`).join("");
  return `<table><caption>${esc(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

const findingText = (f: Finding) => `${f.label}: ${f.value}`;
const findingsText = (fs: Finding[]) => fs.map(findingText).join("; ");

// ---------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------

/** A FHIR instant (seconds and time zone required) of an ISO timestamp; left as it is when it does not parse. */
function instant(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString();
}

function seriesValue(s: OutcomeSeries): string {
  return s.points.map((pt) => `${formatScore(pt.value)} (${formatDate(pt.date)})`).join(", ");
}

export function buildReferralBundle(snapshot: StoredReferralSnapshot): Bundle {
  const s = snapshot;
  const urn = (suffix: string) => `urn:uuid:${uuidV5(`${s.referralId}/${suffix}`)}`;
  const idOf = (fullUrl: string) => fullUrl.slice("urn:uuid:".length);
  const ref = (fullUrl: string, display?: string): Reference => (display ? { reference: fullUrl, display } : { reference: fullUrl });

  const name = patientName(s);
  const side = SIDE_LABELS[s.episode.side];
  const advice = runningAdviceLines(s);
  const date = s.assessment.assessedOn;

  const u = {
    composition: urn("composition"),
    patient: urn("patient"),
    practitioner: urn("practitioner"),
    practitionerRole: urn("practitioner-role"),
    organization: urn("organization"),
    encounter: urn("encounter"),
    kneePain: urn("condition/knee-pain"),
    serviceRequest: urn("service-request"),
  };
  const patientRef = ref(u.patient, name);
  const practitionerRef = ref(u.practitioner, s.referrer.name);
  const referrerRef = ref(u.practitionerRole, [s.referrer.name, s.referrer.title].filter(Boolean).join(", "));
  const organizationRef = ref(u.organization, s.clinic.name);
  const encounterRef = ref(u.encounter);

  const telecom = (phone: string | null, email: string | null): ContactPoint[] | undefined => {
    const list: ContactPoint[] = [];
    if (phone) list.push({ system: "phone", value: phone, use: "work" });
    if (email) list.push({ system: "email", value: email, use: "work" });
    return list.length > 0 ? list : undefined;
  };
  const withOptional = <T extends object>(obj: T): T => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

  // --- Who -------------------------------------------------------------------
  const patientTelecom: ContactPoint[] = [];
  if (s.patient.phone) patientTelecom.push({ system: "phone", value: s.patient.phone, use: "home" });
  if (s.patient.email) patientTelecom.push({ system: "email", value: s.patient.email, use: "home" });
  const patient: Patient = withOptional({
    resourceType: "Patient" as const,
    id: idOf(u.patient),
    identifier: [{ use: "usual" as const, type: { text: "Medical record number (MRN)" }, value: s.patient.mrn, assigner: organizationRef }],
    name: [{ text: name, family: s.patient.familyName, given: [s.patient.givenName] }],
    telecom: patientTelecom.length > 0 ? patientTelecom : undefined,
    gender: s.patient.sex,
    birthDate: s.patient.birthDate,
    managingOrganization: organizationRef,
  });
  const practitioner: Practitioner = withOptional({
    resourceType: "Practitioner" as const,
    id: idOf(u.practitioner),
    name: [{ text: s.referrer.name }],
  });
  const practitionerRole: PractitionerRole = withOptional({
    resourceType: "PractitionerRole" as const,
    id: idOf(u.practitionerRole),
    active: true as const,
    practitioner: practitionerRef,
    organization: organizationRef,
    code: s.referrer.title ? [{ text: s.referrer.title }] : undefined,
    telecom: telecom(s.referrer.phone, s.referrer.email),
  });
  const organization: Organization = withOptional({
    resourceType: "Organization" as const,
    id: idOf(u.organization),
    name: s.clinic.name,
    telecom: telecom(s.clinic.phone, null),
    address: s.clinic.address ? [{ text: s.clinic.address }] : undefined,
  });
  const encounter: Encounter = {
    resourceType: "Encounter",
    id: idOf(u.encounter),
    status: "finished",
    class: { display: "Ambulatory clinic visit" },
    type: [{ text: `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} assessment, medial knee pain` }],
    subject: patientRef,
    participant: [{ individual: { display: s.assessment.signedByName } }],
    period: { start: date, end: date },
    serviceProvider: organizationRef,
  };

  // --- What ------------------------------------------------------------------
  const kneePain: Condition = withOptional({
    resourceType: "Condition" as const,
    id: idOf(u.kneePain),
    verificationStatus: { coding: [{ system: CONDITION_VER_STATUS, code: "provisional" }], text: "Provisional" },
    code: { coding: [KNEE_PAIN], text: s.episode.complaint || "Knee pain" },
    bodySite: [{ text: side }],
    subject: patientRef,
    encounter: encounterRef,
    onsetDateTime: s.episode.onsetDate ?? undefined,
    recordedDate: date,
    note: [{ text: `Mechanism: ${s.history.mechanism}. Duration: ${s.history.durationText}.` }],
  });
  const considerations: BundleEntry[] = s.considerations.map((c) => {
    const fullUrl = urn(`condition/consideration/${c.code}`);
    const condition: Condition = withOptional({
      resourceType: "Condition" as const,
      id: idOf(fullUrl),
      verificationStatus: { coding: [{ system: CONDITION_VER_STATUS, code: "differential" }], text: "Differential" },
      code: { text: c.label },
      bodySite: [{ text: side }],
      subject: patientRef,
      encounter: encounterRef,
      recordedDate: date,
      evidence: c.supporting.length > 0 ? [{ code: c.supporting.map((f) => ({ text: findingText(f) })) }] : undefined,
      note: [{ text: `A consideration for the clinician to weigh, not a diagnosis (rules version ${s.rulesVersion}).` }],
    });
    return { fullUrl, resource: condition };
  });
  const observations: BundleEntry[] = s.outcomes.flatMap((series) =>
    series.points.map((pt, i) => {
      const fullUrl = urn(`observation/${series.measure}/${i}/${pt.date}`);
      const loinc = SCORE_LOINC[series.measure];
      const scale = `${series.label}, ${series.unit} (${series.betterIs} is better)`;
      const isLast = i === series.points.length - 1;
      const notes: Annotation[] = [{ text: `Important change: ${thresholdText(series)}.` }];
      if (isLast && series.vsBaseline) notes.push({ text: `Compared with the baseline: ${series.vsBaseline}.` });
      const observation: Observation = withOptional({
        resourceType: "Observation" as const,
        id: idOf(fullUrl),
        status: "final" as const,
        code: loinc ? { coding: [{ system: LOINC, code: loinc }], text: scale } : { text: scale },
        subject: patientRef,
        encounter: isLast && pt.date === date ? encounterRef : undefined,
        effectiveDateTime: pt.date,
        valueQuantity: { value: pt.value, unit: series.measure === "tegner" ? "level" : "points" },
        note: notes,
      });
      return { fullUrl, resource: observation };
    }),
  );
  const flags: BundleEntry[] = s.redFlags.map((f) => {
    const fullUrl = urn(`flag/${f.code}`);
    const flag: Flag = {
      resourceType: "Flag",
      id: idOf(fullUrl),
      status: "active",
      code: {
        text: `${f.label}. Urgency: ${URGENCY_WORDS[f.urgency]} (${URGENCY_LABELS[f.urgency]}). Findings: ${findingsText(f.because)}.`,
      },
      subject: patientRef,
      period: { start: date },
      encounter: encounterRef,
      author: referrerRef,
    };
    return { fullUrl, resource: flag };
  });
  const serviceRequest: ServiceRequest = withOptional({
    resourceType: "ServiceRequest" as const,
    id: idOf(u.serviceRequest),
    status: "active" as const,
    intent: "order" as const,
    priority: PRIORITY[s.urgency],
    code: { text: s.recipient ? `Referral to ${s.recipient}` : "Referral for medical evaluation" },
    subject: patientRef,
    encounter: encounterRef,
    authoredOn: s.signedAt,
    requester: referrerRef,
    performer: s.recipient ? [{ display: s.recipient }] : undefined,
    reasonCode: [{ text: s.reason }],
    reasonReference: [ref(u.kneePain)],
    supportingInfo: [...flags, ...considerations].length > 0 ? [...flags, ...considerations].map((e) => ref(e.fullUrl)) : undefined,
    note: [{ text: `Question for the receiving clinician: ${s.question}` }],
  });

  // --- The composition ---------------------------------------------------------
  const sections: Composition["section"] = [
    {
      title: "Reason for referral and question",
      text: div(
        labelled("Urgency", `${URGENCY_WORDS[s.urgency]} (${URGENCY_LABELS[s.urgency]})`) +
          labelled("Reason", s.reason) +
          labelled("Question for the receiving clinician", s.question) +
          (s.recipient ? labelled("To", s.recipient) : ""),
      ),
      entry: [ref(u.serviceRequest)],
    },
    {
      title: "History",
      text: div(
        labelled(
          "Patient",
          `${name}, ${SEX_LABELS[s.patient.sex]}, born ${formatDate(s.patient.birthDate)} (${s.patient.ageYears} years at assessment), MRN ${s.patient.mrn}`,
        ) +
          labelled("Complaint", `${s.episode.complaint} (${side})`) +
          labelled("Mechanism", s.history.mechanism) +
          labelled("Duration", s.history.durationText) +
          labelled("Assessment", `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} on ${formatDate(date)} by ${s.assessment.signedByName}`) +
          (s.history.symptoms.length > 0 ? h("Symptoms and history") + ul(s.history.symptoms.map(findingText)) : ""),
      ),
      entry: [ref(u.kneePain), encounterRef],
    },
    {
      title: "Red flags",
      text: div(
        h("Present") +
          (s.redFlags.length === 0
            ? p("None.")
            : ul(s.redFlags.map((f) => `${f.label} (${URGENCY_WORDS[f.urgency]}): ${findingsText(f.because)}`))) +
          h("Checked and absent") +
          (s.redFlagsAbsent.length === 0 ? p("None.") : ul(s.redFlagsAbsent.map((f) => f.label))) +
          h("Not assessed") +
          (s.redFlagsNotAssessed.length === 0 ? p("None: every red flag was assessed.") : ul(s.redFlagsNotAssessed.map((f) => f.label))) +
          (screenAttestationLine(s) ? p(screenAttestationLine(s)!) : ""),
      ),
      ...(flags.length > 0 ? { entry: flags.map((e) => ref(e.fullUrl)) } : {}),
    },
    {
      title: "Running advice",
      text: div(
        [advice.text, advice.detail, advice.because]
          .filter((t): t is string => t !== null)
          .map(p)
          .join(""),
      ),
    },
    {
      title: "Examination",
      text: div(
        s.examination.length === 0
          ? p("No examination recorded at this assessment.")
          : ul(s.examination.map((e) => `${e.test}: ${e.result}`)),
      ),
    },
    {
      title: "Considerations (not diagnoses)",
      text: div(
        s.considerations.length === 0
          ? p("None.")
          : ul(s.considerations.map((c) => `${c.label}${c.supporting.length > 0 ? `: ${findingsText(c.supporting)}` : ""}`)),
      ),
      ...(considerations.length > 0 ? { entry: considerations.map((e) => ref(e.fullUrl)) } : {}),
    },
    {
      title: "Outcome measures",
      text: div(
        s.outcomes.length === 0
          ? p("No outcome measures recorded.")
          : table(
              "Outcome scores by date, with the important change",
              ["Measure", "Scores (date)", "Important change", "Compared with baseline"],
              s.outcomes.map((o) => [`${o.label} (${o.unit})`, seriesValue(o), thresholdText(o), o.vsBaseline ?? "no baseline comparison"]),
            ),
      ),
      ...(observations.length > 0 ? { entry: observations.map((e) => ref(e.fullUrl)) } : {}),
    },
    {
      title: "Training load",
      text: div(
        p(s.trainingLoad.trendText) +
          table(
            "Weekly distance (ISO weeks, Monday start)",
            ["Week of", "Distance"],
            s.trainingLoad.weekly.map((w) => [
              formatDate(w.weekStart) + (w.complete ? "" : " (to the assessment day)"),
              `${formatScore(w.km)} km`,
            ]),
          ) +
          ul(loadFigures(s).map((f) => `${f.label}: ${f.value}`)) +
          h("Single-run spikes") +
          (s.trainingLoad.spikes.length === 0 ? p("None.") : ul(s.trainingLoad.spikes.map(spikeText))) +
          h("Risk factors") +
          (s.riskFactors.length === 0 ? p("None.") : ul(s.riskFactors.map((r) => `${r.label}: ${findingsText(r.because)}`))),
      ),
    },
    {
      title: "Treatment and response",
      text: div(
        labelled("Treatments tried before", s.treatment.treatmentsTried ?? "not recorded") +
          labelled("Treatment so far", s.treatment.treatmentSoFar ?? "not recorded") +
          labelled("Response to treatment", s.treatment.responseToTreatment ?? "not recorded") +
          h("Plan by visit") +
          ul(
            s.treatment.visits.map(
              (v) =>
                `${formatDate(v.date)} (${ASSESSMENT_KIND_LABELS[v.kind]}): ${v.planItems.length > 0 ? v.planItems.join("; ") : "no plan items"}` +
                (v.planNotes ? `. Notes: ${v.planNotes}` : "") +
                (v.response ? `. Response: ${v.response}` : ""),
            ),
          ) +
          (s.treatment.notes ? labelled("Notes", s.treatment.notes) : ""),
      ),
    },
    {
      title: "Medication, allergies and comorbidities",
      text: div(
        labelled("Medication", s.medication ?? "not recorded") +
          labelled("Allergies", s.allergies ?? "not recorded") +
          labelled("Comorbidities", s.comorbidities ?? "not recorded"),
      ),
    },
  ];
  const composition: Composition = {
    resourceType: "Composition",
    id: idOf(u.composition),
    status: "final",
    type: { coding: [REFERRAL_NOTE], text: "Referral note" },
    subject: patientRef,
    encounter: encounterRef,
    date: s.signedAt,
    author: [referrerRef],
    title: `Referral note: ${name}, ${side.toLowerCase()}`,
    attester: [{ mode: "legal", time: s.signedAt, party: referrerRef }],
    custodian: organizationRef,
    section: sections,
  };

  const entries: BundleEntry[] = [
    { fullUrl: u.composition, resource: composition },
    { fullUrl: u.patient, resource: patient },
    { fullUrl: u.practitioner, resource: practitioner },
    { fullUrl: u.practitionerRole, resource: practitionerRole },
    { fullUrl: u.organization, resource: organization },
    { fullUrl: u.encounter, resource: encounter },
    { fullUrl: u.kneePain, resource: kneePain },
    ...considerations,
    ...observations,
    ...flags,
    { fullUrl: u.serviceRequest, resource: serviceRequest },
  ];
  const bundleUuid = uuidV5(`${s.referralId}/bundle`);
  return {
    resourceType: "Bundle",
    id: bundleUuid,
    identifier: { system: "urn:ietf:rfc:3986", value: `urn:uuid:${bundleUuid}` },
    type: "document",
    timestamp: instant(s.signedAt),
    entry: entries,
  };
}
