import "server-only";
import { ROLES, type Actor, type Role } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { read, transaction, type Tx } from "@/lib/data/tx";
import { countInWindow, type ThrottleResult } from "@/lib/data/throttle";
import { getEnv } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/passwords";
import { decryptSecret, hashRecoveryCode, normaliseRecoveryCode, verifyTotp } from "@/lib/two-factor";

/**
 * Sign-in, sessions and the per-address limit on sign-in attempts. Every
 * counter lives in PostgreSQL, so all app instances share it.
 *
 * Sign-in runs in three steps, the same for every email, known or not:
 *
 * 1. Reserve (one statement): lock the account's row, refuse an account that
 *    is locked, deactivated, or whose LOCKOUT_THRESHOLD checks of this window
 *    are all taken (by earlier failures or by attempts still being checked),
 *    else count this attempt. So at most LOCKOUT_THRESHOLD passwords are ever
 *    checked per account and lock window, however many requests arrive at once.
 * 2. One Argon2id verification: against the account's hash when the attempt
 *    was admitted, else against a dummy hash (same time, same work).
 * 3. The outcome (one statement for every failure): a failed check that fills
 *    the window locks the account for LOCKOUT_MINUTES; the event is audited
 *    for known accounts. A success is accepted only while no lock is in force
 *    (it never clears one), and clears the count only when no other attempt
 *    was admitted after it; it opens a Session row in the same transaction.
 *
 * The answer never says why a sign-in failed: unknown email, wrong password,
 * wrong or replayed code, locked and deactivated all look alike to the client.
 * With two-factor sign-in enrolled, a right password without a code answers
 * "second factor required" (and frees its place in the count); a wrong code
 * counts like a wrong password.
 */
export type SignInAttempt = {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  /** The client address (lib/client-address.ts): a success gives its attempt back to the address. */
  address: string;
};

export type SignInResult = { ok: true; userId: string; sessionId: string } | { ok: false; reason: "failed" | "second_factor_required" };

const FAILED: SignInResult = { ok: false, reason: "failed" };

type Reservation = {
  id: string;
  clinicId: string;
  passwordHash: string;
  active: boolean;
  locked: boolean;
  allowed: boolean;
  slot: number | null;
  totpSecret: string | null;
  twoFactor: boolean;
  totpLastStep: number | null;
};

async function reserve(email: string, threshold: number): Promise<Reservation | null> {
  const rows = await read(
    (c) => c.$queryRaw<Reservation[]>`
      WITH target AS (
        SELECT id, "clinicId", "passwordHash", active, "totpSecret", "totpLastStep",
               "totpEnabledAt" IS NOT NULL AS "twoFactor",
               ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS locked,
               CASE WHEN "lockedUntil" IS NOT NULL AND "lockedUntil" <= now() THEN 0 ELSE "failedLoginCount" END AS used
          FROM "User"
         WHERE email = ${email}
           FOR UPDATE
      ), decided AS (
        SELECT *, (active AND NOT locked AND used < ${threshold}::int) AS allowed FROM target
      ), counted AS (
        UPDATE "User" u
           SET "failedLoginCount" = d.used + 1, "lockedUntil" = NULL
          FROM decided d
         WHERE u.id = d.id AND u."clinicId" = d."clinicId" AND d.allowed
        RETURNING u.id, u."failedLoginCount" AS slot
      )
      SELECT d.id, d."clinicId", d."passwordHash", d.active, d.locked, d.allowed, c.slot,
             d."totpSecret", d."twoFactor", d."totpLastStep"
        FROM decided d LEFT JOIN counted c ON c.id = d.id`,
  );
  return rows[0] ?? null;
}

/**
 * The outcome of every attempt that did not sign in, as one statement for
 * known and unknown emails alike: a checked failure that fills the window
 * locks the account, and known accounts get their audit event.
 */
