/**
 * Per-clinic thresholds (EVALUATE.md section 6). Every threshold of the rules
 * is configurable; these are the defaults.
 *
 * Precedence, key by key: the input's own `settings` > the clinic's settings
 * (the `settings` argument of `evaluate`) > these defaults. `importantChange`
 * is merged per measure, so `{importantChange: {koos: 8}}` changes only KOOS.
 */

import type { ClinicSettings, ImportantChange, Settings } from "./types";

export const DEFAULT_IMPORTANT_CHANGE: Readonly<ImportantChange> = Object.freeze({
  /** Pain NRS: 2 points (SPEC.md section 6). */
  painNow: 2,
  /** KOOS subscale: 10 points (SPEC.md section 6). */
  koos: 10,
  /** LEFS: 9 points (SPEC.md section 6). */
  lefs: 9,
  /** PSFS: 2 points (SPEC.md section 6). */
  psfs: 2,
  /** Tegner: 1 level (SPEC.md section 6). */
  tegner: 1,
});

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  /** Seed article: pain "lasting more than one to two weeks despite reduced training". */
  persistentPainDays: 14,
  /** Nielsen 2014: >30% weekly-distance increase over two weeks, HR 1.59. */
  twoWeekIncreasePct: 30,
  /** Frandsen 2025: a run >10% longer than the longest of the previous 30 days. */
  spikePct: 10,
  /** Seed article: inadequate rest between runs. */
  minRestDaysPerWeek: 1,
  /** Seed article: worn footwear; common practice replaces shoes at 500-800 km. */
  shoeReplaceKm: 800,
  importantChange: DEFAULT_IMPORTANT_CHANGE,
});

const SCALAR_KEYS = [
  "persistentPainDays",
  "twoWeekIncreasePct",
  "spikePct",
  "minRestDaysPerWeek",
  "shoeReplaceKm",
] as const satisfies readonly (keyof Settings)[];

const IMPORTANT_CHANGE_KEYS = ["painNow", "koos", "lefs", "psfs", "tegner"] as const satisfies readonly (keyof ImportantChange)[];

/**
 * The complete settings in force: defaults, overridden key by key by each of
 * `layers` in turn (later layers win). Keys that are absent or `undefined`
 * in a layer leave the earlier value in place.
 */
export function resolveSettings(...layers: (ClinicSettings | undefined)[]): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS, importantChange: { ...DEFAULT_IMPORTANT_CHANGE } };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of SCALAR_KEYS) {
      const value = layer[key];
      if (value !== undefined) settings[key] = value;
    }
    const ic = layer.importantChange;
    if (ic) {
      for (const key of IMPORTANT_CHANGE_KEYS) {
        const value = ic[key];
        if (value !== undefined) settings.importantChange[key] = value;
      }
    }
  }
  return settings;
}
