/**
 * The referral as an HL7 FHIR R4 document (SPEC.md section 8):
 * `buildReferralBundle(snapshot, state)` returns a Bundle of type "document"
 * whose first entry is a Composition (LOINC 57133-1 "Referral note") with a
 * narrative section per section of the referral outline
 * (lib/export/referral-outline.ts: the same words as the print page and the
 * PDF), followed by the resources it refers to: Patient, Practitioner,
 * PractitionerRole (the referrer's role and contact at the clinic: the
 * author), Organization, Encounter (the assessment), Condition (knee pain,
 * provisional; one per consideration, differential), Observation per outcome
 * score, Flag per red flag present, ServiceRequest.
 *
 * The resources are typed with @medplum/fhirtypes (the FHIR R4 definitions,
 * maintained with Medplum), one small builder per resource.
 *
 * A cancelled referral is a document of its own: the ServiceRequest is
 * `revoked`, the Composition `amended` with a first section "Cancelled"
 * (when and why) and a title that says so, and the Bundle has its own id.
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
import type {
  Annotation,
  Bundle,
  BundleEntry,
  Coding,
  Composition,
  CompositionSection,
  Condition,
  ContactPoint,
  Encounter,
  Flag,
  Narrative,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
  ServiceRequest,
} from "@medplum/fhirtypes";
import { createHash } from "node:crypto";

import { ASSESSMENT_KIND_LABELS, SIDE_LABELS, URGENCY_LABELS, URGENCY_WORDS } from "@/lib/domain";
import { formatDateTime } from "@/lib/format";
import { buildReferralOutline, LIVE, type OutlineBlock, type ReferralState, type SectionId } from "./referral-outline";
import { patientName, thresholdText } from "./snapshot";
import type { Finding, OutcomeSeries, ReferralSnapshot, StoredReferralSnapshot } from "./types";

export type FhirResource =
  Composition | Patient | Practitioner | PractitionerRole | Organization | Encounter | Condition | Observation | Flag | ServiceRequest;
export type { Bundle, BundleEntry };
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
// Narrative (XHTML) of the outline's blocks
// ---------------------------------------------------------------------------

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replace(/\r?\n/g, "<br/>");
}

const div = (inner: string): Narrative => ({ status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>` });
const p = (text: string) => `<p>${esc(text)}</p>`;
const labelled = (label: string, text: string) => `<p><b>${esc(label)}:</b> ${esc(text)}</p>`;
const h = (text: string) => `<h3>${esc(text)}</h3>`;

function table(caption: string, headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((x) => `<th scope="col">${esc(x)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`).join("");
  return `<table><caption>${esc(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** One block of the outline as XHTML. */
export function narrativeOf(block: OutlineBlock): string {
  switch (block.kind) {
    case "facts":
      return block.rows.map((r) => labelled(r.label, r.value)).join("");
    case "heading":
      return h(block.text);
    case "text":
      return block.style === "strong" ? `<p><b>${esc(block.text)}</b></p>` : p(block.text);
    case "list": {
      const items = block.items.map(
        (i) =>
          (i.lead ? `<b>${esc(i.lead)}</b>` : "") +
          (i.urgency ? ` (${esc(URGENCY_WORDS[i.urgency])})` : "") +
          (i.lead ? ": " : "") +
          esc(i.text),
      );
      return (
        (block.heading ? h(block.heading) : "") +
        (items.length === 0 ? p(block.empty) : `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`)
      );
    }
    case "table":
      return table(block.caption, block.headers, block.rows) + (block.notes ?? []).map(p).join("");
  }
}

// ---------------------------------------------------------------------------
// One builder per resource
// ---------------------------------------------------------------------------

const findingText = (f: Finding) => `${f.label}: ${f.value}`;
const findingsText = (fs: Finding[]) => fs.map(findingText).join("; ");

/** A FHIR instant (seconds and time zone required) of an ISO timestamp; left as it is when it does not parse. */
function instant(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString();
}

/** Contact points of the given kinds; undefined when there are none (FHIR refuses empty arrays). */
function telecom(use: "work" | "home", phone: string | null, email: string | null): ContactPoint[] | undefined {
  const list: ContactPoint[] = [];
  if (phone) list.push({ system: "phone", value: phone, use });
  if (email) list.push({ system: "email", value: email, use });
  return list.length > 0 ? list : undefined;
}

