/**
 * Two-factor sign-in against a real PostgreSQL: enrolment (secret stored
 * encrypted, recovery codes hashed and shown once), the second factor asked
 * only after a right password, replayed and spent codes refused, codes
 * counting towards the lockout, the admin reset (audited, ends sessions) and
 * the clinic policy.
 */
import { generate } from "otplib";
import { loadSession, verifyCredentials, type SignInAttempt } from "@/lib/data/auth";
import {
  confirmTwoFactorEnrolment,
  getTwoFactorPolicy,
  resetTwoFactor,
  setTwoFactorPolicy,
  startTwoFactorEnrolment,
  twoFactorStatus,
} from "@/lib/data/two-factor";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/domain/access";
import { TEST_PASSWORD, closeTestDb, createClinic, testDb } from "../helpers/fixtures";

afterAll(closeTestDb);

const attempt = (email: string, password: string, extra: Partial<SignInAttempt> = {}) =>
  verifyCredentials({ email, password, address: "203.0.113.20", ...extra });

/** The code an authenticator shows `stepsAhead` 30-second steps from now. */
const codeAt = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

async function enrol(actor: Actor): Promise<{ secret: string; recoveryCodes: string[]; enrolmentCode: string }> {
  const { secret } = await startTwoFactorEnrolment(actor);
  const enrolmentCode = await codeAt(secret);
  const { recoveryCodes } = await confirmTwoFactorEnrolment(actor, enrolmentCode);
  return { secret, recoveryCodes, enrolmentCode };
}

async function actions(actor: Actor) {
  const events = await testDb().auditEvent.findMany({ where: { clinicId: actor.clinicId, userId: actor.userId }, orderBy: { id: "asc" } });
  return events.map((e) => e.action);
}

describe("enrolment", () => {
  it("stores the secret encrypted, confirms it with a code and returns ten recovery codes stored only as hashes", async () => {
    const t = await createClinic();
    const { secret, uri, qrCode } = await startTwoFactorEnrolment(t.clinician);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Knee%20Clinic:/);
    expect(uri).toContain(`secret=${secret}`);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");

    const pending = await testDb().user.findUniqueOrThrow({ where: { id: t.clinician.userId } });
    expect(pending.totpSecret).toMatch(/^v1:/);
    expect(pending.totpSecret).not.toContain(secret);
    expect(pending.totpEnabledAt).toBeNull();
    expect((await twoFactorStatus(t.clinician)).enrolled).toBe(false);

    await expect(confirmTwoFactorEnrolment(t.clinician, "000000")).rejects.toThrow(ValidationError);
    const { recoveryCodes } = await confirmTwoFactorEnrolment(t.clinician, await codeAt(secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const stored = await testDb().recoveryCode.findMany({ where: { userId: t.clinician.userId } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.clinicId).toBe(t.clinicId);
      expect(recoveryCodes.some((c) => row.codeHash.includes(c.replaceAll("-", "")))).toBe(false);
    }
    expect(await twoFactorStatus(t.clinician)).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    expect(await actions(t.clinician)).toEqual(["user.two_factor_setup_started", "user.two_factor_enabled"]);

    // Set up already: neither a new setup nor a second confirmation is possible.
    await expect(startTwoFactorEnrolment(t.clinician)).rejects.toThrow(ConflictError);
    await expect(confirmTwoFactorEnrolment(t.clinician, await codeAt(secret, 1))).rejects.toThrow(ConflictError);
  });

  it("refuses to confirm before a setup was started", async () => {
    const t = await createClinic();
    await expect(confirmTwoFactorEnrolment(t.viewer, "123456")).rejects.toThrow(/Start again/);
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code only after a right password, and frees the attempt it counted", async () => {
    const t = await createClinic();
    const { secret } = await enrol(t.clinician);
    expect(await attempt(t.clinician.email, "wrong password")).toEqual({ ok: false, reason: "failed" });
    expect(await attempt(t.clinician.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "second_factor_required" });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: t.clinician.userId } })).failedLoginCount).toBe(1);
    // A wrong password with a right code is just a wrong password.
    expect(await attempt(t.clinician.email, "wrong password", { totp: await codeAt(secret, 1) })).toEqual({ ok: false, reason: "failed" });

    const ok = await attempt(t.clinician.email, TEST_PASSWORD, { totp: await codeAt(secret, 1) });
    expect(ok).toMatchObject({ ok: true, userId: t.clinician.userId });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: t.clinician.userId } })).failedLoginCount).toBe(0);
    const login = await testDb().auditEvent.findFirstOrThrow({ where: { userId: t.clinician.userId, action: "auth.login" } });
    expect(login.detail).toMatchObject({ secondFactor: "totp" });
  });

  it("refuses a wrong code, the same code twice (replay) and an older code", async () => {
    const t = await createClinic();
    const { secret, enrolmentCode } = await enrol(t.clinician);
    expect(await attempt(t.clinician.email, TEST_PASSWORD, { totp: "000000" })).toEqual({ ok: false, reason: "failed" });
    // The code that confirmed the setup has been used.
    expect(await attempt(t.clinician.email, TEST_PASSWORD, { totp: enrolmentCode })).toEqual({ ok: false, reason: "failed" });
    const next = await codeAt(secret, 1);
    expect((await attempt(t.clinician.email, TEST_PASSWORD, { totp: next })).ok).toBe(true);
    expect(await attempt(t.clinician.email, TEST_PASSWORD, { totp: next })).toEqual({ ok: false, reason: "failed" });
    // Two requests with one code at once: exactly one signs in.
    await testDb().user.update({ where: { id: t.clinician.userId }, data: { totpLastStep: null, failedLoginCount: 0 } });
    const both = await Promise.all([1, 2].map(() => attempt(t.clinician.email, TEST_PASSWORD, { totp: next })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });

  it("accepts each recovery code once, in any case and with or without dashes", async () => {
    const t = await createClinic();
    const { recoveryCodes } = await enrol(t.viewer);
    const code = recoveryCodes[3]!;
    const typed = code.toUpperCase().replaceAll("-", " ");
    expect((await attempt(t.viewer.email, TEST_PASSWORD, { recoveryCode: typed })).ok).toBe(true);
    expect(await attempt(t.viewer.email, TEST_PASSWORD, { recoveryCode: code })).toEqual({ ok: false, reason: "failed" });
    expect(await attempt(t.viewer.email, TEST_PASSWORD, { recoveryCode: "zzzz-zzzz-zzzz" })).toEqual({ ok: false, reason: "failed" });
    expect((await twoFactorStatus(t.viewer)).recoveryCodesLeft).toBe(9);
  });

  it("counts wrong codes towards the lockout: after LOCKOUT_THRESHOLD the right code is refused too", async () => {
    const t = await createClinic();
    const { secret } = await enrol(t.clinician);
    for (let i = 0; i < 5; i++) await attempt(t.clinician.email, TEST_PASSWORD, { totp: String(100000 + i) });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: t.clinician.userId } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await attempt(t.clinician.email, TEST_PASSWORD, { totp: await codeAt(secret, 1) })).toEqual({ ok: false, reason: "failed" });
    // A locked account does not even say that the password was right.
    expect(await attempt(t.clinician.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "failed" });
  });
});

