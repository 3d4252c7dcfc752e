/**
 * Urgency: the order of the levels, their rank, and the one display level
 * every view shows (caseload row, red-flag banner, assessment history, live
 * evaluation), so they can never disagree about what "routine" or "not yet
 * screened" means.
 */

/** Most severe first (EVALUATE.md section 3). */
export const URGENCY_ORDER = ["emergency", "urgent", "soon", "routine"] as const;
export type Urgency = (typeof URGENCY_ORDER)[number];

/** Position of an urgency in URGENCY_ORDER: 0 emergency .. 3 routine. */
export function urgencyRank(urgency: Urgency): number {
  return URGENCY_ORDER.indexOf(urgency);
}

/**
 * `Episode.urgencyRank` of an episode without any evaluation yet (sorted
 * after routine). The SQL default of the column and the caseload filters use
 * these ranks; tests/unit/domain/sql-drift.test.ts fails when they drift.
 */
export const RANK_NOT_EVALUATED = URGENCY_ORDER.length;

/** "Flagged" on the caseload: emergency, urgent or soon (rank 0 to 2). */
export const FLAGGED_MAX_RANK = urgencyRank("soon");

/** The most severe of `urgencies`, `routine` when there are none. */
export function mostSevere(urgencies: Iterable<Urgency>): Urgency {
  let best: Urgency = "routine";
  for (const u of urgencies) if (urgencyRank(u) < urgencyRank(best)) best = u;
  return best;
}

/** A SQL expression giving the rank of a text expression holding an urgency (NULL stays NULL). */
export function urgencyRankSql(expression: string): string {
  return `CASE ${expression} ${URGENCY_ORDER.map((u, i) => `WHEN '${u}' THEN ${i}`).join(" ")} END`;
}

/** The SQL expression back: the urgency of a rank (NULL for RANK_NOT_EVALUATED). */
export function urgencyOfRankSql(expression: string): string {
  return `CASE ${expression} ${URGENCY_ORDER.map((u, i) => `WHEN ${i} THEN '${u}'`).join(" ")} END`;
}

// ---------------------------------------------------------------------------
// The display level
// ---------------------------------------------------------------------------

/** What a view shows: an urgency, or "not yet screened" (no flag found, and the screen not complete). */
export type DisplayLevel = Urgency | "not_screened";

export interface UrgencyDisplay {
  level: DisplayLevel;
  /**
   * The red-flag screen is incomplete (some red flags not assessed). Always
   * true with `not_screened`; with a flag found it is shown as a marker
   * ("screen incomplete") next to the urgency.
   */
  screenIncomplete: boolean;
}

/**
 * The one rule every view uses. Nothing reads as safe before it is known to
 * be: without an evaluation, or with no flag found while the screen is
 * incomplete, the level is "not yet screened", never a green "routine".
 */
export function displayLevel(urgency: Urgency | null | undefined, screenIncomplete: boolean): UrgencyDisplay {
  if (!urgency) return { level: "not_screened", screenIncomplete: true };
  if (urgency === "routine" && screenIncomplete) return { level: "not_screened", screenIncomplete: true };
  return { level: urgency, screenIncomplete };
}

/** The display level of a stored or live evaluation (null: not evaluated). */
export function displayLevelOf(
  evaluation: { urgency: Urgency; redFlagsNotAssessed: readonly unknown[] } | null | undefined,
): UrgencyDisplay {
  return evaluation ? displayLevel(evaluation.urgency, evaluation.redFlagsNotAssessed.length > 0) : displayLevel(null, true);
}

/** Urgency as one word (documents and badges never show urgency by colour alone). */
export const URGENCY_WORDS: Readonly<Record<Urgency, string>> = Object.freeze({
  emergency: "Emergency",
  urgent: "Urgent",
  soon: "Soon",
  routine: "Routine",
});

/** The display level as one word (with an icon and a colour, never colour alone). */
export const DISPLAY_LEVEL_WORDS: Readonly<Record<DisplayLevel, string>> = Object.freeze({
  ...URGENCY_WORDS,
  not_screened: "Not yet screened",
});