/** The object without its undefined properties (FHIR JSON has no nulls and no empty values). */
function defined<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}

/** The URNs and references of one referral's resources. */
class Ids {
  constructor(readonly referralId: string) {}
  urn(suffix: string) {
    return `urn:uuid:${uuidV5(`${this.referralId}/${suffix}`)}`;
  }
  id(fullUrl: string) {
    return fullUrl.slice("urn:uuid:".length);
  }
  ref<T extends Resource = Resource>(fullUrl: string, display?: string): Reference<T> {
    return display ? { reference: fullUrl, display } : { reference: fullUrl };
  }
}

type Refs = {
  patient: Reference<Patient>;
  practitioner: Reference<Practitioner>;
  referrer: Reference<PractitionerRole>;
  organization: Reference<Organization>;
  encounter: Reference<Encounter>;
};

function patientResource(s: StoredReferralSnapshot, id: string, refs: Refs): Patient {
  return defined<Patient>({
    resourceType: "Patient",
    id,
    identifier: [{ use: "usual", type: { text: "Medical record number (MRN)" }, value: s.patient.mrn, assigner: refs.organization }],
    name: [{ text: patientName(s), family: s.patient.familyName, given: [s.patient.givenName] }],
    telecom: telecom("home", s.patient.phone, s.patient.email),
    gender: s.patient.sex,
    birthDate: s.patient.birthDate,
    managingOrganization: refs.organization,
  });
}

function practitionerResource(s: StoredReferralSnapshot, id: string): Practitioner {
  return { resourceType: "Practitioner", id, name: [{ text: s.referrer.name }] };
}

function practitionerRoleResource(s: StoredReferralSnapshot, id: string, refs: Refs): PractitionerRole {
  return defined<PractitionerRole>({
    resourceType: "PractitionerRole",
    id,
    active: true,
    practitioner: refs.practitioner,
    organization: refs.organization,
    code: s.referrer.title ? [{ text: s.referrer.title }] : undefined,
    telecom: telecom("work", s.referrer.phone, s.referrer.email),
  });
}

function organizationResource(s: StoredReferralSnapshot, id: string): Organization {
  return defined<Organization>({
    resourceType: "Organization",
    id,
    name: s.clinic.name,
    telecom: telecom("work", s.clinic.phone, null),
    address: s.clinic.address ? [{ text: s.clinic.address }] : undefined,
  });
}

function encounterResource(s: StoredReferralSnapshot, id: string, refs: Refs): Encounter {
  const date = s.assessment.assessedOn;
  return {
    resourceType: "Encounter",
    id,
    status: "finished",
    class: { display: "Ambulatory clinic visit" },
    type: [{ text: `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} assessment, medial knee pain` }],
    subject: refs.patient,
    participant: [{ individual: { display: s.assessment.signedByName } }],
    period: { start: date, end: date },
    serviceProvider: refs.organization,
  };
}

function kneePainResource(s: StoredReferralSnapshot, id: string, refs: Refs): Condition {
  return defined<Condition>({
    resourceType: "Condition",
    id,
    verificationStatus: { coding: [{ system: CONDITION_VER_STATUS, code: "provisional" }], text: "Provisional" },
    code: { coding: [KNEE_PAIN], text: s.episode.complaint || "Knee pain" },
    bodySite: [{ text: SIDE_LABELS[s.episode.side] }],
    subject: refs.patient,
    encounter: refs.encounter,
    onsetDateTime: s.episode.onsetDate ?? undefined,
    recordedDate: s.assessment.assessedOn,
    note: [{ text: `Mechanism: ${s.history.mechanism}. Duration: ${s.history.durationText}.` }],
  });
}

function considerationResource(
  s: StoredReferralSnapshot,
  c: StoredReferralSnapshot["considerations"][number],
  id: string,
  refs: Refs,
): Condition {
  return defined<Condition>({
    resourceType: "Condition",
    id,
    verificationStatus: { coding: [{ system: CONDITION_VER_STATUS, code: "differential" }], text: "Differential" },
    code: { text: c.label },
    bodySite: [{ text: SIDE_LABELS[s.episode.side] }],
    subject: refs.patient,
    encounter: refs.encounter,
    recordedDate: s.assessment.assessedOn,
    evidence: c.supporting.length > 0 ? [{ code: c.supporting.map((f) => ({ text: findingText(f) })) }] : undefined,
    note: [{ text: `A consideration for the clinician to weigh, not a diagnosis (rules version ${s.rulesVersion}).` }],
  });
}

