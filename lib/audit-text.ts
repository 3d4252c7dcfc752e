/**
 * An audit event in words, for the audit log page and its CSV export: what
 * happened to which record ("Signed the follow-up of 3 Nov 2026"), the fields
 * a change changed (before and after, in words), the other facts, and for a
 * refused write, what was tried and why it was refused. Pure: the record's
 * name and the people's names come from lib/data/audit.ts.
 */
import { RED_FLAG_LABELS } from "@/lib/clinical/red-flags";
import { ROLE_LABELS } from "@/lib/domain/access";
import type { AssessmentKind, Side } from "@/lib/domain/codes";
import {
  ASSESSMENT_KIND_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ATTEMPT_LABELS,
  AUDIT_FIELD_LABELS,
  AUDIT_REFUSAL_LABELS,
  EPISODE_STATUS_LABELS,
  MECHANISM_LABELS,
  SEX_LABELS,
  SIDE_LABELS,
  SURFACE_LABELS,
  auditActionLabel,
  isAuditAction,
  type AuditKind,
} from "@/lib/domain/labels";
import {
  IMPORTANT_CHANGE_DEFINITIONS,
  REVIEW_INTERVAL_DEFINITION,
  SETTING_DEFINITIONS,
  type ThresholdDefinition,
} from "@/lib/domain/settings";
import { URGENCY_WORDS } from "@/lib/domain/urgency";
import { formatDate, formatDuration, formatKm } from "@/lib/format";
import { readAuditFacts, readRefusalDetail, type AuditFacts } from "@/lib/stored/audit-detail";

export type AuditChange = { field: string; before: string; after: string };

export type AuditText = {
  kind: AuditKind | null;
  /** "Signed the follow-up of 3 Nov 2026"; "Was refused: sign an assessment". */
  what: string;
  /** The fields a change changed, before and after. */
  changes: AuditChange[];
  /** Other facts, each "Label: value". */
  facts: string[];
  /** A refused write: why ("no permission: You do not have permission to do this"). */
  refusal: string | null;
};

export type DescribableEvent = {
  action: string;
  entityType: string;
  /** The record's name ("the follow-up of 3 Nov 2026"), when it could be named. */
  recordName: string | null;
  detail: unknown;
};

type JsonValue = AuditFacts[string];

const DATE_FIELDS = new Set([
  "birthDate",
  "date",
  "introducedOn",
  "retiredOn",
  "nextReviewDate",
  "onsetDate",
  "runsLoggedSince",
  "assessedOn",
  "validUntil",
]);
const CODE_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sex: SEX_LABELS,
  side: SIDE_LABELS,
  surface: SURFACE_LABELS,
  status: EPISODE_STATUS_LABELS,
  mechanism: MECHANISM_LABELS,
  role: ROLE_LABELS,
  urgency: URGENCY_WORDS,
  kind: ASSESSMENT_KIND_LABELS,
  redFlags: RED_FLAG_LABELS,
  redFlagsNotAssessed: RED_FLAG_LABELS,
};
/** Identifiers and hashes: facts for machines, left out of the log's words. */
const HIDDEN = /(^id$|Id$|Ids$|^sha256$|^madeNow$|^filter$|^patientIds$|^version$|^summary$)/;

const THRESHOLDS: Readonly<Record<string, ThresholdDefinition>> = {
  ...SETTING_DEFINITIONS,
  reviewIntervalDays: REVIEW_INTERVAL_DEFINITION,
  ...Object.fromEntries(Object.entries(IMPORTANT_CHANGE_DEFINITIONS).map(([k, d]) => [`importantChange.${k}`, d])),
};