async function recordFailure(
  user: Reservation | null,
  outcome: { checked: boolean; action: string; detail: Record<string, unknown> },
): Promise<void> {
  const { LOCKOUT_THRESHOLD, LOCKOUT_MINUTES } = getEnv();
  const userId = user?.id ?? null;
  const clinicId = user?.clinicId ?? null;
  await read(
    (c) => c.$executeRaw`
      WITH locked AS (
        UPDATE "User"
           SET "lockedUntil" = now() + make_interval(mins => ${LOCKOUT_MINUTES}::int)
         WHERE id = ${userId}::uuid AND "clinicId" = ${clinicId}::uuid AND ${outcome.checked}::boolean
           AND "failedLoginCount" >= ${LOCKOUT_THRESHOLD}::int
           AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
        RETURNING id
      )
      INSERT INTO "AuditEvent" ("clinicId", "userId", action, "entityType", "entityId", detail)
      SELECT ${clinicId}::uuid, ${userId}::uuid,
             CASE WHEN EXISTS (SELECT 1 FROM locked) THEN 'auth.account_locked' ELSE ${outcome.action} END,
             'User', ${userId},
             CASE WHEN EXISTS (SELECT 1 FROM locked)
                  THEN ${JSON.stringify(outcome.detail)}::jsonb || jsonb_build_object('lockedForMinutes', ${LOCKOUT_MINUTES}::int)
                  ELSE ${JSON.stringify(outcome.detail)}::jsonb END
       WHERE ${userId}::uuid IS NOT NULL`,
  );
}

class SignInRefused extends Error {}

// eslint-disable-next-line max-lines-per-function -- sign-in checks in one transaction, in the order they must run (throttle, lockout, password, second factor)
export async function verifyCredentials(attempt: SignInAttempt): Promise<SignInResult> {
  const { LOCKOUT_THRESHOLD, SESSION_MAX_HOURS } = getEnv();
  const email = attempt.email.trim().toLowerCase();
  const user = await reserve(email, LOCKOUT_THRESHOLD);
  const admitted = !!user?.allowed;
  const passwordOk = await verifyPassword(admitted ? user!.passwordHash : await dummyPasswordHash(), attempt.password);

  if (!user || !admitted) {
    await recordFailure(user, {
      checked: false,
      action: "auth.login_refused",
      detail: { reason: !user ? "unknown" : !user.active ? "inactive" : "locked" },
    });
    return FAILED;
  }
  if (!passwordOk) {
    await recordFailure(user, { checked: true, action: "auth.login_failed", detail: { failedAttempts: user.slot } });
    return FAILED;
  }

  // The second factor, asked only after a right password.
  let totpStep: number | null = null;
  let recoveryHash: string | null = null;
  if (user.twoFactor) {
    if (!attempt.totp && !attempt.recoveryCode) {
      await secondFactorRequired(user, attempt.address);
      return { ok: false, reason: "second_factor_required" };
    }
    const secret = user.totpSecret ? decryptSecret(user.totpSecret) : null;
    if (attempt.totp && secret) totpStep = await verifyTotp(secret, attempt.totp, user.totpLastStep);
    const recovery = attempt.recoveryCode ? normaliseRecoveryCode(attempt.recoveryCode) : null;
    if (!attempt.totp && recovery) recoveryHash = hashRecoveryCode(recovery);
    if (totpStep === null && recoveryHash === null) {
      await recordFailure(user, {
        checked: true,
        action: "auth.login_failed",
        detail: { failedAttempts: user.slot, secondFactor: attempt.totp ? "totp" : "recovery_code" },
      });
      return FAILED;
    }
  }

  try {
    const sessionId = await transaction(async (tx) => {
      if (recoveryHash) {
        const spent = await tx.recoveryCode.updateMany({
          where: { clinicId: user.clinicId, userId: user.id, codeHash: recoveryHash, usedAt: null },
          data: { usedAt: new Date() },
        });
        if (spent.count !== 1) throw new SignInRefused();
      }
      // A lock in force (set by a concurrent failure) or a replayed code refuses the success.
      const accepted = await tx.$queryRaw<{ sessionVersion: number }[]>`
        UPDATE "User"
           SET "failedLoginCount" = CASE WHEN "failedLoginCount" = ${user.slot}::int THEN 0 ELSE "failedLoginCount" END,
               "lockedUntil" = NULL,
               "lastLoginAt" = now(),
               "totpLastStep" = COALESCE(${totpStep}::int, "totpLastStep")
         WHERE id = ${user.id}::uuid AND "clinicId" = ${user.clinicId}::uuid AND active
           AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
           AND (${totpStep}::int IS NULL OR "totpLastStep" IS NULL OR "totpLastStep" < ${totpStep}::int)
        RETURNING "sessionVersion"`;
      if (accepted.length !== 1) throw new SignInRefused();
      const session = await tx.session.create({
        data: {
          clinicId: user.clinicId,
          userId: user.id,
          sessionVersion: accepted[0]!.sessionVersion,
          expiresAt: new Date(Date.now() + SESSION_MAX_HOURS * 3_600_000),
        },
        select: { id: true },
      });
      await purgeSessions(tx, user.clinicId, user.id, accepted[0]!.sessionVersion);
      await giveAttemptBack(tx, attempt.address);
      await audit(
        tx,
        { clinicId: user.clinicId, userId: user.id },
        {
          action: "auth.login",
          entityType: "User",
          entityId: user.id,
          detail: { sessionId: session.id, ...(user.twoFactor ? { secondFactor: totpStep !== null ? "totp" : "recovery_code" } : {}) },
        },
      );
      return session.id;
    });
    return { ok: true, userId: user.id, sessionId };
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    await recordFailure(user, {
      checked: true,
      action: "auth.login_refused",
      detail: { reason: user.twoFactor ? "locked_or_code_used" : "locked" },
    });
    return FAILED;
  }
}