function observationResource(
  s: StoredReferralSnapshot,
  series: OutcomeSeries,
  point: OutcomeSeries["points"][number],
  isLast: boolean,
  id: string,
  refs: Refs,
): Observation {
  const loinc = SCORE_LOINC[series.measure];
  const scale = `${series.label}, ${series.unit} (${series.betterIs} is better)`;
  const notes: Annotation[] = [{ text: `Important change: ${thresholdText(series)}.` }];
  if (isLast && series.vsBaseline) notes.push({ text: `Compared with the baseline: ${series.vsBaseline}.` });
  return defined<Observation>({
    resourceType: "Observation",
    id,
    status: "final",
    code: loinc ? { coding: [{ system: LOINC, code: loinc }], text: scale } : { text: scale },
    subject: refs.patient,
    encounter: isLast && point.date === s.assessment.assessedOn ? refs.encounter : undefined,
    effectiveDateTime: point.date,
    valueQuantity: { value: point.value, unit: series.measure === "tegner" ? "level" : "points" },
    note: notes,
  });
}

function flagResource(s: StoredReferralSnapshot, f: StoredReferralSnapshot["redFlags"][number], id: string, refs: Refs): Flag {
  return {
    resourceType: "Flag",
    id,
    status: "active",
    code: {
      text: `${f.label}. Urgency: ${URGENCY_WORDS[f.urgency]} (${URGENCY_LABELS[f.urgency]}). Findings: ${findingsText(f.because)}.`,
    },
    subject: refs.patient,
    period: { start: s.assessment.assessedOn },
    encounter: refs.encounter,
    author: refs.referrer,
  };
}

function serviceRequestResource(
  s: StoredReferralSnapshot,
  state: ReferralState,
  id: string,
  refs: Refs,
  reason: Reference<Condition>,
  supporting: Reference[],
): ServiceRequest {
  const notes: Annotation[] = [{ text: `Question for the receiving clinician: ${s.question}` }];
  if (state.cancelled) notes.push({ text: `Cancelled on ${instant(state.cancelled.at)}: ${state.cancelled.reason}` });
  return defined<ServiceRequest>({
    resourceType: "ServiceRequest",
    id,
    status: state.cancelled ? "revoked" : "active",
    intent: "order",
    priority: PRIORITY[s.urgency],
    code: { text: s.recipient ? `Referral to ${s.recipient}` : "Referral for medical evaluation" },
    subject: refs.patient,
    encounter: refs.encounter,
    authoredOn: s.signedAt,
    requester: refs.referrer,
    performer: s.recipient ? [{ display: s.recipient }] : undefined,
    reasonCode: [{ text: s.reason }],
    reasonReference: [reason],
    supportingInfo: supporting.length > 0 ? supporting : undefined,
    note: notes,
  });
}

// ---------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------

