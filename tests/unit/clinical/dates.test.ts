/** Pure YYYY-MM-DD arithmetic and age in full years. */
import { addDays, ageInFullYears, dayNumber, fromDayNumber, isLeapYear, isRealIsoDate } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

describe("calendar", () => {
  it("knows real dates", () => {
    expect(isRealIsoDate("2024-02-29")).toBe(true);
    expect(isRealIsoDate("2026-02-29")).toBe(false);
    expect(isRealIsoDate("2026-02-30")).toBe(false);
    expect(isRealIsoDate("2000-02-29")).toBe(true);
    expect(isRealIsoDate("1900-02-29")).toBe(false);
    expect(isRealIsoDate("2026-04-31")).toBe(false);
    expect(isRealIsoDate("2026-12-31")).toBe(true);
    expect(isRealIsoDate("2026-13-01")).toBe(false);
    expect(isRealIsoDate("2026-00-10")).toBe(false);
    expect(isRealIsoDate("2026-01-00")).toBe(false);
    expect(isRealIsoDate("2026-1-01")).toBe(false);
    expect(isRealIsoDate("2026-01-01T00:00")).toBe(false);
  });

  it("leap years", () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
  });

  it("day numbers match the epoch and round-trip", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01") - dayNumber("2000-02-28")).toBe(2);
    expect(dayNumber("2026-03-01") - dayNumber("2026-02-28")).toBe(1);
    for (const d of ["0001-01-01", "1899-12-31", "1970-01-01", "2024-02-29", "2026-08-20", "9999-12-31"]) {
      expect(fromDayNumber(dayNumber(d))).toBe(d);
    }
    // agrees with the platform's UTC calendar
    for (let n = -100000; n < 100000; n += 997) {
      expect(fromDayNumber(n)).toBe(new Date(n * 86400000).toISOString().slice(0, 10));
    }
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-08-20", -27)).toBe("2026-07-24");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("age in full years", () => {
  it.each([
    ["1990-06-15", "2026-06-15", 36, "birthday on the assessment day"],
    ["1990-06-16", "2026-06-15", 35, "birthday tomorrow"],
    ["1990-06-14", "2026-06-15", 36, "birthday yesterday"],
    ["2004-02-29", "2027-02-28", 22, "born 29 Feb, common year, 28 Feb: not yet"],
    ["2004-02-29", "2027-03-01", 23, "born 29 Feb, common year, 1 March: a year older"],
    ["2004-02-29", "2028-02-28", 23, "born 29 Feb, leap year, 28 Feb: not yet"],
    ["2004-02-29", "2028-02-29", 24, "born 29 Feb, leap year, 29 Feb: birthday"],
    ["2026-06-15", "2026-06-15", 0, "born on the assessment day"],
    ["1990-12-31", "2026-01-01", 35, "new year"],
  ])("born %s, on %s: %i (%s)", (birth, on, age) => {
    expect(ageInFullYears(birth, on)).toBe(age);
  });

  it("is reported as ageYears", () => {
    expect(evaluateWith({ assessedOn: "2027-03-01", patient: { birthDate: "2012-02-29" } }).ageYears).toBe(15);
    expect(evaluateWith({ assessedOn: "2027-02-28", patient: { birthDate: "2012-02-29" } }).ageYears).toBe(14);
  });
});
