/**
 * Server actions in integration tests, called as the running app calls them:
 * a real sign-in (lib/data/auth verifyCredentials: a Session row), its
 * next-auth token in the session cookie, the action's own session check,
 * permission check, parser and lib/data body against the real PostgreSQL.
 *
 * Only Next's request scope is stood in for: each test file mocks
 * `next/headers` with `nextHeaders` (the cookie of the user signed in here)
 * and `next/cache` with `nextCache` (revalidation needs a render in progress):
 *
 *   jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);
 *   jest.mock("next/cache", () => jest.requireActual("../helpers/actions").nextCache);
 *
 * `describeAction` runs the four cases every action has (docs/architecture.md).
 */
import { encode } from "next-auth/jwt";
import type { ActionState } from "@/lib/actions/state";
import type { Actor } from "@/lib/domain/access";
import { servedOverHttps, sessionCookieName } from "@/lib/session-cookie";
import { TEST_PASSWORD, testDb, type TestClinic } from "./fixtures";

let token: string | undefined;
const tokens = new Map<string, string>();
let address = 0;

export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (token && name === sessionCookieName(servedOverHttps()) ? { name, value: token } : undefined),
  }),
  headers: async () => new Headers(),
};

export const nextCache = { revalidatePath: () => undefined, revalidateTag: () => undefined };

/** Sign in as `actor` (once per user per file): later action calls carry their session cookie. */
export async function signInAs(actor: Actor): Promise<void> {
  const known = tokens.get(actor.userId);
  if (known) {
    token = known;
    return;
  }
  const { verifyCredentials } = await import("@/lib/data/auth");
  address += 1;
  const result = await verifyCredentials({ email: actor.email, password: TEST_PASSWORD, address: `198.51.100.${address % 250}` });
  if (!result.ok) throw new Error(`sign-in of ${actor.email} failed: ${result.reason}`);
  token = await encode({
    token: { sid: result.sessionId, authTime: Math.floor(Date.now() / 1000) },
    secret: process.env.NEXTAUTH_SECRET ?? "",
  });
  tokens.set(actor.userId, token);
}

export function signOut(): void {
  token = undefined;
}

/** A FormData as a browser posts it (arrays as repeated fields; undefined left out). */
export function formOf(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
  }
  return form;
}

export const REFUSED_ROLE = "Your role does not allow this action. Nothing was saved.";
export const SIGNED_OUT = "Your session has ended. Sign in again; nothing was saved.";
export const NOT_FOUND = "This record no longer exists in your clinic.";
export const FIELD_ERRORS = "Please correct the fields marked below.";

type Input = Record<string, unknown>;
type Call = (input: Input) => Promise<ActionState<unknown>>;

/** A form action (prev, FormData) or a payload action, called with `input`. */
export function formCall(action: (prev: ActionState<never>, form: FormData) => Promise<ActionState<unknown>>): Call {
  return (input) => action({ ok: false }, formOf(input));
}
export function payloadCall(action: (payload: unknown) => Promise<ActionState<unknown>>): Call {
  return (input) => action(input);
}

export type Clinics = { a: TestClinic; b: TestClinic };
type Role = "admin" | "clinician" | "viewer";

export type ActionCase = {
  call: Call;
  /** Who may: the role that succeeds, and the role refused (or "signed-out" for own-account actions). */
  as: Role;
  refused: Role | "signed-out";
  /** A valid input, on fresh records of clinic a. */
  input: () => Promise<Input>;
  /** What the action changes, read as the tables' owner: refused calls leave it as it was. */
  observe: (input: Input) => Promise<unknown>;
  /**
   * The same call naming clinic b's record: refused as not found, clinic b's
   * record unchanged. An action that names no record (settings, a new
   * patient, one's own second factor) gives its own `answer` (for example a
   * success in clinic a): clinic b's `observe` still stays as it was.
   */
  otherClinic: { input: () => Promise<Input>; observe: (input: Input) => Promise<unknown>; answer?: (state: ActionState<unknown>) => void };
  /**
   * A bad field (changed from a valid input): the error is keyed by `field`
   * and nothing is written. `null` only for an action that takes no input
   * (`describeAction(..., false)`).
   */
  invalid: { change: (input: Input) => Input; field: string; message?: string | RegExp } | null;
  /** The success: what the form shows, and the state of the records after it. */
  succeeded: (state: ActionState<unknown>, input: Input, before: unknown, after: unknown) => void | Promise<void>;
};