describe("administration", () => {
  it("lets an admin reset a user's second factor: audited, sessions ended, password-only sign-in again", async () => {
    const t = await createClinic();
    const { secret } = await enrol(t.viewer);
    const signedIn = await attempt(t.viewer.email, TEST_PASSWORD, { totp: await codeAt(secret, 1) });
    if (!signedIn.ok) throw new Error("sign-in failed");

    expect(await resetTwoFactor(t.admin, t.viewer.userId)).toEqual({ name: t.viewer.name });
    expect(await loadSession(signedIn.sessionId)).toBeNull();
    const row = await testDb().user.findUniqueOrThrow({ where: { id: t.viewer.userId } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await testDb().recoveryCode.count({ where: { userId: t.viewer.userId, usedAt: null } })).toBe(0);
    const reset = await testDb().auditEvent.findFirstOrThrow({ where: { clinicId: t.clinicId, action: "user.reset_two_factor" } });
    expect(reset).toMatchObject({ userId: t.admin.userId, entityId: t.viewer.userId });
    expect((await attempt(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);

    await expect(resetTwoFactor(t.admin, t.viewer.userId)).rejects.toThrow(ConflictError);
  });

  it("keeps the reset inside the admin's clinic", async () => {
    const t = await createClinic();
    const other = await createClinic();
    await enrol(other.viewer);
    await expect(resetTwoFactor(t.admin, other.viewer.userId)).rejects.toThrow(NotFoundError);
    expect((await twoFactorStatus(other.viewer)).enrolled).toBe(true);
  });

  it("stores the clinic policy (new clinics: admins) and audits a change", async () => {
    const t = await createClinic();
    expect(await getTwoFactorPolicy(t.admin)).toBe("admins");
    await setTwoFactorPolicy(t.admin, "everyone");
    await setTwoFactorPolicy(t.admin, "everyone"); // no change, no event
    expect(await getTwoFactorPolicy(t.viewer)).toBe("everyone");
    const events = await testDb().auditEvent.findMany({ where: { clinicId: t.clinicId, action: "settings.two_factor_policy" } });
    expect(events.map((e) => e.detail)).toEqual([{ before: "admins", after: "everyone" }]);
  });
});
