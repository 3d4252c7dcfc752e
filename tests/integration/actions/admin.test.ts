/** The administration actions (users, settings, two-factor sign-in): role refused, other clinic refused, a field error, success. */
import { generate } from "otplib";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/lib/actions/admin";
import { updateSettingsAction } from "@/lib/actions/settings";
import { confirmTwoFactorAction, resetTwoFactorAction, setTwoFactorPolicyAction, startTwoFactorAction } from "@/lib/actions/two-factor";
import { startTwoFactorEnrolment } from "@/lib/data/two-factor";
import { DEFAULT_SETTINGS } from "@/lib/domain/settings";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, createStaff, testDb, type TestClinic } from "../../helpers/fixtures";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

/** Clinics that do not require two-factor sign-in (an administrator would otherwise have to enrol first). */
async function clinicWithout2fa(): Promise<TestClinic> {
  const t = await createClinic();
  await testDb().clinic.update({ where: { id: t.clinicId }, data: { twoFactorRequired: "off" } });
  return t;
}

let c: Clinics;
let policy: Clinics;
let own: Clinics;
beforeAll(async () => {
  c = { a: await clinicWithout2fa(), b: await clinicWithout2fa() };
  policy = { a: await clinicWithout2fa(), b: await clinicWithout2fa() };
  own = { a: await clinicWithout2fa(), b: await clinicWithout2fa() };
});
afterAll(closeTestDb);

const PASSWORD = "a long enough new password 42";
const usersOf = (clinicId: string) =>
  testDb().user.findMany({ where: { clinicId }, select: { email: true, role: true }, orderBy: { email: "asc" } });
const user = (id: unknown) =>
  testDb().user.findUnique({
    where: { id: String(id) },
    select: { name: true, role: true, active: true, passwordHash: true, totpSecret: true, totpEnabledAt: true },
  });
const staffOf = async (t: TestClinic) => (await createStaff({ clinicId: t.clinicId, clinicName: t.admin.clinicName }, "viewer")).userId;
const newUser = () => ({
  email: `new-${Math.random().toString(36).slice(2, 10)}@test.example`,
  name: "New Colleague",
  role: "viewer",
  password: PASSWORD,
});
const settingsOf = (clinicId: string) =>
  testDb().clinicSettings.findUnique({ where: { clinicId }, select: { persistentPainDays: true, spikePct: true } });
const settingsForm = (persistentPainDays: number) => ({
  ...Object.fromEntries(Object.entries(DEFAULT_SETTINGS).filter(([, v]) => typeof v === "number")),
  importantChangePain: DEFAULT_SETTINGS.importantChange.painNow,
  importantChangeKoos: DEFAULT_SETTINGS.importantChange.koos,
  importantChangeLefs: DEFAULT_SETTINGS.importantChange.lefs,
  importantChangePsfs: DEFAULT_SETTINGS.importantChange.psfs,
  importantChangeTegner: DEFAULT_SETTINGS.importantChange.tegner,
  reviewIntervalDays: 14,
  timezone: "UTC",
  persistentPainDays,
});
const policyOf = (clinicId: string) => testDb().clinic.findUnique({ where: { id: clinicId }, select: { twoFactorRequired: true } });
const withSecret = async (t: TestClinic) => {
  const userId = await staffOf(t);
  await testDb().user.update({ where: { id: userId }, data: { totpSecret: "v1:set-up-in-a-test" } });
  return { userId };
};

describeAction(
  "createUserAction",
  () => c,
  (c) => ({
    call: formCall(createUserAction),
    as: "admin",
    refused: "clinician",
    input: async () => newUser(),
    observe: () => usersOf(c.a.clinicId),
    otherClinic: { input: async () => newUser(), observe: () => usersOf(c.b.clinicId), answer: (s) => expect(s.ok).toBe(true) },
    invalid: { change: (i) => ({ ...i, role: "owner" }), field: "role", message: /admin, clinician or viewer/ },
    succeeded: (state, input, before, after) => {
      expect(state.message).toBe(`Account created for New Colleague (${input.email}).`);
      expect(after).toEqual(expect.arrayContaining([{ email: input.email, role: "viewer" }]));
      expect((after as unknown[]).length).toBe((before as unknown[]).length + 1);
    },
  }),
);

describeAction(
  "updateUserAction",
  () => c,
  (c) => ({
    call: formCall(updateUserAction),
    as: "admin",
    refused: "clinician",
    input: async () => ({ userId: await staffOf(c.a), name: "Renamed Colleague", role: "clinician", active: "true" }),
    observe: (i) => user(i.userId),
    otherClinic: {
      input: async () => ({ userId: await staffOf(c.b), name: "Renamed Colleague", role: "clinician", active: "true" }),
      observe: (i) => user(i.userId),
    },
    invalid: { change: (i) => ({ ...i, active: "maybe" }), field: "active", message: /true or false/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Saved Renamed Colleague.");
      expect(after).toMatchObject({ name: "Renamed Colleague", role: "clinician", active: true });
    },
  }),
);

