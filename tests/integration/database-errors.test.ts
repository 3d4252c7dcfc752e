/**
 * PostgreSQL's refusals reach the user as 409 or 503 with a clear message,
 * never as a 500: a trigger refusing a change to a sealed record (SQLSTATE
 * KC001), a lock or statement timeout, a transaction that outlived its time,
 * a pool with no free connection. Real errors from a real server, through
 * lib/data's transaction wrapper, the API's errorResponse and the server
 * actions' actionError.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { actionError } from "@/lib/actions/state";
import { errorResponse } from "@/lib/api";
import { transaction } from "@/lib/data/tx";
import { ConflictError, DatabaseBusyError } from "@/lib/errors";
import { PrismaClient } from "@/prisma/generated/client";
import { appDb, closeTestDb, createClinic, ownerUrl, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

async function asApi(error: unknown) {
  const res = errorResponse(error);
  return { status: res.status, body: (await res.json()) as { error: string; message: string } };
}

it("a trigger's refusal is a 409 naming the rule", async () => {
  const error = await caught(transaction((tx) => tx.$executeRaw`UPDATE "User" SET role = 'viewer' WHERE id = ${c.admin.userId}::uuid`));
  expect(error).toBeInstanceOf(ConflictError);
  expect(await asApi(error)).toEqual({
    status: 409,
    body: {
      error: "conflict",
      message:
        "Reload the page and check the record: the database refused this change (this is the clinic's last active administrator: make another user an administrator first)",
      detail: null,
    },
  });
  // Also when raised outside lib/data's wrapper (the raw Prisma error).
  const raw = await caught(appDb().user.update({ where: { id: c.admin.userId }, data: { active: false } }));
  expect((await asApi(raw)).status).toBe(409);
  expect(actionError(raw)).toEqual({
    ok: false,
    message: expect.stringMatching(
      /^Reload the page and check the record: the database refused this change \(this is the clinic's last active/,
    ),
  });
});

it("a unique violation no lib/data function explained is a 409, not a 500", async () => {
  const duplicate = await caught(
    appDb().user.create({
      data: { clinicId: c.clinicId, email: c.viewer.email, name: "Twin", role: "viewer", passwordHash: "x" },
    }),
  );
  expect(await asApi(duplicate)).toEqual({
    status: 409,
    body: {
      error: "conflict",
      message: "Reload the page and try again: this conflicts with a record saved at the same moment, and nothing was saved",
      detail: null,
    },
  });
});

describe("timeouts and an exhausted pool are a 503 'busy, try again'", () => {
  const busy = {
    status: 503,
    body: { error: "service unavailable", message: "The database is busy right now. Nothing was saved; please try again in a moment." },
  };

  it("a lock wait that times out", async () => {
    const holder = new pg.Client({ connectionString: ownerUrl() });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Clinic" WHERE id = $1 FOR UPDATE`, [c.clinicId]);
      const error = await caught(
        transaction(async (tx) => {
          await tx.$executeRaw`SET LOCAL lock_timeout = '200ms'`;
          await tx.$queryRaw`SELECT 1 FROM "Clinic" WHERE id = ${c.clinicId}::uuid FOR NO KEY UPDATE`;
        }),
      );
      expect(error).toBeInstanceOf(DatabaseBusyError);
      expect(await asApi(error)).toEqual(busy);
      expect(actionError(error)).toEqual({ ok: false, message: busy.body.message });
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });

  it("a statement timeout", async () => {
    const error = await caught(
      transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL statement_timeout = '50ms'`;
        await tx.$executeRaw`SELECT pg_sleep(2)`;
      }),
    );
    expect(error).toBeInstanceOf(DatabaseBusyError);
  });

  it("a transaction that outlives its timeout, and a pool with no free connection", async () => {
    const small = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1, connectionTimeoutMillis: 300 }),
    });
    try {
      const expired = await caught(
        small.$transaction(
          async (tx) => {
            await tx.$executeRaw`SELECT pg_sleep(0.5)`;
            await tx.clinic.findMany({ where: { id: c.clinicId } });
          },
          { timeout: 100 },
        ),
      );
      expect(await asApi(expired)).toEqual(busy);
      let release!: () => void;
      const held = small.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise<void>((resolve) => (release = resolve));
      });
      while (!release) await new Promise((resolve) => setImmediate(resolve));
      const noConnection = await caught(small.clinic.findMany({ where: { id: c.clinicId } }));
      release();
      await held;
      expect(await asApi(noConnection)).toEqual(busy);
    } finally {
      await small.$disconnect();
    }
  });
});