/** The newest audit event id now: refusals recorded after it are the call's. */
async function auditMark(): Promise<bigint> {
  return (await testDb().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
}

/**
 * The refusal a refused call recorded in the audit log (lib/data/audit.ts
 * `auditRefusal`): one "write.refused" event of the user after `mark`, which
 * says why (`refused`) and, for invalid input, names the field.
 */
export async function expectRefusalAudited(actor: Actor, mark: bigint, refused: string, field?: string): Promise<void> {
  const events = await testDb().auditEvent.findMany({
    where: { clinicId: actor.clinicId, userId: actor.userId, action: "write.refused", id: { gt: mark } },
    select: { detail: true },
  });
  expect(events).toHaveLength(1);
  expect(events[0]!.detail).toMatchObject({ version: 1, refused, attempt: expect.any(String) });
  if (field) expect(events[0]!.detail).toMatchObject({ fields: expect.arrayContaining([expect.objectContaining({ path: field })]) });
}

/** The four cases of one action, each against the real database; every refusal is recorded in the audit log. */
export function describeAction(name: string, clinics: () => Clinics, make: (c: Clinics) => ActionCase, takesInput = true): void {
  describe(name, () => {
    let k: ActionCase;
    let c: Clinics;
    beforeAll(() => {
      c = clinics();
      k = make(c);
    });

    it("refuses a role without the permission, writing nothing", async () => {
      const input = await k.input();
      const before = await k.observe(input);
      if (k.refused === "signed-out") signOut();
      else await signInAs(c.a[k.refused]);
      const mark = await auditMark();
      const state = await k.call(input);
      expect(state).toEqual({ ok: false, message: k.refused === "signed-out" ? SIGNED_OUT : REFUSED_ROLE });
      expect(await k.observe(input)).toEqual(before);
      if (k.refused !== "signed-out") await expectRefusalAudited(c.a[k.refused], mark, "permission");
    });

    it("refuses another clinic's record, writing nothing there", async () => {
      const input = await k.otherClinic.input();
      const before = await k.otherClinic.observe(input);
      await signInAs(c.a[k.as]);
      const mark = await auditMark();
      const state = await k.call(input);
      if (k.otherClinic.answer) k.otherClinic.answer(state);
      else expect(state).toEqual({ ok: false, message: NOT_FOUND });
      expect(await k.otherClinic.observe(input)).toEqual(before);
      if (!k.otherClinic.answer) await expectRefusalAudited(c.a[k.as], mark, "not_found");
    });

    // An action that takes no input (starting one's own two-factor setup) has no field to be wrong.
    (takesInput ? it : it.skip)("answers a bad field with an error naming that field, writing nothing", async () => {
      if (!k.invalid) throw new Error(`${name}: give the case an invalid input, or declare it as taking none`);
      const valid = await k.input();
      const before = await k.observe(valid);
      await signInAs(c.a[k.as]);
      const { change, field, message } = k.invalid;
      const mark = await auditMark();
      const state = await k.call(change(valid));
      expect(state.ok).toBe(false);
      expect(state.message).toBe(FIELD_ERRORS);
      expect(state.fieldErrors?.[field]).toEqual(message ? expect.stringMatching(message) : expect.any(String));
      expect(await k.observe(valid)).toEqual(before);
      await expectRefusalAudited(c.a[k.as], mark, "invalid", field);
    });

    it("succeeds for a permitted role of the clinic", async () => {
      const input = await k.input();
      const before = await k.observe(input);
      await signInAs(c.a[k.as]);
      const state = await k.call(input);
      if (!state.ok) throw new Error(`expected success, got ${JSON.stringify(state)}`);
      const after = await k.observe(input);
      expect(after).not.toEqual(before);
      await k.succeeded(state, input, before, after);
    });
  });
}
