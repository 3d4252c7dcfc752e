/**
 * "The database cannot be reached" must be recognised however the error
 * arrives: the fault run (npm run bench:faults) saw each of these shapes while
 * PostgreSQL restarted, and each became a 500 before they were recognised.
 */
import { isDatabaseUnavailable } from "@/lib/errors";

/** Prisma's error for a failed query through the pg driver adapter. */
function prismaError(code: string, cause: Record<string, unknown>) {
  const adapterError = Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause });
  return Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), { code, meta: { driverAdapterError: adapterError } });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "a fast shutdown ends the session (57P01)",
      prismaError("P2010", {
        kind: "postgres",
        originalCode: "57P01",
        originalMessage: "terminating connection due to administrator command",
      }),
    ],
    [
      "the server is shutting down or starting (57P03)",
      prismaError("P2039", { kind: "postgres", originalCode: "57P03", originalMessage: "the database system is shutting down" }),
    ],
    ["a crash ends the session (57P02)", prismaError("P2010", { kind: "postgres", originalCode: "57P02" })],
    ["a connection exception (class 08)", prismaError("P2010", { kind: "postgres", originalCode: "08006" })],
    ["nothing listens (adapter kind)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["the socket was closed (adapter kind)", prismaError("P2010", { kind: "ConnectionClosed" })],
    ["node-postgres: the server went away", new Error("Connection terminated unexpectedly")],
    ["node-postgres: nothing listens", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
  ])("%s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    [
      "a trigger's refusal",
      prismaError("P2010", { kind: "postgres", originalCode: "KC001", originalMessage: "signed records are sealed" }),
    ],
    ["a plain error", new Error("something else")],
  ])("not %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
