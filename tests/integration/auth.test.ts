import { loadActor, verifyCredentials } from "@/lib/data/auth";
import { resetPassword, updateUser } from "@/lib/data/users";
import { TEST_PASSWORD, closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

async function userRow(id: string) {
  return testDb().user.findUniqueOrThrow({ where: { id } });
}

describe("sign-in", () => {
  it("accepts the right password, case-insensitively for the email, and audits it", async () => {
    const result = await verifyCredentials(`  ${c.clinician.email.toUpperCase()} `, TEST_PASSWORD);
    expect(result).toEqual({ ok: true, user: { id: c.clinician.userId, sessionVersion: 1 } });
    const events = await testDb().auditEvent.findMany({
      where: { clinicId: c.clinicId, userId: c.clinician.userId, action: "auth.login" },
    });
    expect(events).toHaveLength(1);
    expect((await userRow(c.clinician.userId)).lastLoginAt).not.toBeNull();
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    expect(await verifyCredentials("nobody@nowhere.example", TEST_PASSWORD)).toEqual({ ok: false });
    expect(await verifyCredentials(c.viewer.email, "wrong password")).toEqual({ ok: false });
  });

  it("locks the account after 5 failures; the right password is then refused until the lock expires", async () => {
    const t = await createClinic();
    for (let i = 1; i <= 4; i++) {
      expect(await verifyCredentials(t.viewer.email, `wrong ${i}`)).toEqual({ ok: false });
      expect((await userRow(t.viewer.userId)).failedLoginCount).toBe(i);
    }
    expect(await verifyCredentials(t.viewer.email, "wrong 5")).toEqual({ ok: false });
    const locked = await userRow(t.viewer.userId);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(locked.lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 5_000);
    expect(await verifyCredentials(t.viewer.email, TEST_PASSWORD)).toEqual({ ok: false });
    const actions = (
      await testDb().auditEvent.findMany({ where: { clinicId: t.clinicId, userId: t.viewer.userId }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual([...Array(4).fill("auth.login_failed"), "auth.account_locked", "auth.login_refused"]);

    await testDb().user.update({ where: { id: t.viewer.userId }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await verifyCredentials(t.viewer.email, TEST_PASSWORD)).ok).toBe(true);
    expect((await userRow(t.viewer.userId)).failedLoginCount).toBe(0);
  });

  it("counts concurrent failures without losing any", async () => {
    const t = await createClinic();
    await Promise.all([1, 2, 3].map((i) => verifyCredentials(t.clinician.email, `bad ${i}`)));
    expect((await userRow(t.clinician.userId)).failedLoginCount).toBe(3);
  });

  it("refuses deactivated users, and their existing sessions stop working", async () => {
    const t = await createClinic();
    expect(await loadActor(t.clinician.userId, 1)).toMatchObject({ userId: t.clinician.userId, clinicId: t.clinicId, role: "clinician" });
    await updateUser(t.admin, { userId: t.clinician.userId, name: t.clinician.name, role: "clinician", active: false });
    expect(await verifyCredentials(t.clinician.email, TEST_PASSWORD)).toEqual({ ok: false });
    expect(await loadActor(t.clinician.userId, 1)).toBeNull();
    expect(await loadActor(t.clinician.userId, 2)).toBeNull();
  });

  it("ends sessions on password reset and accepts the new password", async () => {
    const t = await createClinic();
    await resetPassword(t.admin, t.viewer.userId, "a brand new passphrase");
    expect(await loadActor(t.viewer.userId, 1)).toBeNull();
    expect(await verifyCredentials(t.viewer.email, TEST_PASSWORD)).toEqual({ ok: false });
    expect(await verifyCredentials(t.viewer.email, "a brand new passphrase")).toEqual({
      ok: true,
      user: { id: t.viewer.userId, sessionVersion: 2 },
    });
  });

  it("treats a malformed user id in a token as no session", async () => {
    expect(await loadActor("not-a-uuid", 1)).toBeNull();
  });
});
