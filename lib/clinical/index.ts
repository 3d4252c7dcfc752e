/**
 * The clinical engine: `evaluate(input, settings?)`, pure and synchronous,
 * usable on the server and in the browser. See docs/clinical-rules.md for
 * the rules written for clinicians, and shared EVALUATE.md for the contract.
 * The product's vocabulary (urgency order, labels, settings defaults,
 * windows) is in lib/domain.
 */

export { evaluate } from "./evaluate";
export * from "./types";
export { resolveSettings } from "./settings";
export { RED_FLAG_RULES, RED_FLAG_LABELS, defineRedFlag, inputsOf, tier, type RedFlagRule } from "./red-flags";
export { RISK_FACTOR_RULES, type RiskFactorRule } from "./risk-factors";
export { CONSIDERATION_RULES, type ConsiderationRule } from "./considerations";
export { KOOS_MIN_ANSWERED, koosScores, koosSubscale, lefsScore, psfsScore, computeScores } from "./scoring";
export { computeLoad, logStart, spikeBand } from "./load";
export { runningAdvice } from "./running-advice";
export { computeChanges, classifyChange } from "./changes";
export { and, or, not, known, fromAnswer, UNKNOWN, truthOf, type Finding, type Truth } from "./logic";
export { ageInFullYears, addDays, dayNumber, fromDayNumber, isRealIsoDate, hasIsoDateFormat, isLeapYear } from "./dates";
export { roundHalfUp, round1, round2 } from "./rounding";
export { RED_FLAG_CODES_V1, type EvaluationV1, type RedFlagCodeV1, type StoredEvaluation } from "./evaluation-v1";
