/**
 * Sign-in against a real PostgreSQL: the lockout under concurrency, the same
 * work for unknown emails, sessions held on the server, and deactivation or
 * password reset ending sessions, and the sessions that can never be used
 * again deleted at sign-in. (Two-factor sign-in: two-factor.test.ts;
 * the per-address limit: sign-in-limit.test.ts.)
 */
import { verifyPassword } from "@/lib/passwords";
import { read, transaction } from "@/lib/data/tx";
import { endSession, loadSession, SESSION_PURGE_BATCH, verifyCredentials, type SignInAttempt } from "@/lib/data/auth";
import { resetPassword, updateUser } from "@/lib/data/users";
import { TEST_PASSWORD, closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";

// Counting wrappers around the real functions (ES module exports cannot be spied on in place).
jest.mock("@/lib/passwords", () => {
  const actual = jest.requireActual("@/lib/passwords");
  return { ...actual, verifyPassword: jest.fn(actual.verifyPassword) };
});
jest.mock("@/lib/data/tx", () => {
  const actual = jest.requireActual("@/lib/data/tx");
  return { ...actual, read: jest.fn(actual.read), transaction: jest.fn(actual.transaction) };
});
const verifies = jest.mocked(verifyPassword);
const reads = jest.mocked(read);
const transactions = jest.mocked(transaction);

const THRESHOLD = 5; // LOCKOUT_THRESHOLD's default, which this run uses
const ADDRESS = "198.51.100.7";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
beforeEach(() => jest.clearAllMocks());
afterAll(closeTestDb);

const attempt = (email: string, password: string, extra: Partial<SignInAttempt> = {}) =>
  verifyCredentials({ email, password, address: ADDRESS, ...extra });

async function userRow(id: string) {
  return testDb().user.findUniqueOrThrow({ where: { id } });
}

async function actions(clinicId: string, userId: string) {
  const events = await testDb().auditEvent.findMany({ where: { clinicId, userId }, orderBy: { id: "asc" } });
  return events.map((e) => e.action);
}

/** Counts Argon2 verifications against the user's real hash (not the dummy one). */
async function countRealChecks(userId: string) {
  const { passwordHash } = await userRow(userId);
  verifies.mockClear();
  return () => verifies.mock.calls.filter(([hash]) => hash === passwordHash).length;
}

describe("sign-in", () => {
  it("accepts the right password, case-insensitively for the email, opens a session and audits it", async () => {
    const result = await attempt(`  ${c.clinician.email.toUpperCase()} `, TEST_PASSWORD);
    expect(result).toEqual({ ok: true, userId: c.clinician.userId, sessionId: expect.any(String) });
    if (!result.ok) return;
    const session = await testDb().session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ clinicId: c.clinicId, userId: c.clinician.userId, sessionVersion: 1, endedAt: null });
    const hours = (session.expiresAt.getTime() - session.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(12, 1); // SESSION_MAX_HOURS
    const login = await testDb().auditEvent.findFirstOrThrow({
      where: { clinicId: c.clinicId, userId: c.clinician.userId, action: "auth.login" },
    });
    expect(login.detail).toEqual({ sessionId: result.sessionId });
    expect((await userRow(c.clinician.userId)).lastLoginAt).not.toBeNull();
  });

  it("gives the same answer, with the same database statements and one hash check, for an unknown email and a wrong password", async () => {
    const t = await createClinic();
    jest.clearAllMocks();
    expect(await attempt("nobody@nowhere.example", TEST_PASSWORD)).toEqual({ ok: false, reason: "failed" });
    const unknown = { reads: reads.mock.calls.length, transactions: transactions.mock.calls.length, verifies: verifies.mock.calls.length };
    jest.clearAllMocks();

    expect(await attempt(t.viewer.email, "wrong password")).toEqual({ ok: false, reason: "failed" });
    const known = { reads: reads.mock.calls.length, transactions: transactions.mock.calls.length, verifies: verifies.mock.calls.length };
    expect(known).toEqual(unknown);
    expect(known).toEqual({ reads: 2, transactions: 0, verifies: 1 });
    expect(await actions(t.clinicId, t.viewer.userId)).toEqual(["auth.login_failed"]);
  });

  it("locks the account after LOCKOUT_THRESHOLD failures; the right password is then refused until the lock expires", async () => {
    const t = await createClinic();
    for (let i = 1; i < THRESHOLD; i++) {
      expect(await attempt(t.viewer.email, `wrong ${i}`)).toEqual({ ok: false, reason: "failed" });
      expect((await userRow(t.viewer.userId)).failedLoginCount).toBe(i);
    }
    expect(await attempt(t.viewer.email, "wrong 5")).toEqual({ ok: false, reason: "failed" });
    const locked = await userRow(t.viewer.userId);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(locked.lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 5_000);

    const realChecks = await countRealChecks(t.viewer.userId);
    expect(await attempt(t.viewer.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "failed" });
    expect(realChecks()).toBe(0);
    expect(await actions(t.clinicId, t.viewer.userId)).toEqual([
      ...Array(THRESHOLD - 1).fill("auth.login_failed"),
      "auth.account_locked",
      "auth.login_refused",
    ]);

    await testDb().user.update({ where: { id: t.viewer.userId }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await attempt(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);
    expect(await userRow(t.viewer.userId)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("lets LOCKOUT_THRESHOLD - 1 failures be followed by a success, which clears the count", async () => {
    const t = await createClinic();
    for (let i = 1; i < THRESHOLD; i++) await attempt(t.viewer.email, `wrong ${i}`);
    expect((await attempt(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);
    expect(await userRow(t.viewer.userId)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("checks at most LOCKOUT_THRESHOLD of 50 parallel wrong passwords and locks the account", async () => {
    const t = await createClinic();
    const realChecks = await countRealChecks(t.clinician.userId);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(t.clinician.email, `bad ${i}`)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(realChecks()).toBe(THRESHOLD);
    const row = await userRow(t.clinician.userId);
    expect(row.failedLoginCount).toBe(THRESHOLD);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const events = await actions(t.clinicId, t.clinician.userId);
    expect(events.filter((a) => a === "auth.login_failed" || a === "auth.account_locked")).toHaveLength(THRESHOLD);
    expect(events.filter((a) => a === "auth.account_locked")).toHaveLength(1);
    expect(events.filter((a) => a === "auth.login_refused")).toHaveLength(50 - THRESHOLD);
  });

  it("never signs in while locked from a burst that hides the right password, and checks at most LOCKOUT_THRESHOLD", async () => {
    const t = await createClinic();
    const realChecks = await countRealChecks(t.clinician.userId);
    const passwordsSent = Array.from({ length: 50 }, (_, i) => (i === 25 ? TEST_PASSWORD : `bad ${i}`));
    const results = await Promise.all(passwordsSent.map((p) => attempt(t.clinician.email, p)));
    expect(realChecks()).toBeLessThanOrEqual(THRESHOLD);
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
    // Whatever the interleaving: the account ends locked, and any sign-in came before the lock.
    const events = await testDb().auditEvent.findMany({
      where: { clinicId: t.clinicId, userId: t.clinician.userId },
      orderBy: { id: "asc" },
    });
    const lockedAt = events.findIndex((e) => e.action === "auth.account_locked");
    expect(lockedAt).toBeGreaterThanOrEqual(0);
    expect(events.slice(lockedAt).some((e) => e.action === "auth.login")).toBe(false);
    expect((await userRow(t.clinician.userId)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses a burst of right passwords while locked, checks none of them, and keeps the lock", async () => {
    const t = await createClinic();
    for (let i = 0; i < THRESHOLD; i++) await attempt(t.viewer.email, `wrong ${i}`);
    const { lockedUntil } = await userRow(t.viewer.userId);
    const realChecks = await countRealChecks(t.viewer.userId);
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(t.viewer.email, TEST_PASSWORD)));
    expect(results).toEqual(Array(10).fill({ ok: false, reason: "failed" }));
    expect(realChecks()).toBe(0);
    expect((await userRow(t.viewer.userId)).lockedUntil).toEqual(lockedUntil);
    expect(await testDb().session.count({ where: { userId: t.viewer.userId } })).toBe(0);
  });

  it("refuses deactivated users, and their existing sessions stop working", async () => {
    const t = await createClinic();
    const signedIn = await attempt(t.clinician.email, TEST_PASSWORD);
    if (!signedIn.ok) throw new Error("sign-in failed");
    expect((await loadSession(signedIn.sessionId))?.actor).toMatchObject({
      userId: t.clinician.userId,
      clinicId: t.clinicId,
      role: "clinician",
    });
    await updateUser(t.admin, { userId: t.clinician.userId, name: t.clinician.name, role: "clinician", active: false });
    expect(await attempt(t.clinician.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "failed" });
    expect(await loadSession(signedIn.sessionId)).toBeNull();
    expect(await actions(t.clinicId, t.clinician.userId)).toContain("auth.login_refused");
  });

  it("ends sessions on password reset and accepts the new password", async () => {
    const t = await createClinic();
    const before = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!before.ok) throw new Error("sign-in failed");
    await resetPassword(t.admin, t.viewer.userId, "a brand new passphrase");
    expect(await loadSession(before.sessionId)).toBeNull();
    expect(await attempt(t.viewer.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "failed" });
    const after = await attempt(t.viewer.email, "a brand new passphrase");
    if (!after.ok) throw new Error("sign-in with the new password failed");
    expect((await loadSession(after.sessionId))?.actor.userId).toBe(t.viewer.userId);
  });
});

describe("sessions held on the server", () => {
  it("ends a session at sign-out: the same id is refused afterwards, and the sign-out is audited once", async () => {
    const t = await createClinic();
    const signedIn = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!signedIn.ok) throw new Error("sign-in failed");
    const other = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!other.ok) throw new Error("second sign-in failed");
    expect(await endSession(signedIn.sessionId, "sign_out")).toBe(true);
    expect(await loadSession(signedIn.sessionId)).toBeNull();
    expect(await endSession(signedIn.sessionId, "sign_out")).toBe(false);
    // Only that session ended: the user's other one goes on.
    expect((await loadSession(other.sessionId))?.actor.userId).toBe(t.viewer.userId);
    const row = await testDb().session.findUniqueOrThrow({ where: { id: signedIn.sessionId } });
    expect(row.endReason).toBe("sign_out");
    expect((await actions(t.clinicId, t.viewer.userId)).filter((a) => a === "auth.logout")).toHaveLength(1);
  });

  it("refuses a session past its absolute limit", async () => {
    const t = await createClinic();
    const signedIn = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!signedIn.ok) throw new Error("sign-in failed");
    await testDb().session.update({ where: { id: signedIn.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSession(signedIn.sessionId)).toBeNull();
  });

  it("ends sessions on a role change", async () => {
    const t = await createClinic();
    const signedIn = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!signedIn.ok) throw new Error("sign-in failed");
    await updateUser(t.admin, { userId: t.viewer.userId, name: t.viewer.name, role: "clinician", active: true });
    expect(await loadSession(signedIn.sessionId)).toBeNull();
  });

  it("deletes at sign-in the sessions that can never be used again, in the clinic only; the audit log keeps them", async () => {
    const t = await createClinic();
    const other = await createClinic();
    const signIn = async (email: string) => {
      const r = await attempt(email, TEST_PASSWORD);
      if (!r.ok) throw new Error(`sign-in of ${email} failed`);
      return r.sessionId;
    };
    const expire = (id: string) => testDb().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const signedOut = await signIn(t.viewer.email);
    await endSession(signedOut, "sign_out");
    const beforeRoleChange = await signIn(t.viewer.email);
    await updateUser(t.admin, { userId: t.viewer.userId, name: t.viewer.name, role: "clinician", active: true });
    const othersExpired = await signIn(t.clinician.email);
    await expire(othersExpired);
    const othersSignedOut = await signIn(t.admin.email);
    const othersLive = await signIn(t.admin.email);
    // Ended, not yet expired: another user's, kept until it expires (or that user signs in again).
    await endSession(othersSignedOut, "sign_out");
    const otherClinicExpired = await signIn(other.viewer.email);
    await expire(otherClinicExpired);

    const current = await signIn(t.viewer.email);
    const left = new Set((await testDb().session.findMany({ select: { id: true } })).map((s) => s.id));
    expect([signedOut, beforeRoleChange, othersExpired].filter((id) => left.has(id))).toEqual([]);
    expect([othersSignedOut, othersLive, otherClinicExpired, current].every((id) => left.has(id))).toBe(true);
    expect(await loadSession(signedOut)).toBeNull();
    expect((await loadSession(current))?.actor.userId).toBe(t.viewer.userId);
    // Who signed in and out, with which session, is still in the audit log.
    const events = await testDb().auditEvent.findMany({ where: { clinicId: t.clinicId, userId: t.viewer.userId } });
    const of = (action: string) => events.filter((e) => e.action === action).map((e) => (e.detail as { sessionId?: string }).sessionId);
    expect(of("auth.login")).toEqual(expect.arrayContaining([signedOut, beforeRoleChange, current]));
    expect(of("auth.logout")).toEqual([signedOut]);
  });

  it("deletes at most SESSION_PURGE_BATCH expired sessions a sign-in", async () => {
    const t = await createClinic();
    const expired = SESSION_PURGE_BATCH + 20;
    await testDb().session.createMany({
      data: Array.from({ length: expired }, () => ({
        clinicId: t.clinicId,
        userId: t.admin.userId,
        sessionVersion: 1,
        expiresAt: new Date(Date.now() - 60_000),
      })),
    });
    const count = () => testDb().session.count({ where: { clinicId: t.clinicId, expiresAt: { lte: new Date() } } });
    expect((await attempt(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);
    expect(await count()).toBe(20);
    expect((await attempt(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);
    expect(await count()).toBe(0);
  });

  it("treats a malformed or unknown session id as no session", async () => {
    expect(await loadSession("not-a-uuid")).toBeNull();
    expect(await loadSession("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await endSession("not-a-uuid", "sign_out")).toBe(false);
  });

  it("says who must still set up two-factor sign-in: admins of a clinic that requires it of admins", async () => {
    const t = await createClinic(); // new clinics require it of administrators
    const admin = await attempt(t.admin.email, TEST_PASSWORD);
    const viewer = await attempt(t.viewer.email, TEST_PASSWORD);
    if (!admin.ok || !viewer.ok) throw new Error("sign-in failed");
    expect((await loadSession(admin.sessionId))?.twoFactor).toEqual({ required: true, enrolled: false });
    expect((await loadSession(viewer.sessionId))?.twoFactor).toEqual({ required: false, enrolled: false });
    await testDb().clinic.update({ where: { id: t.clinicId }, data: { twoFactorRequired: "everyone" } });
    expect((await loadSession(viewer.sessionId))?.twoFactor).toEqual({ required: true, enrolled: false });
    await testDb().clinic.update({ where: { id: t.clinicId }, data: { twoFactorRequired: "off" } });
    expect((await loadSession(admin.sessionId))?.twoFactor).toEqual({ required: false, enrolled: false });
  });
});