/** "camelCase" -> "Camel case", for a fact the vocabulary does not name yet. */
function humanise(key: string): string {
  const words = key
    .replace(/[._]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(key: string): string {
  return THRESHOLDS[key]?.label ?? AUDIT_FIELD_LABELS[key] ?? humanise(key);
}

/** A stored value in words: dates as "3 Nov 2026", codes by their label, units on numbers. */
export function valueWords(key: string, value: JsonValue | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => valueWords(key, v)).join(", ");
  if (typeof value === "object")
    return Object.entries(value)
      .map(([k, v]) => `${fieldLabel(k)} ${valueWords(k, v)}`)
      .join(", ");
  if (typeof value === "number") {
    if (key === "distanceKm") return formatKm(value);
    if (key === "durationSec") return formatDuration(value);
    if (key === "dropMm") return `${value} mm`;
    const threshold = THRESHOLDS[key];
    return threshold ? `${value} ${threshold.unit}` : String(value);
  }
  if (DATE_FIELDS.has(key) && /^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value);
  return CODE_FIELDS[key]?.[value] ?? value;
}

/** Nested objects (the clinic settings' important changes) as dotted keys. */
function flatten(value: JsonValue | undefined, prefix = ""): Record<string, JsonValue> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return prefix ? { [prefix]: value ?? null } : {};
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => Object.entries(flatten(v, prefix ? `${prefix}.${k}` : k))));
}

/** The fields whose value differs between `before` and `after`, in words. */
export function changesOf(before: JsonValue | undefined, after: JsonValue | undefined, field = "value"): AuditChange[] {
  const objects = (before === null || typeof before === "object") && (after === null || typeof after === "object");
  if (!objects || Array.isArray(before) || Array.isArray(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: fieldLabel(field), before: valueWords(field, before), after: valueWords(field, after) }];
  }
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.test(k.split(".").pop() ?? k));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: fieldLabel(k), before: valueWords(k, b[k]), after: valueWords(k, a[k]) }));
}

/** The field a scalar before/after is about, per action. */
const SCALAR_CHANGE_FIELD: Readonly<Record<string, string>> = { "settings.two_factor_policy": "twoFactorRequired" };

function describeRefusal(detail: unknown): Pick<AuditText, "what" | "refusal" | "facts"> {
  const r = readRefusalDetail(detail);
  const fields = r.fields.map((f) => `${fieldLabel(f.path)}: ${f.message}`);
  return {
    what: `${AUDIT_ACTIONS["write.refused"].label}: ${AUDIT_ATTEMPT_LABELS[r.attempt]}`,
    refusal: `${AUDIT_REFUSAL_LABELS[r.refused]}: ${r.message}`,
    facts: [...fields, ...(r.request ? [`Request: ${r.request}`] : [])],
  };
}

export function describeAuditEvent(e: DescribableEvent): AuditText {
  if (e.action === "write.refused") return { kind: "refused", changes: [], ...describeRefusal(e.detail) };
  const known = isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : null;
  const what = isAuditAction(e.action) ? auditActionLabel(e.action, e.recordName) : humanise(e.action);
  const { before, after, ...rest } = readAuditFacts(e.detail);
  const changes = before !== undefined || after !== undefined ? changesOf(before, after, SCALAR_CHANGE_FIELD[e.action]) : [];
  const facts = Object.entries(rest)
    .filter(([k, v]) => !HIDDEN.test(k) && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${fieldLabel(k)}: ${valueWords(k, v)}`);
  return { kind: known?.kind ?? null, what, changes, facts, refusal: null };
}

/** The names of records, from the facts the log has of them (a deleted run is named from its audit detail). */
export const recordNames = {
  assessment: (kind: AssessmentKind, assessedOn: string) =>
    `the ${ASSESSMENT_KIND_LABELS[kind].toLowerCase()} of ${formatDate(assessedOn)}`,
  episode: (side: Side, openedOn: string) => `the ${SIDE_LABELS[side].toLowerCase()} episode opened ${formatDate(openedOn)}`,
  referral: (createdOn: string) => `the referral of ${formatDate(createdOn)}`,
  run: (date: string, distanceKm: number) => `the run of ${formatDate(date)} (${formatKm(distanceKm)})`,
  shoe: (name: string) => `the shoe "${name}"`,
};

/** A record named from its audit detail, when it no longer exists (deleted run, discarded draft). */
export function recordNameFromDetail(entityType: string, detail: unknown): string | null {
  const f = readAuditFacts(detail);
  const { date, distanceKm, name, kind, assessedOn } = f;
  if (entityType === "Run" && typeof date === "string" && typeof distanceKm === "number") return recordNames.run(date, distanceKm);
  if (entityType === "Shoe" && typeof name === "string") return recordNames.shoe(name);
  if (entityType === "Assessment" && (kind === "intake" || kind === "follow_up") && typeof assessedOn === "string")
    return recordNames.assessment(kind, assessedOn);
  return null;
}
