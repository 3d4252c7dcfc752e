/** Settings: defaults, clinic settings, input overrides (EVALUATE.md section 6). */
import { DEFAULT_SETTINGS } from "@/lib/domain";
import { resolveSettings } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

describe("settings", () => {
  it("has the contract defaults", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      persistentPainDays: 14,
      twoWeekIncreasePct: 30,
      spikePct: 10,
      minRestDaysPerWeek: 1,
      shoeReplaceKm: 800,
      maxRunPain: 3,
      importantChange: { painNow: 2, koos: 10, lefs: 9, psfs: 2, tegner: 1 },
    });
  });

  it("input settings override clinic settings key by key, importantChange per measure", () => {
    const s = resolveSettings(
      { persistentPainDays: 10, spikePct: 20, importantChange: { koos: 8, lefs: 12 } },
      { spikePct: 30, importantChange: { lefs: 6 } },
    );
    expect(s).toEqual({
      persistentPainDays: 10,
      twoWeekIncreasePct: 30,
      spikePct: 30,
      minRestDaysPerWeek: 1,
      shoeReplaceKm: 800,
      maxRunPain: 3,
      importantChange: { painNow: 2, koos: 8, lefs: 6, psfs: 2, tegner: 1 },
    });
  });

  it("does not modify the defaults", () => {
    resolveSettings({ importantChange: { koos: 1 } });
    expect(DEFAULT_SETTINGS.importantChange.koos).toBe(10);
  });

  it("persistent pain: clinic 10 days, input override 20 days", () => {
    const symptoms = { daysPersistingDespiteReducedTraining: 12 };
    expect(evaluateWith({ symptoms }).redFlags).toEqual([]);
    expect(evaluateWith({ symptoms }, { persistentPainDays: 10 }).redFlags.map((f) => f.code)).toEqual(["persistent_pain"]);
    expect(evaluateWith({ symptoms, settings: { persistentPainDays: 20 } }, { persistentPainDays: 10 }).redFlags).toEqual([]);
  });

  it("spikePct changes which runs are spikes", () => {
    const training = {
      // A log complete long before the assessment: every load window counts.
      loggedSince: "2000-01-01",
      runs: [
        { date: "2026-06-01", distanceKm: 10 },
        { date: "2026-06-10", distanceKm: 12 },
      ],
    };
    expect(evaluateWith({ training }).load?.spikes).toHaveLength(1);
    expect(evaluateWith({ training, settings: { spikePct: 20 } }).load?.spikes).toEqual([]);
    expect(evaluateWith({ training }, { spikePct: 25 }).load?.spikes).toEqual([]);
  });
});