/** The most dead sessions one sign-in deletes: the user's own first, then the clinic's expired ones, a few at a time. */
export const SESSION_PURGE_BATCH = 100;

/**
 * Deletes sessions that can never be used again, in the sign-in's own
 * transaction (no timer: the app runs as several servers): the signing-in
 * user's ended ones (signed out) and those of an older sessionVersion (ended
 * by a role or password change), and any of the clinic's past their absolute
 * limit, at most SESSION_PURGE_BATCH rows, skipping rows another sign-in is
 * deleting. Who signed in and out, when, and with which session stays in
 * the audit log (auth.login and auth.logout name the session id).
 */
async function purgeSessions(tx: Tx, clinicId: string, userId: string, sessionVersion: number): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "Session" WHERE "clinicId" = ${clinicId}::uuid AND id IN (
      SELECT id FROM "Session"
       WHERE "clinicId" = ${clinicId}::uuid
         AND (("userId" = ${userId}::uuid AND ("endedAt" IS NOT NULL OR "sessionVersion" < ${sessionVersion}::int)) OR "expiresAt" <= now())
       LIMIT ${SESSION_PURGE_BATCH}::int
         FOR UPDATE SKIP LOCKED)`;
}

/** A right password without a code: the attempt gives its place back (the code attempt that follows counts). */
async function secondFactorRequired(user: Reservation, address: string): Promise<void> {
  await transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "User" SET "failedLoginCount" = GREATEST("failedLoginCount" - 1, 0) WHERE id = ${user.id}::uuid AND "clinicId" = ${user.clinicId}::uuid`;
    await giveAttemptBack(tx, address);
    await audit(
      tx,
      { clinicId: user.clinicId, userId: user.id },
      { action: "auth.second_factor_required", entityType: "User", entityId: user.id },
    );
  });
}

// ---------------------------------------------------------------- per-address limit