const questions = (n: number) => `${n} question${n === 1 ? "" : "s"}`;

/**
 * The level as a short text: "Routine", "Urgent", "Urgent · screen
 * incomplete", "Not yet screened", or with the number of red-flag questions
 * still unanswered (known where the answers are): "Not yet screened: 3
 * questions", "Urgent · screen incomplete: 2 questions".
 */
export function displayText(d: UrgencyDisplay, unansweredQuestions?: number): string {
  const count = unansweredQuestions !== undefined && unansweredQuestions > 0 ? `: ${questions(unansweredQuestions)}` : "";
  if (d.level === "not_screened") return `${DISPLAY_LEVEL_WORDS.not_screened}${count}`;
  return d.screenIncomplete ? `${DISPLAY_LEVEL_WORDS[d.level]} · screen incomplete${count}` : DISPLAY_LEVEL_WORDS[d.level];
}

/**
 * The urgencies that call for action now: their open red flags and their
 * referrals not yet sent are caseload markers and sit at the top of the
 * patient page; an open one stops a discharge.
 */
export const URGENT_FLAG_URGENCIES: readonly Urgency[] = ["emergency", "urgent"];

/** "Emergency or urgent": those urgencies in words, for the tiles and filters that count them. */
export const URGENT_FLAG_WORDS = URGENT_FLAG_URGENCIES.map((u, i) => (i ? URGENCY_WORDS[u].toLowerCase() : URGENCY_WORDS[u])).join(" or ");

const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;

/**
 * Referrals drafted or signed but not sent, named by their urgency (the most
 * severe of them): "An emergency referral is not sent", "2 referrals are not
 * sent, the most severe urgent".
 */
export function unsentReferralsText(count: number, urgency: Urgency | null): string {
  const word = urgency ? URGENCY_WORDS[urgency].toLowerCase() : "";
  const text =
    count === 1
      ? `${withArticle(`${word} referral`.trim())} is not sent`
      : `${count} referrals are not sent${word ? `, the most severe ${word}` : ""}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A signed record whose red-flag screen is incomplete carries the signer's
 * attestation of why: "Screen incomplete: runner in pain, examination
 * deferred to Friday". Shown on the record, the banner and the referral.
 */
export function attestedScreenText(reason: string): string {
  return `Screen incomplete: ${reason}`;
}

/** The field of a signing that holds the attestation, as errors name it. */
export const SCREEN_ATTESTATION_FIELD = "screenAttestation";

// ---------------------------------------------------------------------------
// The caseload's urgency sort
// ---------------------------------------------------------------------------

/**
 * The caseload's sort by urgency (`Episode.worklistRank`): the urgency rank
 * times ten, with what the runner reported among the red flags: a "yes" in
 * the runner's red-flag screen or a diary alert right after urgent (before
 * soon), a returned questionnaire not yet reviewed right after soon. Nothing
 * the runner reports lowers an episode's place.
 */
export const WORKLIST_STEP = 10;
export const WORKLIST_RUNNER_REPORTED = urgencyRank("urgent") * WORKLIST_STEP + WORKLIST_STEP / 2;
export const WORKLIST_QUESTIONNAIRE_RETURNED = urgencyRank("soon") * WORKLIST_STEP + WORKLIST_STEP / 2;
/** `Episode.worklistRank` of an episode without an evaluation or anything reported (its SQL default). */
export const WORKLIST_NOT_EVALUATED = RANK_NOT_EVALUATED * WORKLIST_STEP;

export type WorklistInputs = { urgencyRank: number; runnerRedFlags: number; diaryAlertsOpen: number; questionnairesToReview: number };

export function worklistRank(e: WorklistInputs): number {
  let rank = e.urgencyRank * WORKLIST_STEP;
  if (e.runnerRedFlags > 0 || e.diaryAlertsOpen > 0) rank = Math.min(rank, WORKLIST_RUNNER_REPORTED);
  if (e.questionnairesToReview > 0) rank = Math.min(rank, WORKLIST_QUESTIONNAIRE_RETURNED);
  return rank;
}
