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
import { transaction, type Tx } from "@/lib/data/tx";
import { markEnteredInError } from "@/lib/data/assessments";
import { withdrawEpisode } from "@/lib/data/patients";
import { cancelReferral } from "@/lib/data/referrals";
import { SEALED_RECORD_SQLSTATE } from "@/lib/database-errors";
import { ConflictError, DatabaseBusyError, sqlState } from "@/lib/errors";
import {
  CANCELLED_REFERRAL_KEPT,
  ENTERED_IN_ERROR_KEPT,
  LAST_ADMINISTRATOR,
  RECORD_REFUSED_CHANGE,
  SIGNED_ASSESSMENT_KEPT,
  SIGNED_REFERRAL_KEPT,
  WITHDRAWN_EPISODE_KEPT,
} from "@/lib/validation/messages";
import { PrismaClient } from "@/prisma/generated/client";
import { appDb, closeTestDb, createClinic, isoDaysAgo, ownerUrl, type TestClinic } from "../helpers/fixtures";
import { episodeIn, signedIn, signedReferralIn } from "../helpers/records";

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

/**
 * A trigger's refusal (KC001) reaches a person as the house-style message
 * of lib/validation/messages.ts that lib/data's own check gives for the same
 * rule, never the trigger's text (which names rows by id): as the API's 409
 * and as the form's message. Each trigger is provoked for real, by a write
 * of the app's role through lib/data's transaction wrapper, as a save that
 * crossed another would make it.
 */
describe("a trigger's refusal is a 409 in the house style", () => {
  /** What the API and a form answer when `write` (in lib/data's transaction wrapper) is refused: `message`. */
  async function expectUserSees(write: (tx: Tx) => Promise<unknown>, message: string) {
    const error = await caught(transaction(write));
    expect(error).toBeInstanceOf(ConflictError);
    expect(await asApi(error)).toEqual({ status: 409, body: { error: "conflict", message, detail: null } });
    expect(actionError(error)).toEqual({ ok: false, message });
  }

  it("a change to a signed assessment", async () => {
    const a = await signedIn(c);
    await expectUserSees(
      (tx) => tx.assessment.update({ where: { id: a.assessmentId }, data: { answers: { symptoms: { painNow: 9 } } } }),
      SIGNED_ASSESSMENT_KEPT,
    );
    await expectUserSees((tx) => tx.assessment.delete({ where: { id: a.assessmentId } }), SIGNED_ASSESSMENT_KEPT);
  });

  it("a change to an assessment marked entered in error", async () => {
    const a = await signedIn(c);
    await markEnteredInError(c.clinician, a.assessmentId, "Recorded on the wrong runner");
    await expectUserSees(
      (tx) => tx.assessment.update({ where: { id: a.assessmentId }, data: { enteredInErrorReason: "Another reason" } }),
      ENTERED_IN_ERROR_KEPT,
    );
  });

  it("a change to a signed referral, and to a cancelled one", async () => {
    const r = await signedReferralIn(c);
    await expectUserSees(
      (tx) => tx.referral.update({ where: { id: r.referralId }, data: { question: "Another question?" } }),
      SIGNED_REFERRAL_KEPT,
    );
    await cancelReferral(c.clinician, r.referralId, "Sent to the wrong clinic");
    await expectUserSees(
      (tx) => tx.referral.update({ where: { id: r.referralId }, data: { cancelReason: "Another reason" } }),
      CANCELLED_REFERRAL_KEPT,
    );
  });

  it("a change to an episode withdrawn as opened in error", async () => {
    const e = await episodeIn(c);
    await withdrawEpisode(c.clinician, e.episodeId, "Opened for the wrong runner");
    await expectUserSees((tx) => tx.episode.update({ where: { id: e.episodeId }, data: { status: "open" } }), WITHDRAWN_EPISODE_KEPT);
  });

  it("demoting the clinic's last active administrator, also when raised outside lib/data's wrapper", async () => {
    await expectUserSees((tx) => tx.$executeRaw`UPDATE "User" SET role = 'viewer' WHERE id = ${c.admin.userId}::uuid`, LAST_ADMINISTRATOR);
    // The raw Prisma error, mapped by the API's errorResponse and the actions' actionError themselves.
    const raw = await caught(appDb().user.update({ where: { id: c.admin.userId }, data: { active: false } }));
    expect(sqlState(raw)).toBe(SEALED_RECORD_SQLSTATE);
    expect(await asApi(raw)).toEqual({ status: 409, body: { error: "conflict", message: LAST_ADMINISTRATOR, detail: null } });
    expect(actionError(raw)).toEqual({ ok: false, message: LAST_ADMINISTRATOR });
  });

  it("a rule no save of the app meets reads as a plain 'reload and check', without the database's words", async () => {
    const e = await episodeIn(c);
    // Inserted signed (lib/data inserts a draft and signs it): the trigger's text says so, the person reads RECORD_REFUSED_CHANGE.
    await expectUserSees(
      (tx) =>
        tx.assessment.create({
          data: {
            clinicId: c.clinicId,
            episodeId: e.episodeId,
            kind: "intake",
            assessedOn: new Date(isoDaysAgo(1)),
            answers: {},
            status: "signed",
            createdById: c.clinician.userId,
            updatedById: c.clinician.userId,
          },
        }),
      RECORD_REFUSED_CHANGE,
    );
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