/**
 * Counts one sign-in attempt from `address` (SIGNIN_IP_LIMIT, e.g. 30 per 15
 * minutes) in one statement, before anything else of the attempt runs, and
 * says whether it may go ahead. A sign-in that succeeds (or reaches the second
 * factor) gives its attempt back, so the limit counts failures: a clinic
 * behind one address signs in all day, a password sprayer is stopped. Windows
 * that ended are deleted a few at a time by the same statement.
 */
export async function countSignInAttempt(address: string): Promise<ThrottleResult> {
  return countInWindow("SignInThrottle", address, getEnv().SIGNIN_IP_LIMIT);
}

async function giveAttemptBack(tx: Tx, address: string): Promise<void> {
  await tx.$executeRaw`UPDATE "SignInThrottle" SET attempts = GREATEST(attempts - 1, 0) WHERE address = ${address}`;
}

// ---------------------------------------------------------------- sessions

export type TwoFactorState = { enrolled: boolean; required: boolean };
export type SessionUser = { sessionId: string; actor: Actor; twoFactor: TwoFactorState };

type SessionRow = {
  userId: string;
  clinicId: string;
  role: string;
  name: string;
  email: string;
  title: string | null;
  clinicName: string;
  timezone: string;
  twoFactorRequired: "off" | "admins" | "everyone";
  twoFactorEnrolled: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function twoFactorRequiredFor(policy: SessionRow["twoFactorRequired"], role: Role): boolean {
  return policy === "everyone" || (policy === "admins" && role === "admin");
}

/**
 * The session and its user in one query (the only database read a request
 * needs to know who is asking), or null when the session was ended (sign-out),
 * passed its absolute limit (SESSION_MAX_HOURS), or its user was deactivated
 * or had their role or password changed since (sessionVersion).
 */
export async function loadSession(sessionId: string): Promise<SessionUser | null> {
  if (!UUID.test(sessionId)) return null;
  const rows = await read(
    (c) => c.$queryRaw<SessionRow[]>`
      SELECT u.id AS "userId", u."clinicId", u.role::text AS role, u.name, u.email, u.title,
             c.name AS "clinicName", c.timezone, c."twoFactorRequired"::text AS "twoFactorRequired",
             u."totpEnabledAt" IS NOT NULL AS "twoFactorEnrolled"
        FROM "Session" s
        JOIN "User" u ON u.id = s."userId" AND u."clinicId" = s."clinicId"
        JOIN "Clinic" c ON c.id = u."clinicId"
       WHERE s.id = ${sessionId}::uuid
         AND s."endedAt" IS NULL AND s."expiresAt" > now()
         AND u.active AND u."sessionVersion" = s."sessionVersion"`,
  );
  const row = rows[0];
  const role = ROLES.find((r) => r === row?.role);
  if (!row || !role) return null;
  return {
    sessionId,
    actor: {
      userId: row.userId,
      clinicId: row.clinicId,
      clinicName: row.clinicName,
      timezone: row.timezone,
      role,
      name: row.name,
      email: row.email,
      title: row.title,
    },
    twoFactor: { enrolled: row.twoFactorEnrolled, required: twoFactorRequiredFor(row.twoFactorRequired, role) },
  };
}

/** Sign-out: the session ends on the server, so a copy of its cookie is refused from now on. */
export async function endSession(sessionId: string, reason: "sign_out"): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  return transaction(async (tx) => {
    const ended = await tx.$queryRaw<{ clinicId: string; userId: string }[]>`
      UPDATE "Session" SET "endedAt" = now(), "endReason" = ${reason}
       WHERE id = ${sessionId}::uuid AND "endedAt" IS NULL
      RETURNING "clinicId", "userId"`;
    const row = ended[0];
    if (!row) return false;
    await audit(tx, row, { action: "auth.logout", entityType: "User", entityId: row.userId, detail: { sessionId } });
    return true;
  });
}