describeAction(
  "resetPasswordAction",
  () => c,
  (c) => ({
    call: formCall(resetPasswordAction),
    as: "admin",
    refused: "clinician",
    input: async () => ({ userId: await staffOf(c.a), password: PASSWORD }),
    observe: (i) => user(i.userId),
    otherClinic: { input: async () => ({ userId: await staffOf(c.b), password: PASSWORD }), observe: (i) => user(i.userId) },
    invalid: { change: (i) => ({ ...i, password: "short" }), field: "password", message: /at least 12 characters/ },
    succeeded: async (state, input) => {
      expect(state.message).toBe("Password reset. The user's open sessions have ended.");
      const { verifyPassword } = await import("@/lib/passwords");
      const row = await user(input.userId);
      expect(await verifyPassword(row!.passwordHash, PASSWORD)).toBe(true);
    },
  }),
);

describeAction(
  "updateSettingsAction",
  () => c,
  (c) => ({
    call: formCall(updateSettingsAction),
    as: "admin",
    refused: "clinician",
    input: async () => settingsForm(21),
    observe: () => settingsOf(c.a.clinicId),
    otherClinic: { input: async () => settingsForm(28), observe: () => settingsOf(c.b.clinicId), answer: (s) => expect(s.ok).toBe(true) },
    invalid: { change: (i) => ({ ...i, spikePct: "lots" }), field: "spikePct" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/^Clinic settings saved/);
      expect(after).toMatchObject({ persistentPainDays: 21 });
    },
  }),
);

describeAction(
  "resetTwoFactorAction",
  () => c,
  (c) => ({
    call: formCall(resetTwoFactorAction),
    as: "admin",
    refused: "clinician",
    input: () => withSecret(c.a),
    observe: (i) => user(i.userId),
    otherClinic: { input: () => withSecret(c.b), observe: (i) => user(i.userId) },
    invalid: { change: (i) => ({ ...i, userId: "not-an-id" }), field: "userId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/^Two-factor sign-in of .* was reset/);
      expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    },
  }),
);

// Policies change who must enrol: these run on clinics of their own.
describeAction(
  "setTwoFactorPolicyAction",
  () => policy,
  (p) => ({
    call: formCall(setTwoFactorPolicyAction),
    as: "admin",
    refused: "clinician",
    input: async () => ({ twoFactorRequired: "everyone" }),
    observe: () => policyOf(p.a.clinicId),
    otherClinic: {
      input: async () => ({ twoFactorRequired: "off" }),
      observe: () => policyOf(p.b.clinicId),
      answer: (s) => expect(s.ok).toBe(true),
    },
    invalid: { change: (i) => ({ ...i, twoFactorRequired: "sometimes" }), field: "twoFactorRequired", message: /off, admins or everyone/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Saved: staff who must use two-factor sign-in set it up at their next page view.");
      expect(after).toEqual({ twoFactorRequired: "everyone" });
    },
  }),
);

// One's own second factor: any signed-in user, no permission; the viewer starts, the clinician confirms.
describeAction(
  "startTwoFactorAction",
  () => own,
  (o) => ({
    call: formCall(startTwoFactorAction),
    as: "viewer",
    refused: "signed-out",
    input: async () => ({}),
    observe: () => user(o.a.viewer.userId),
    otherClinic: { input: async () => ({}), observe: () => user(o.b.viewer.userId), answer: (s) => expect(s.ok).toBe(true) },
    invalid: null,
    succeeded: (state, _input, before, after) => {
      expect(state.data).toMatchObject({ uri: expect.stringMatching(/^otpauth:\/\/totp\//), secret: expect.any(String) });
      expect(after).toMatchObject({ totpSecret: expect.stringMatching(/^v1:/), totpEnabledAt: null });
      expect(after).not.toEqual(before);
    },
  }),
  false,
);

const codeFor = async (t: TestClinic) => ({ code: await generate({ secret: (await startTwoFactorEnrolment(t.clinician)).secret }) });

describeAction(
  "confirmTwoFactorAction",
  () => own,
  (o) => ({
    call: formCall(confirmTwoFactorAction),
    as: "clinician",
    refused: "signed-out",
    input: () => codeFor(o.a),
    observe: () => user(o.a.clinician.userId),
    // A code of another clinic's user's setup proves nothing about one's own.
    otherClinic: {
      input: () => codeFor(o.b),
      observe: () => user(o.b.clinician.userId),
      answer: (s) => expect(s).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/does not match/) } }),
    },
    invalid: { change: () => ({ code: "12ab56" }), field: "code", message: /digits only/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toMatch(/^Two-factor sign-in is on/);
      expect((state.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
      expect(after).toMatchObject({ totpEnabledAt: expect.any(Date) });
    },
  }),
);
