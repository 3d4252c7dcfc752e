/**
 * The runner's own links (issue 13): questionnaires by secure link before a
 * visit, and the pain-and-run diary between visits. The words, limits and
 * alert rules of both, defined once. The runner's wording of each red-flag
 * question lives with the question catalogue (lib/questions.ts).
 */
import type { RunningAdviceMode } from "./codes";

// ---------------------------------------------------------------------------
// Questionnaire requests
// ---------------------------------------------------------------------------

/** What a request can ask, in the order the runner answers it. */
export const INSTRUMENTS = ["pain", "koos", "lefs", "psfs", "tegner", "screen"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** How the clinician sees each instrument. */
export const INSTRUMENT_LABELS: Readonly<Record<Instrument, string>> = Object.freeze({
  pain: "Pain (NRS now, worst this week, during running)",
  koos: "KOOS",
  lefs: "LEFS",
  psfs: "PSFS",
  tegner: "Tegner activity level",
  screen: "Red-flag screen",
});

/** How the runner sees each step's title. */
export const INSTRUMENT_RUNNER_TITLES: Readonly<Record<Instrument, string>> = Object.freeze({
  pain: "Your pain",
  koos: "Your knee in daily life and sport",
  lefs: "Everyday activities",
  psfs: "Activities that are hard for you",
  tegner: "Your activity level",
  screen: "Important questions about your knee",
});

/** `expiresInDays` of a request: 1 to 30, default 7. */
export const REQUEST_EXPIRY_DAYS = { min: 1, max: 30, default: 7 } as const;

/** The stored status of a request and the one it shows: an open request past its expiry is "expired". */
export const REQUEST_STATUSES = ["open", "completed", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = Object.freeze({
  open: "Open",
  completed: "Returned",
  expired: "Expired",
  withdrawn: "Withdrawn",
});

/** The status a request shows at `now`. */
export function requestStatus(stored: "open" | "completed" | "withdrawn", expiresAt: Date, now: Date = new Date()): RequestStatus {
  if (stored === "open" && expiresAt.getTime() <= now.getTime()) return "expired";
  return stored;
}

/** PSFS: the runner names 1 to 5 activities when the episode has none yet. */
export const PSFS_ACTIVITIES = { min: 1, max: 5 } as const;

// ---------------------------------------------------------------------------
// The diary
// ---------------------------------------------------------------------------

/** A diary link is valid until a day the clinician sets, at most 16 weeks ahead. */
export const DIARY_MAX_WEEKS = 16;
export const DIARY_MAX_DAYS = DIARY_MAX_WEEKS * 7;

/** How far back the runner may log a day (a missed day or two, not a history). */
export const DIARY_BACKDATE_DAYS = 14;

export const DIARY_DAY_KINDS = ["run", "rest"] as const;
export type DiaryDayKind = (typeof DIARY_DAY_KINDS)[number];

export const DIARY_ALERT_CODES = ["ran_against_advice", "pain_over_limit", "next_morning_higher", "swelling"] as const;
export type DiaryAlertCode = (typeof DIARY_ALERT_CODES)[number];

export const DIARY_ALERT_LABELS: Readonly<Record<DiaryAlertCode, string>> = Object.freeze({
  ran_against_advice: "Ran against the running advice",
  pain_over_limit: "Pain during the run above the limit",
  next_morning_higher: "Next-morning pain higher than the day before",
  swelling: "Swelling reported",
});

/** The running advice an entry is judged against: the mode and, when pain-monitored, its limit. */
export type AdviceInForce = { mode: RunningAdviceMode; maxPainDuringRun: number | null };

/** The most pain allowed during a run under the advice; null when no run is allowed at all (stop, screen incomplete). */
export function painLimitOf(advice: AdviceInForce): number | null {
  if (advice.mode === "pain_free") return 0;
  if (advice.mode === "pain_monitored") return advice.maxPainDuringRun ?? 0;
  return null;
}

export type DiaryDay = {
  date: string;
  kind: DiaryDayKind;
  distanceKm: number | null;
  painDuring: number | null;
  painNextMorning: number | null;
  swelling: boolean;
};

export type DiaryAlertRaised = { code: DiaryAlertCode; message: string };

/**
 * The alerts one diary day raises (issue 13): running although the current
 * advice says stop or gives none yet (screen incomplete); pain during the run
 * above the advice's limit (0 for pain-free running); next-morning pain
 * higher than the day before's; swelling. `previous` is the entry of the day
 * before, when there is one. `dateText` writes a date ("3 Nov 2026"), so
 * each message names its entry.
 */
export function diaryAlerts(
  day: DiaryDay,
  previous: Pick<DiaryDay, "date" | "painNextMorning"> | null,
  advice: AdviceInForce,
  adviceText: string,
  dateText: (date: string) => string,
): DiaryAlertRaised[] {
  const on = dateText(day.date);
  const run = day.kind === "run" ? `Run of ${day.distanceKm ?? "?"} km on ${on}` : `Rest day ${on}`;
  const out: DiaryAlertRaised[] = [];
  const limit = painLimitOf(advice);
  if (day.kind === "run" && limit === null)
    out.push({ code: "ran_against_advice", message: `${run}, although the running advice is: ${adviceText}` });
  if (day.kind === "run" && limit !== null && day.painDuring !== null && day.painDuring > limit)
    out.push({ code: "pain_over_limit", message: `${run}: pain ${day.painDuring}/10 during the run, above the limit of ${limit}/10` });
  if (day.painNextMorning !== null && previous?.painNextMorning != null && day.painNextMorning > previous.painNextMorning)
    out.push({
      code: "next_morning_higher",
      message: `${run}: next-morning pain ${day.painNextMorning}/10, up from ${previous.painNextMorning}/10 the day before`,
    });
  if (day.swelling) out.push({ code: "swelling", message: `${run}: swelling reported` });
  return out;
}
