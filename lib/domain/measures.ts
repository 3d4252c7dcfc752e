/**
 * The outcome measures (SPEC.md section 6): one registry for the engine's
 * `changes`, the timeline charts, the assessment history and the referral.
 */

/** The measures compared in `changes`, in output order (EVALUATE.md section 6). */
export const CHANGE_MEASURES = [
  "painNow",
  "koos.pain",
  "koos.symptoms",
  "koos.adl",
  "koos.sport",
  "koos.qol",
  "lefs",
  "psfs",
  "tegner",
] as const;
export type ChangeMeasure = (typeof CHANGE_MEASURES)[number];

export const KOOS_SUBSCALES = ["pain", "symptoms", "adl", "sport", "qol"] as const;
export type KoosSubscale = (typeof KOOS_SUBSCALES)[number];

/** The keys of the important-change settings: KOOS subscales share one. */
export const IMPORTANT_CHANGE_KEYS = ["painNow", "koos", "lefs", "psfs", "tegner"] as const;
export type ImportantChangeKey = (typeof IMPORTANT_CHANGE_KEYS)[number];

/** How a value is written: "6/10", "72.2/100", "61/80", "level 6". */
export type MeasureUnit = "/10" | "/100" | "/80" | "level";

export interface MeasureDefinition {
  measure: ChangeMeasure;
  /** As in tables of changes and the referral: "Pain now (NRS)", "KOOS Pain". */
  label: string;
  /** Chart title: "Pain NRS". */
  chartLabel: string;
  unit: MeasureUnit;
  /** The scale, inclusive. */
  range: readonly [number, number];
  betterIs: "higher" | "lower";
  /** Which important-change setting applies. */
  importantChangeKey: ImportantChangeKey;
  /**
   * Whether a worsening of this measure since the previous visit marks the
   * episode "Worsening" on the caseload. Not the Tegner level: it drops
   * when rest from running is advised, which is treatment, not worsening.
   */
  countsForWorsening: boolean;
}

const KOOS_LABELS: Readonly<Record<KoosSubscale, string>> = {
  pain: "KOOS Pain",
  symptoms: "KOOS Symptoms",
  adl: "KOOS Activities of daily living",
  sport: "KOOS Sport and recreation",
  qol: "KOOS Quality of life",
};

/** Every measure, in CHANGE_MEASURES order. */
export const MEASURES: readonly MeasureDefinition[] = Object.freeze([
  {
    measure: "painNow",
    label: "Pain now (NRS)",
    chartLabel: "Pain NRS",
    unit: "/10",
    range: [0, 10],
    betterIs: "lower",
    importantChangeKey: "painNow",
    countsForWorsening: true,
  },
  ...KOOS_SUBSCALES.map((s): MeasureDefinition => ({
    measure: `koos.${s}`,
    label: KOOS_LABELS[s],
    chartLabel: KOOS_LABELS[s],
    unit: "/100",
    range: [0, 100],
    betterIs: "higher",
    importantChangeKey: "koos",
    countsForWorsening: true,
  })),
  {
    measure: "lefs",
    label: "LEFS",
    chartLabel: "LEFS",
    unit: "/80",
    range: [0, 80],
    betterIs: "higher",
    importantChangeKey: "lefs",
    countsForWorsening: true,
  },
  {
    measure: "psfs",
    label: "PSFS",
    chartLabel: "PSFS",
    unit: "/10",
    range: [0, 10],
    betterIs: "higher",
    importantChangeKey: "psfs",
    countsForWorsening: true,
  },
  {
    measure: "tegner",
    label: "Tegner activity level",
    chartLabel: "Tegner activity level",
    unit: "level",
    range: [0, 10],
    betterIs: "higher",
    importantChangeKey: "tegner",
    countsForWorsening: false,
  },
]);

/**
 * Charted beside pain now on the timeline (the engine does not compare them):
 * the worst pain of the last week and pain during running, from the answers.
 */
export const PAIN_COMPANIONS = [
  { key: "painWorstWeek", path: "symptoms.painWorstWeek", label: "Worst pain in the last week" },
  { key: "painDuringRun", path: "symptoms.painDuringRun", label: "Pain during running" },
] as const;
export type PainCompanion = (typeof PAIN_COMPANIONS)[number]["key"];

/** The measures whose worsening since the previous visit marks an episode "Worsening" (pain, KOOS, LEFS, PSFS; never Tegner). */
export const WORSENING_MEASURES: readonly ChangeMeasure[] = Object.freeze(
  MEASURES.filter((m) => m.countsForWorsening).map((m) => m.measure),
);

/** `changes` (vsPrevious) of an evaluation say "Worsening": a measure of WORSENING_MEASURES worsened since the previous visit. */
export function isWorsening(
  changes: Partial<Record<ChangeMeasure, { vsBaseline?: string | undefined; vsPrevious?: string | undefined }>> | undefined,
): boolean {
  return WORSENING_MEASURES.some((m) => changes?.[m]?.vsPrevious === "worsened");
}

/** The SQL list of WORSENING_MEASURES, for `key IN (...)` over an evaluation's `changes`. */
export function worseningMeasuresSql(): string {
  return WORSENING_MEASURES.map((m) => `'${m}'`).join(", ");
}

/** The definition of one measure. */
export function measureDefinition(measure: ChangeMeasure): MeasureDefinition {
  const def = MEASURES.find((m) => m.measure === measure);
  if (!def) throw new Error(`unknown measure ${measure}`);
  return def;
}

/** Labels of the measures (tables of changes, referral). */
export const CHANGE_MEASURE_LABELS: Readonly<Record<ChangeMeasure, string>> = Object.freeze(
  Object.fromEntries(MEASURES.map((m) => [m.measure, m.label])) as Record<ChangeMeasure, string>,
);

/** "0-10", "0-100", "level 0-10": the scale as written in the referral. */
export function rangeText(def: Pick<MeasureDefinition, "range" | "unit">): string {
  return `${def.unit === "level" ? "level " : ""}${def.range[0]}-${def.range[1]}`;
}
