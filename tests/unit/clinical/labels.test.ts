/** Every code has a human label for the UI. */
import { CHANGE_MEASURE_LABELS, CONSIDERATION_LABELS, RISK_FACTOR_LABELS, SPIKE_BAND_LABELS, URGENCY_LABELS } from "@/lib/domain";
import {
  CHANGE_MEASURES,
  CONSIDERATION_CODES,
  CONSIDERATION_RULES,
  RED_FLAG_CODES,
  RED_FLAG_LABELS,
  RED_FLAG_RULES,
  RISK_FACTOR_CODES,
  RISK_FACTOR_RULES,
  RULES_VERSION,
  SPIKE_BANDS,
  URGENCY_ORDER,
} from "@/lib/clinical";

describe("codes, rules and labels", () => {
  it("rulesVersion is 2 and urgencies are ordered most severe first", () => {
    expect(RULES_VERSION).toBe("2");
    expect(URGENCY_ORDER).toEqual(["emergency", "urgent", "soon", "routine"]);
  });

  it.each([
    ["red flags", RED_FLAG_CODES, RED_FLAG_LABELS, RED_FLAG_RULES],
    ["risk factors", RISK_FACTOR_CODES, RISK_FACTOR_LABELS, RISK_FACTOR_RULES],
    ["considerations", CONSIDERATION_CODES, CONSIDERATION_LABELS, CONSIDERATION_RULES],
  ] as const)("%s: one rule and one label per code, each with explanation and source", (_name, codes, labels, rules) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    expect(rules.map((r) => r.code).sort()).toEqual([...codes].sort());
    for (const rule of rules) {
      expect(rule.explanation.length).toBeGreaterThan(10);
      expect(rule.source.length).toBeGreaterThan(5);
    }
  });

  it("labels urgencies, spike bands and change measures", () => {
    expect(Object.keys(URGENCY_LABELS).sort()).toEqual([...URGENCY_ORDER].sort());
    expect(Object.keys(SPIKE_BAND_LABELS).sort()).toEqual([...SPIKE_BANDS].sort());
    expect(Object.keys(CHANGE_MEASURE_LABELS)).toEqual([...CHANGE_MEASURES]);
  });
});
