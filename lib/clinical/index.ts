/**
 * The clinical engine: `evaluate(input, settings?)`, pure and synchronous,
 * usable on the server and in the browser. See docs/clinical-rules.md for
 * the rules written for clinicians, and shared EVALUATE.md for the contract.
 */

export { evaluate } from "./evaluate";
export * from "./types";
export { DEFAULT_SETTINGS, DEFAULT_IMPORTANT_CHANGE, resolveSettings } from "./settings";
export { RED_FLAG_RULES, mostSevere, urgencyRank, type RedFlagRule } from "./red-flags";
export { RISK_FACTOR_RULES, type RiskFactorRule } from "./risk-factors";
export { CONSIDERATION_RULES, type ConsiderationRule } from "./considerations";
export { KOOS_MIN_ANSWERED, koosScores, koosSubscale, lefsScore, psfsScore, computeScores } from "./scoring";
export { computeLoad, spikeBand } from "./load";
export { computeChanges, classifyChange, CHANGE_MEASURE_RULES } from "./changes";
export { and, or, not, known, fromAnswer, UNKNOWN, truthOf, type Finding, type Truth } from "./logic";
export { ageInFullYears, addDays, dayNumber, fromDayNumber, isRealIsoDate, hasIsoDateFormat, isLeapYear } from "./dates";
export { roundHalfUp, round1, round2 } from "./rounding";
export {
  URGENCY_LABELS,
  RED_FLAG_LABELS,
  RISK_FACTOR_LABELS,
  CONSIDERATION_LABELS,
  SPIKE_BAND_LABELS,
  CHANGE_CLASS_LABELS,
  CHANGE_MEASURE_LABELS,
  FINDING_LABELS,
} from "./labels";
