/**
 * Pure pieces of the foundation: environment validation, the permission
 * table, error-to-status mapping, and the form/query schemas.
 */
import { can, ROLE_PERMISSIONS } from "@/lib/domain/access";
import { errorResponse, PayloadTooLargeError } from "@/lib/api";
import {
  ConflictError,
  DatabaseUnavailableError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  isDatabaseUnavailable,
} from "@/lib/errors";
import { ageOn, dayEndedBy, endOfDayIn, formatDate, formatDateTime, latestToday, startOfDayIn, todayIn } from "@/lib/format";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { parseRunsCsv, runFormSchema } from "@/lib/validation/runs";

describe("environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.resetModules();
  });

  async function load() {
    return import("@/lib/env");
  }

  it("names each missing or malformed variable", async () => {
    delete process.env.DATABASE_URL;
    process.env.NEXTAUTH_SECRET = "short";
    process.env.SESSION_IDLE_MINUTES = "abc";
    const { getEnv, EnvError } = await load();
    let message = "";
    try {
      getEnv();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL is required/);
    expect(message).toMatch(/NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters/);
    expect(message).toMatch(/SESSION_IDLE_MINUTES: SESSION_IDLE_MINUTES must be a whole number from 1 to 1440/);
  });

  it("applies the defaults", async () => {
    process.env.DATABASE_URL = "postgres://u@h:5432/db";
    process.env.NEXTAUTH_SECRET = "x".repeat(32);
    delete process.env.SESSION_IDLE_MINUTES;
    delete process.env.LOCKOUT_THRESHOLD;
    const { getEnv } = await load();
    expect(getEnv()).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 12, LOCKOUT_THRESHOLD: 5, LOCKOUT_MINUTES: 15 });
  });

  it("rejects a non-PostgreSQL URL", async () => {
    process.env.DATABASE_URL = "mysql://u@h/db";
    process.env.NEXTAUTH_SECRET = "x".repeat(32);
    const { getEnv } = await load();
    expect(() => getEnv()).toThrow(/DATABASE_URL must be a postgres/);
  });
});

describe("permissions", () => {
  it("lets viewers read only, clinicians write and sign, admins administer", () => {
    expect(can({ role: "viewer" }, "patient.read")).toBe(true);
    for (const p of ["patient.write", "assessment.write", "assessment.sign", "referral.sign", "run.write", "admin.users"] as const) {
      expect(can({ role: "viewer" }, p)).toBe(false);
    }
    expect(can({ role: "clinician" }, "assessment.sign")).toBe(true);
    expect(can({ role: "clinician" }, "admin.users")).toBe(false);
    expect(can({ role: "admin" }, "admin.settings")).toBe(true);
    expect(can(null, "patient.read")).toBe(false);
    // Every clinician permission is also an admin's.
    for (const p of ROLE_PERMISSIONS.clinician) expect(ROLE_PERMISSIONS.admin.has(p)).toBe(true);
  });
});

describe("API errors", () => {
  const cases: [unknown, number, string][] = [
    [new UnauthenticatedError(), 401, "unauthenticated"],
    [new ForbiddenError(), 403, "forbidden"],
    [new ValidationError([{ path: "limit", message: "bad" }]), 400, "invalid input"],
    [new NotFoundError("patient"), 404, "not found"],
    [new ConflictError("signed"), 409, "conflict"],
    [new PayloadTooLargeError(1024), 413, "payload too large"],
    [new DatabaseUnavailableError(), 503, "service unavailable"],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), 503, "service unavailable"],
  ];
  it.each(cases)("maps %p to its status without a stack trace", async (error, status, label) => {
    const res = errorResponse(error);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error).toBe(label);
    expect(JSON.stringify(body)).not.toMatch(/at .*\(|\.ts:/);
  });

  it("answers 500 with a generic message for anything else", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorResponse(new Error("secret internal detail"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/secret internal detail/);
    spy.mockRestore();
  });

  it("recognises an unreachable database through wrapped causes", () => {
    expect(isDatabaseUnavailable(new Error("outer", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("unique constraint"))).toBe(false);
  });
});

