/**
 * Per-clinic thresholds (EVALUATE.md section 6). Every threshold of the rules
 * is configurable; the defaults, ranges and sources are in
 * lib/domain/settings.ts.
 *
 * Precedence, key by key: the input's own `settings` > the clinic's settings
 * (the `settings` argument of `evaluate`) > the defaults. `importantChange`
 * is merged per measure, so `{importantChange: {koos: 8}}` changes only KOOS.
 */

import { IMPORTANT_CHANGE_KEYS } from "../domain/measures";
import { DEFAULT_IMPORTANT_CHANGE, DEFAULT_SETTINGS, SCALAR_SETTING_KEYS, type ClinicSettings, type Settings } from "../domain/settings";

export { DEFAULT_IMPORTANT_CHANGE, DEFAULT_SETTINGS };

/**
 * The complete settings in force: defaults, overridden key by key by each of
 * `layers` in turn (later layers win). Keys that are absent or `undefined`
 * in a layer leave the earlier value in place.
 */
export function resolveSettings(...layers: (ClinicSettings | undefined)[]): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS, importantChange: { ...DEFAULT_IMPORTANT_CHANGE } };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of SCALAR_SETTING_KEYS) {
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
