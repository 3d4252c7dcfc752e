/**
 * Pure calendar arithmetic on `YYYY-MM-DD` strings (proleptic Gregorian
 * calendar). No `Date` objects, no clock, no time zones: a day is a day.
 */

import type { IsoDate } from "./input";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** True when `text` has the form `YYYY-MM-DD`. */
export function hasIsoDateFormat(text: string): boolean {
  return ISO_DATE.test(text);
}

/** True when `text` is `YYYY-MM-DD` and names a day that exists (2026-02-30 does not). */
export function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Year, month and day of a valid `YYYY-MM-DD` date (not re-validated: fast path). */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return {
    year: (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48),
    month: (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48),
    day: (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48),
  };
}

/**
 * Days since 1970-01-01 of a valid `YYYY-MM-DD` date ("days from civil",
 * H. Hinnant's algorithm; exact for every Gregorian date).
 */
export function dayNumber(date: IsoDate): number {
  // Parsed by character codes (no allocation): this runs for every run of every evaluation.
  const year =
    (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // 0..399
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // 0..365
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // 0..146096
  return era * 146097 + doe - 719468;
}

/** The `YYYY-MM-DD` date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** `date` plus `days` (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Age in full years on `on`. Someone born on 29 February becomes a year
 * older on 1 March in common years (and on 29 February in leap years): the
 * birthday has passed once (month, day) of `on` is at or after (2, 29).
 */
export function ageInFullYears(birthDate: IsoDate, on: IsoDate): number {
  const b = dateParts(birthDate);
  const o = dateParts(on);
  const birthdayPassed = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (birthdayPassed ? 0 : 1);
}

/** Compare two valid dates: negative, zero or positive. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