// eslint-disable-next-line max-lines-per-function -- the FHIR bundle assembled from its builders in the bundle's order
export function buildReferralBundle(snapshot: StoredReferralSnapshot, state: ReferralState = LIVE): Bundle<FhirResource> {
  const s = snapshot;
  const ids = new Ids(s.referralId);
  const outline = buildReferralOutline(s, state);
  const name = patientName(s);

  const u = {
    composition: ids.urn("composition"),
    patient: ids.urn("patient"),
    practitioner: ids.urn("practitioner"),
    practitionerRole: ids.urn("practitioner-role"),
    organization: ids.urn("organization"),
    encounter: ids.urn("encounter"),
    kneePain: ids.urn("condition/knee-pain"),
    serviceRequest: ids.urn("service-request"),
  };
  const refs: Refs = {
    patient: ids.ref(u.patient, name),
    practitioner: ids.ref(u.practitioner, s.referrer.name),
    referrer: ids.ref(u.practitionerRole, [s.referrer.name, s.referrer.title].filter(Boolean).join(", ")),
    organization: ids.ref(u.organization, s.clinic.name),
    encounter: ids.ref(u.encounter),
  };
  const entry = <R extends FhirResource>(fullUrl: string, resource: R): BundleEntry<FhirResource> => ({ fullUrl, resource });

  const considerations = s.considerations.map((c) => {
    const fullUrl = ids.urn(`condition/consideration/${c.code}`);
    return entry(fullUrl, considerationResource(s, c, ids.id(fullUrl), refs));
  });
  const observations = s.outcomes.flatMap((series) =>
    series.points.map((pt, i) => {
      const fullUrl = ids.urn(`observation/${series.measure}/${i}/${pt.date}`);
      return entry(fullUrl, observationResource(s, series, pt, i === series.points.length - 1, ids.id(fullUrl), refs));
    }),
  );
  const flags = s.redFlags.map((f) => {
    const fullUrl = ids.urn(`flag/${f.code}`);
    return entry(fullUrl, flagResource(s, f, ids.id(fullUrl), refs));
  });
  const refsOf = (entries: BundleEntry<FhirResource>[]) => entries.map((e) => ids.ref(e.fullUrl ?? ""));

  // The outline's sections, each with the resources it describes.
  const entriesOf: Partial<Record<SectionId, Reference[]>> = {
    reason: [ids.ref(u.serviceRequest)],
    history: [ids.ref(u.kneePain), refs.encounter],
    "red-flags": refsOf(flags),
    considerations: refsOf(considerations),
    outcomes: refsOf(observations),
  };
  const sections: CompositionSection[] = outline.sections.map((section) => {
    const entries = entriesOf[section.id] ?? [];
    return defined<CompositionSection>({
      title: section.title,
      text: div(section.blocks.map(narrativeOf).join("")),
      entry: entries.length > 0 ? entries : undefined,
    });
  });
  if (outline.cancelled)
    sections.unshift({ title: "Cancelled", text: div(`<p><b>${esc(outline.cancelled.heading)}</b></p>${p(outline.cancelled.text)}`) });
  // Who is referred, and by whom, opens the first section's narrative as it opens the printed page.
  const who = [...outline.patientRows, ...outline.referralRows].map((r) => labelled(r.label, r.value)).join("");
  const first = sections[0];
  if (first?.text) first.text = { status: "generated", div: first.text.div.replace(/^(<div[^>]*>)/, `$1${who}`) };

  const composition: Composition = {
    resourceType: "Composition",
    id: ids.id(u.composition),
    status: state.cancelled ? "amended" : "final",
    type: { coding: [REFERRAL_NOTE], text: "Referral note" },
    subject: refs.patient,
    encounter: refs.encounter,
    date: state.cancelled ? instant(state.cancelled.at) : s.signedAt,
    author: [refs.referrer],
    title: `${state.cancelled ? "CANCELLED referral note" : "Referral note"}: ${name}, ${SIDE_LABELS[s.episode.side].toLowerCase()}`,
    attester: [{ mode: "legal", time: s.signedAt, party: refs.referrer }],
    custodian: refs.organization,
    section: sections,
  };
  const supporting = refsOf([...flags, ...considerations]);

  const bundleUuid = uuidV5(`${s.referralId}/bundle${state.cancelled ? "/cancelled" : ""}`);
  return {
    resourceType: "Bundle",
    id: bundleUuid,
    identifier: { system: "urn:ietf:rfc:3986", value: `urn:uuid:${bundleUuid}` },
    type: "document",
    timestamp: instant(state.cancelled ? state.cancelled.at : s.signedAt),
    entry: [
      entry(u.composition, composition),
      entry(u.patient, patientResource(s, ids.id(u.patient), refs)),
      entry(u.practitioner, practitionerResource(s, ids.id(u.practitioner))),
      entry(u.practitionerRole, practitionerRoleResource(s, ids.id(u.practitionerRole), refs)),
      entry(u.organization, organizationResource(s, ids.id(u.organization))),
      entry(u.encounter, encounterResource(s, ids.id(u.encounter), refs)),
      entry(u.kneePain, kneePainResource(s, ids.id(u.kneePain), refs)),
      ...considerations,
      ...observations,
      ...flags,
      entry(u.serviceRequest, serviceRequestResource(s, state, ids.id(u.serviceRequest), refs, ids.ref(u.kneePain), supporting)),
    ],
  };
}

/** When a cancelled referral was cancelled, as the documents write it. */
export function cancelledWhen(s: Pick<ReferralSnapshot, "clinic">, at: string): string {
  return formatDateTime(at, s.clinic.timezone ?? "UTC");
}
