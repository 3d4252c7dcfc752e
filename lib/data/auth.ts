import type { Actor } from "@/lib/domain/access";
import type { Role } from "@/prisma/generated/client";
import { audit } from "@/lib/data/audit";
import { read, transaction } from "@/lib/data/tx";
import { getEnv } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/passwords";

/**
 * Sign-in. The answer never says whether the email exists: unknown emails,
 * wrong passwords, locked and deactivated accounts all fail the same way and
 * take about as long. LOCKOUT_THRESHOLD failures in a row lock the account
 * for LOCKOUT_MINUTES; the counter lives in PostgreSQL so every app instance
 * sees it.
 */
export type SignInResult = { ok: true; user: { id: string; sessionVersion: number } } | { ok: false };

export async function verifyCredentials(emailInput: string, password: string): Promise<SignInResult> {
  const { LOCKOUT_THRESHOLD, LOCKOUT_MINUTES } = getEnv();
  const email = emailInput.trim().toLowerCase();
  const user = await read((c) => c.user.findUnique({ where: { email } }));

  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return { ok: false };
  }
  const actor = { clinicId: user.clinicId, userId: user.id };
  const now = new Date();

  if (!user.active || (user.lockedUntil && user.lockedUntil > now)) {
    await verifyPassword(await dummyPasswordHash(), password);
    await transaction((tx) =>
      audit(tx, actor, {
        action: "auth.login_refused",
        entityType: "User",
        entityId: user.id,
        detail: { reason: user.active ? "locked" : "inactive" },
      }),
    );
    return { ok: false };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    await transaction(async (tx) => {
      // One atomic statement: concurrent failures cannot lose a count.
      const rows = await tx.$queryRaw<{ locked: boolean; failedLoginCount: number }[]>`
        UPDATE "User"
           SET "failedLoginCount" = CASE WHEN "failedLoginCount" + 1 >= ${LOCKOUT_THRESHOLD} THEN 0 ELSE "failedLoginCount" + 1 END,
               "lockedUntil" = CASE WHEN "failedLoginCount" + 1 >= ${LOCKOUT_THRESHOLD}
                                    THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}::int) ELSE "lockedUntil" END
         WHERE id = ${user.id}::uuid
     RETURNING ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS locked, "failedLoginCount"`;
      const locked = rows[0]?.locked ?? false;
      await audit(tx, actor, {
        action: locked ? "auth.account_locked" : "auth.login_failed",
        entityType: "User",
        entityId: user.id,
        detail: locked ? { lockedForMinutes: LOCKOUT_MINUTES } : { failedAttempts: rows[0]?.failedLoginCount ?? null },
      });
    });
    return { ok: false };
  }

  await transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await audit(tx, actor, { action: "auth.login", entityType: "User", entityId: user.id });
  });
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } };
}

/**
 * The acting user for a session token, or null when the account was
 * deactivated, or its role or password changed since the token was issued.
 */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await read((c) =>
    c.user.findFirst({
      where: { id: userId, active: true, sessionVersion },
      select: {
        id: true,
        clinicId: true,
        role: true,
        name: true,
        email: true,
        title: true,
        clinic: { select: { name: true, timezone: true } },
      },
    }),
  );
  if (!user) return null;
  return {
    userId: user.id,
    clinicId: user.clinicId,
    clinicName: user.clinic.name,
    timezone: user.clinic.timezone,
    role: user.role as Role,
    name: user.name,
    email: user.email,
    title: user.title,
  };
}

export async function recordSignOut(actor: Actor): Promise<void> {
  await transaction((tx) => audit(tx, actor, { action: "auth.logout", entityType: "User", entityId: actor.userId }));
}
