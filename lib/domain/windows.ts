/**
 * Time windows, in days (EVALUATE.md sections 3 and 5). Day D is the
 * assessment day; "D-6 .. D" is the last 7 days including D.
 */

/** acute7dKm: runs of D-6 .. D. */
export const ACUTE_DAYS = 7;
/** chronicWeeklyKm: runs of D-27 .. D, divided by 4 weeks. */
export const CHRONIC_DAYS = 28;
/** twoWeekChangePct: D-13 .. D against D-27 .. D-14. */
export const TWO_WEEK_DAYS = 14;
/** Spike candidates: runs dated D-29 .. D. */
export const SPIKE_CANDIDATE_DAYS = 30;
/** Each candidate is compared with the longest run of the 30 days before it (its date - 30 .. its date - 1). */
export const SPIKE_LOOKBACK_DAYS = 30;

/**
 * The run window: the oldest run that can change any load value of an
 * evaluation on day D is dated D-59 (a spike candidate on D-29 compares with
 * the runs back to D-59). Every place that gathers runs for an evaluation
 * (signing, the live form, the referral's weekly distances) reads the runs
 * of D-59 .. D, which is "the 60 days up to the assessment".
 */
export const RUN_WINDOW_DAYS = SPIKE_CANDIDATE_DAYS - 1 + SPIKE_LOOKBACK_DAYS;

/** The run window as a number of days, D included ("60 days"). */
export const RUN_WINDOW_DAYS_INCLUSIVE = RUN_WINDOW_DAYS + 1;

/** The Ottawa knee rule was derived and validated within 7 days of the injury (Stiell 1995/1996). */
export const OTTAWA_WINDOW_DAYS = 7;

/**
 * The referral shows the weekly distance of the last 8 ISO weeks up to the
 * assessment day: at most 55 days back, inside the run window.
 */
export const REFERRAL_WEEKS_SHOWN = 8;

/** Suggested answers from the run log (speed, hills) and the intake's cadence: the last 28 days against the 28 before. */
export const TRAINING_SUGGESTION_DAYS = 28;
/** A pair of shoes introduced this recently is shown as a recent change of shoes. */
export const RECENT_SHOE_CHANGE_DAYS = 28;