describe("formatting", () => {
  it("writes dates unambiguously", () => {
    expect(formatDate("2026-11-03")).toBe("3 Nov 2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDateTime(new Date("2026-11-03T14:05:00Z"), "Europe/London")).toBe("3 Nov 2026, 14:05 GMT");
    expect(formatDateTime(new Date("2026-07-03T14:05:00Z"), "Europe/London")).toBe("3 Jul 2026, 15:05 BST");
    expect(formatDateTime(new Date("2026-07-03T14:05:00Z"))).toBe("3 Jul 2026, 14:05 UTC");
  });
  it("finds the instant a clinic's day begins, across daylight-saving changes", () => {
    expect(startOfDayIn("2026-11-03", "UTC").toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect(startOfDayIn("2026-07-03", "Europe/London").toISOString()).toBe("2026-07-02T23:00:00.000Z");
    expect(startOfDayIn("2026-11-03", "Australia/Sydney").toISOString()).toBe("2026-11-02T13:00:00.000Z");
    expect(startOfDayIn("2026-11-03", "America/New_York").toISOString()).toBe("2026-11-03T05:00:00.000Z");
    // The days the clocks change: London springs forward on 29 Mar 2026 at 01:00 UTC, New York falls back on 1 Nov 2026.
    expect(startOfDayIn("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfDayIn("2026-03-30", "Europe/London").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfDayIn("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });
  it("finds the instant a clinic's day ends, and the day an end-of-day instant closes", () => {
    expect(endOfDayIn("2026-11-03", "UTC").toISOString()).toBe("2026-11-04T00:00:00.000Z");
    expect(endOfDayIn("2026-11-03", "Australia/Sydney").toISOString()).toBe("2026-11-03T13:00:00.000Z");
    expect(endOfDayIn("2026-10-31", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(dayEndedBy(endOfDayIn("2026-11-03", "Australia/Sydney"), "Australia/Sydney")).toBe("2026-11-03");
    expect(dayEndedBy(endOfDayIn("2026-11-03", "America/New_York"), "America/New_York")).toBe("2026-11-03");
    // An instant inside a day names that day.
    expect(dayEndedBy(new Date("2026-11-03T15:00:00Z"), "UTC")).toBe("2026-11-03");
  });
  it("knows today in a time zone, and the latest today anywhere", () => {
    const at = new Date("2026-11-25T20:00:00Z");
    expect(todayIn("UTC", at)).toBe("2026-11-25");
    expect(todayIn("Pacific/Auckland", at)).toBe("2026-11-26");
    expect(todayIn("America/Los_Angeles", at)).toBe("2026-11-25");
    expect(latestToday(new Date("2026-11-25T09:59:00Z"))).toBe("2026-11-25");
    expect(latestToday(new Date("2026-11-25T10:00:00Z"))).toBe("2026-11-26");
  });
  it("counts age in full years", () => {
    expect(ageOn("1990-11-25", "2026-11-25")).toBe(36);
    expect(ageOn("1990-11-26", "2026-11-25")).toBe(35);
  });
});

describe("patient schema", () => {
  const ok = { mrn: "A-1", givenName: "Ada", familyName: "Lovelace", birthDate: "1990-02-28", sex: "female" };
  it("accepts a valid runner and turns blank optional fields into absent ones", () => {
    expect(patientSchema.parse({ ...ok, email: " ", weeklyDistanceKm: "" })).toEqual({ ...ok });
  });
  it.each([
    [{ mrn: "" }, "mrn", "Enter the MRN"],
    [{ mrn: "has space" }, "mrn", "Use only letters, digits and . _ / - in the MRN"],
    [{ birthDate: "1990-02-30" }, "birthDate", "Enter the date of birth as a real date"],
    [{ birthDate: "2999-01-01" }, "birthDate", "Enter a date of birth that is today or earlier"],
    [{ sex: "x" }, "sex", "Choose female, male, other or unknown"],
    [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com"],
    [{ weeklyDistanceKm: "2000" }, "weeklyDistanceKm", "Enter the usual weekly distance as a number from 0 to 1000 km"],
  ])("names the field: %p", (change, path, message) => {
    const r = patientSchema.safeParse({ ...ok, ...change });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([path, message]);
  });
});

describe("runs", () => {
  it("converts miles and durations", () => {
    const r = runFormSchema.parse({
      patientId: "0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11",
      date: "2026-01-02",
      distance: "10",
      unit: "mi",
      duration: "1:20:00",
    });
    expect(r).toMatchObject({ distanceKm: 16.09, durationSec: 4800, surface: null });
  });
  it("parses CSV with a km column and a miles column", () => {
    expect(parseRunsCsv("date,distance_km\n2026-01-02,5.5", "2026-02-01").rows[0]?.run).toEqual({
      date: "2026-01-02",
      distanceKm: 5.5,
      durationSec: null,
      surface: null,
    });
    expect(parseRunsCsv("Date,Miles\n2026-01-02,3", "2026-02-01").rows[0]?.run?.distanceKm).toBe(4.83);
    expect(parseRunsCsv("", "2026-02-01").error).toBe("Paste or upload a CSV with runs in it");
  });
});

describe("caseload query", () => {
  it("defaults and validates each parameter", () => {
    expect(caseloadQuerySchema.parse({})).toMatchObject({ sort: "urgency", limit: 25, worsening: false, drafts: false });
    const r = caseloadQuerySchema.safeParse({ urgency: "panic", limit: "0", sort: "age" });
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["limit", "sort", "urgency"]);
  });
});

describe("database unavailable page", () => {
  it("is a plain 503 page without detail", async () => {
    const { GET } = await import("@/app/unavailable/route");
    const res = GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/Service temporarily unavailable/);
    expect(html).not.toMatch(/ECONN|stack|at /);
  });
});
