/** Durations as people write them, and the plausibility limits every run source shares. */
import { dayLimitIssue, parseDuration, parseRunsCsv, runFormSchema, runLimitIssues, RUN_LIMITS } from "@/lib/validation/runs";

describe("parseDuration", () => {
  it.each([
    ["62:00", 62 * 60], // minutes:seconds, however many minutes
    ["45:30", 45 * 60 + 30],
    ["1:02:00", 3720],
    ["1:02:03", 3723],
    ["62 min", 3720],
    ["62min", 3720],
    ["62 mins", 3720],
    ["1h02", 3720],
    ["1h 2m", 3720],
    ["1 h 02 min", 3720],
    ["1h02m30s", 3750],
    ["45m30s", 2730],
    ["45", 2700],
    ["45.5", 2730],
    ["90 s", 90],
    ["1.5 h", 5400],
  ])("reads %s as %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "abc", "1:60", "1:02:60", "-5", "5 km", "1h60"])("refuses %p", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("plausibility limits", () => {
  it("refuses a pace faster than 2:30 min/km over more than 1 km, naming the duration", () => {
    expect(runLimitIssues({ distanceKm: 420, durationSec: 1800 })).toEqual([
      { path: "distance", message: "Check the distance: 420 km is more than the 250 km a person can run in a day" },
      {
        path: "duration",
        message: "Check the distance and the duration: a pace of 0:04 min/km over 420 km is faster than 2:30 min/km, beyond human limits",
      },
    ]);
    expect(runLimitIssues({ distanceKm: 10, durationSec: 10 * 149 })[0]?.path).toBe("duration");
    expect(runLimitIssues({ distanceKm: 10, durationSec: 10 * 150 })).toEqual([]);
    // A sprint of 1 km or less may be faster.
    expect(runLimitIssues({ distanceKm: 1, durationSec: 120 })).toEqual([]);
    expect(runLimitIssues({ distanceKm: 42.2, durationSec: null })).toEqual([]);
  });

  it("refuses more than 48 hours and more than 250 km in a day", () => {
    expect(runLimitIssues({ distanceKm: 200, durationSec: RUN_LIMITS.maxDurationSec + 1 })[0]).toEqual({
      path: "duration",
      message: "Check the duration: 48:00:01 is longer than 48 hours",
    });
    expect(runLimitIssues({ distanceKm: 250, durationSec: 40 * 3600 })).toEqual([]);
    expect(dayLimitIssue("2026-11-02", 200, 50)).toBeNull();
    expect(dayLimitIssue("2026-11-02", 200, 50.5)?.message).toMatch(
      /^Check the distance: the runs of 2 Nov 2026 would add up to 250\.5 km/,
    );
  });

  it("applies to the form and to CSV rows with the same words", () => {
    const form = runFormSchema.safeParse({
      patientId: "0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11",
      date: "2026-11-02",
      distance: "420",
      unit: "km",
      duration: "30:00",
    });
    expect(form.success).toBe(false);
    const issues = form.error!.issues.map((i): [string, string] => [i.path.join("."), i.message]);
    expect(issues).toContainEqual(["distance", "Check the distance: 420 km is more than the 250 km a person can run in a day"]);
    expect(issues.some(([p, m]) => p === "duration" && /a pace of 0:04 min\/km/.test(m))).toBe(true);
    const csv = parseRunsCsv(
      "date,distance,duration\n2026-11-02,420 km,30:00\n2026-11-03,10 km,62:00\n2026-11-04,10 km,1h02",
      "2026-12-01",
    );
    expect(csv.rows[0]!.error).toBe("Check the distance: 420 km is more than the 250 km a person can run in a day");
    expect(csv.rows[1]!.run?.durationSec).toBe(3720);
    expect(csv.rows[2]!.run?.durationSec).toBe(3720);
  });
});
