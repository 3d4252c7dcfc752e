/**
 * Per-clinic thresholds of the rules (EVALUATE.md section 6), with their
 * defaults, ranges and sources: the one place the input schema, the clinic
 * settings form, the engine and the data layer take them from. The SQL
 * defaults of "ClinicSettings" (prisma/schema.prisma) are checked against
 * these by tests/unit/domain/sql-drift.test.ts.
 */
import { IMPORTANT_CHANGE_KEYS, type ImportantChangeKey } from "./measures";

export interface ThresholdDefinition {
  default: number;
  min: number;
  /** `min` itself excluded ("greater than"). */
  minExclusive?: boolean;
  max: number;
  integer: boolean;
  /** "days", "%", "km", "points" ... */
  unit: string;
  /** The field's label on the clinic settings form. */
  label: string;
  /** What the threshold does, for the form and the schema description. */
  meaning: string;
  /** Where the default comes from. */
  source: string;
}

export const SCALAR_SETTING_KEYS = [
  "persistentPainDays",
  "twoWeekIncreasePct",
  "spikePct",
  "minRestDaysPerWeek",
  "shoeReplaceKm",
  "maxRunPain",
] as const;
export type ScalarSettingKey = (typeof SCALAR_SETTING_KEYS)[number];

export const SETTING_DEFINITIONS: Readonly<Record<ScalarSettingKey, ThresholdDefinition>> = Object.freeze({
  persistentPainDays: {
    default: 14,
    min: 1,
    max: 365,
    integer: true,
    unit: "days",
    label: "Persistent pain",
    meaning: "days of pain despite reduced training that raise a red flag",
    source: 'Seed article: pain "lasting more than one to two weeks despite reduced training"',
  },
  twoWeekIncreasePct: {
    default: 30,
    min: 0,
    max: 1000,
    integer: false,
    unit: "%",
    label: "Two-week distance increase",
    meaning: "two-week distance increase, in %, above which it is a risk factor",
    source: "Nielsen 2014: >30% weekly-distance increase over two weeks, HR 1.59",
  },
  spikePct: {
    default: 10,
    min: 0,
    max: 1000,
    integer: false,
    unit: "%",
    label: "Single-run spike",
    meaning: "a run more than this % longer than the longest of the previous 30 days is a spike",
    source: "Frandsen 2025: a run >10% longer than the longest of the previous 30 days",
  },
  minRestDaysPerWeek: {
    default: 1,
    min: 0,
    max: 7,
    integer: true,
    unit: "days/week",
    label: "Minimum rest days",
    meaning: "fewer rest days per week than this is a risk factor",
    source: "Seed article: inadequate rest between runs",
  },
  shoeReplaceKm: {
    default: 800,
    min: 1,
    max: 10000,
    integer: false,
    unit: "km",
    label: "Shoe replacement",
    meaning: "shoes used for more km than this are worn",
    source: "Seed article: worn footwear; common practice replaces shoes at 500-800 km",
  },
  maxRunPain: {
    default: 3,
    min: 0,
    max: 5,
    integer: true,
    unit: "of 10",
    label: "Pain allowed during running",
    meaning: "the most pain (NRS) the running advice allows during a run once the screen is complete",
    source: "Silbernagel 2007 allows up to 5/10; 3 is a conservative default",
  },
});

export const IMPORTANT_CHANGE_DEFINITIONS: Readonly<Record<ImportantChangeKey, ThresholdDefinition>> = Object.freeze({
  painNow: {
    default: 2,
    min: 0,
    minExclusive: true,
    max: 10,
    integer: false,
    unit: "points",
    label: "Important change: pain NRS",
    meaning: "pain NRS points",
    source: "SPEC.md section 6",
  },
  koos: {
    default: 10,
    min: 0,
    minExclusive: true,
    max: 100,
    integer: false,
    unit: "points",
    label: "Important change: KOOS subscale",
    meaning: "KOOS subscale points",
    source: "SPEC.md section 6",
  },
  lefs: {
    default: 9,
    min: 0,
    minExclusive: true,
    max: 80,
    integer: false,
    unit: "points",
    label: "Important change: LEFS",
    meaning: "LEFS points",
    source: "SPEC.md section 6",
  },
  psfs: {
    default: 2,
    min: 0,
    minExclusive: true,
    max: 10,
    integer: false,
    unit: "points",
    label: "Important change: PSFS",
    meaning: "PSFS points",
    source: "SPEC.md section 6",
  },
  tegner: {
    default: 1,
    min: 0,
    minExclusive: true,
    max: 10,
    integer: false,
    unit: "levels",
    label: "Important change: Tegner",
    meaning: "Tegner levels",
    source: "SPEC.md section 6",
  },
});

/** Not a rule threshold: the interval the form proposes for the next review. */
export const REVIEW_INTERVAL_DEFINITION: ThresholdDefinition = Object.freeze({
  default: 14,
  min: 1,
  max: 365,
  integer: true,
  unit: "days",
  label: "Default review interval",
  meaning: "proposed next review after an assessment",
  source: "Clinic practice",
});

export type ImportantChange = Record<ImportantChangeKey, number>;

/** Complete thresholds, as used by the rules. */
export type Settings = Record<ScalarSettingKey, number> & { importantChange: ImportantChange };

/** Partial thresholds: a clinic's settings, or the overrides of one input. */
export type ClinicSettings = Partial<Record<ScalarSettingKey, number>> & { importantChange?: Partial<ImportantChange> };

export const DEFAULT_IMPORTANT_CHANGE: Readonly<ImportantChange> = Object.freeze(
  Object.fromEntries(IMPORTANT_CHANGE_KEYS.map((k) => [k, IMPORTANT_CHANGE_DEFINITIONS[k].default])) as ImportantChange,
);

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  ...(Object.fromEntries(SCALAR_SETTING_KEYS.map((k) => [k, SETTING_DEFINITIONS[k].default])) as Record<ScalarSettingKey, number>),
  importantChange: DEFAULT_IMPORTANT_CHANGE,
});

/** "from 1 to 365", "greater than 0 and at most 10": the range as a message says it. */
export function rangeWords(def: ThresholdDefinition): string {
  return def.minExclusive ? `greater than ${def.min} and at most ${def.max}` : `from ${def.min} to ${def.max}`;
}
