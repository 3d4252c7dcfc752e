/**
 * Display formatting shared by pages, exports and tests. Dates are written
 * unambiguously ("3 Nov 2026"), never as 03/11/2026.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * One Intl.DateTimeFormat per locale, zone and options, made on first use and
 * kept: constructing one costs far more than formatting with it (tens of
 * microseconds against one or two), and pages format a date per row.
 */
const FORMATS = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    FORMATS.set(key, format);
  }
  return format;
}

/**
 * Numbers as the app writes them ("1,200", "12.5"), each through one
 * Intl.NumberFormat made once: `toLocaleString("en-GB", …)` builds a new
 * formatter on every call (tens of microseconds), and the patient page
 * formats a number in every cell of its tables (issue 17: 3.6% of the
 * page's server CPU went to making formatters).
 */
const NUMBER = new Intl.NumberFormat("en-GB");
const ONE_DECIMAL = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** "1,200", "12.345" (up to three decimals), as `toLocaleString("en-GB")`. */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** "1,200", "12.5": at most one decimal. */
export function formatOneDecimal(n: number): string {
  return ONE_DECIMAL.format(n);
}

/** "2026-11-03" or a Date at UTC midnight -> "3 Nov 2026". */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const iso = typeof value === "string" ? value : value.toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return String(value);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * The zone's abbreviation at an instant, as people there write it: "GMT" and
 * "BST" in London, "CET" and "CEST" in Berlin, "EST" and "EDT" in New York,
 * "AEDT" in Sydney, "IST" in Kolkata; an offset ("GMT+4") where no English
 * locale has a name for it. Daylight saving is the instant's own.
 */
const ZONE_NAME_LOCALES = ["en-GB", "en-US", "en-AU", "en-IN", "en-NZ", "en-CA", "en-ZA", "en-SG"];
export function zoneName(at: Date, timeZone: string): string {
  const nameIn = (locale: string) =>
    dateFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? "";
  for (const locale of ZONE_NAME_LOCALES) {
    const name = nameIn(locale);
    if (name && !/^(GMT|UTC)[+-−]/.test(name)) return name;
  }
  return nameIn("en-GB");
}

/** A timestamp in the clinic's time zone, with the zone's abbreviation then: "3 Nov 2026, 14:05 GMT", "3 Jul 2026, 15:05 BST". */
export function formatDateTime(value: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  const parts = dateFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${formatDate(`${get("year")}-${get("month")}-${get("day")}`)}, ${get("hour")}:${get("minute")} ${zoneName(d, timeZone)}`;
}

/** The IANA time zones a clinic can choose (what this JavaScript runtime knows, plus UTC). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now); // en-CA formats as YYYY-MM-DD
}

/**
 * A late entry: an assessment entered (first saved) on a later day of the
 * clinic than the day it was assessed. Returns the day it was entered, or
 * null when it was entered on the day itself.
 */
export function lateEntryDay(assessedOn: string, createdAt: Date, timeZone: string): string | null {
  const entered = todayIn(timeZone, createdAt);
  return entered > assessedOn ? entered : null;
}

/**
 * The latest date that is "today" anywhere on Earth (UTC+14). Schemas shared
 * with the browser use it to refuse dates that are in the future everywhere;
 * lib/data then checks against the clinic's own day (lib/data/clinic.ts).
 */
export function latestToday(now: Date = new Date()): string {
  return todayIn("Etc/GMT-14", now);
}

/** Minutes a time zone is ahead of UTC at an instant (negative west of Greenwich). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = dateFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a day (YYYY-MM-DD) begins in a time zone, e.g. for "from" / "to" filters on timestamps. */
export function startOfDayIn(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00.000Z`);
  let at = new Date(midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000);
  // A daylight-saving change between the guess and the answer: take the offset in force at the answer.
  at = new Date(midnightUtc - offsetMinutes(at, timeZone) * 60_000);
  return at;
}

/** The instant a day (YYYY-MM-DD) ends in a time zone (the next day begins): when a link "valid until 3 Nov 2026" stops working. */
export function endOfDayIn(day: string, timeZone: string): Date {
  return startOfDayIn(addDays(day, 1), timeZone);
}

/** The day (YYYY-MM-DD) in a time zone that an end-of-day instant closes: the day of the instant just before it. */
export function dayEndedBy(at: Date, timeZone: string): string {
  return todayIn(timeZone, new Date(at.getTime() - 1));
}

/** Full years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A count with its noun: "1 run", "3 runs", "1 entry" / "2 entries" (with `many`), "1,200 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** Where a page is in its list: "Runners 51–75 of 2,996 · page 3 of 120" ("Runners: none" when the list is empty). */
export function pagePosition(noun: string, p: { total: number; first: number; last: number; page: number; pages: number }): string {
  const n = formatNumber;
  if (p.total === 0) return `${noun}: none`;
  const rows =
    p.first === 0
      ? `none of ${n(p.total)} on this page`
      : p.first === p.last
        ? `${n(p.first)} of ${n(p.total)}`
        : `${n(p.first)}–${n(p.last)} of ${n(p.total)}`;
  return `${noun} ${rows} · page ${n(p.page)} of ${n(p.pages)}`;
}

export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return "—";
  return `${formatNumber(Math.round(km * 10) / 10)} km`;
}

/** "4:05" (min:ss per km) from seconds per km. */
export function formatPace(secPerKm: number): string {
  const total = Math.round(secPerKm);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (!seconds && seconds !== 0) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min ${String(s).padStart(2, "0")} s`;
}
