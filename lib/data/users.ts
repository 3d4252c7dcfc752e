import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { isUniqueViolation, read, transaction } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { hashPassword } from "@/lib/passwords";
import type { CreateUserInput, UpdateUserInput } from "@/lib/validation/users";
import { LAST_ADMINISTRATOR } from "@/lib/validation/messages";

/**
 * Staff accounts of the acting admin's clinic. Users are never deleted, only
 * deactivated; a role change, deactivation or password reset ends the
 * user's existing sessions (sessionVersion). The last active admin of a
 * clinic cannot be demoted or deactivated.
 */
const PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  title: true,
  phone: true,
  active: true,
  lockedUntil: true,
  lastLoginAt: true,
  totpEnabledAt: true,
  createdAt: true,
} as const;

export async function listUsers(actor: Actor) {
  return read((c) =>
    c.user.findMany({
      where: { clinicId: actor.clinicId },
      select: PUBLIC_FIELDS,
      orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
    }),
  );
}

export async function createUser(actor: Actor, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          clinicId: actor.clinicId,
          email: input.email,
          name: input.name,
          role: input.role,
          title: input.title ?? null,
          phone: input.phone ?? null,
          passwordHash,
        },
        select: PUBLIC_FIELDS,
      });
      await audit(tx, actor, {
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        detail: { email: user.email, role: user.role },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError([{ path: "email", message: "Enter another email: an account with this email already exists" }]);
    throw error;
  }
}

export async function updateUser(actor: Actor, input: UpdateUserInput) {
  return transaction(async (tx) => {
    // Changes to the clinic's staff run one at a time (the clinic row is the lock), so two
    // administrators demoting each other at once cannot both pass the last-admin check below
    // (PostgreSQL's user_keep_an_admin trigger holds the same rule under the same lock).
    await tx.$queryRaw`SELECT 1 FROM "Clinic" WHERE id = ${actor.clinicId}::uuid FOR NO KEY UPDATE`;
    const before = await tx.user.findFirst({ where: { id: input.userId, clinicId: actor.clinicId }, select: PUBLIC_FIELDS });
    if (!before) throw new NotFoundError("user");
    const losesAdmin = before.role === "admin" && before.active && (input.role !== "admin" || !input.active);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { clinicId: actor.clinicId, role: "admin", active: true } });
      if (admins <= 1) throw new ConflictError(LAST_ADMINISTRATOR);
    }
    const endsSessions = before.role !== input.role || (before.active && !input.active);
    const after = await tx.user.update({
      where: { id: before.id, clinicId: actor.clinicId },
      data: {
        name: input.name,
        role: input.role,
        title: input.title ?? null,
        phone: input.phone ?? null,
        active: input.active,
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: PUBLIC_FIELDS,
    });
    const changed = (["name", "role", "title", "phone", "active"] as const).filter((k) => before[k] !== after[k]);
    await audit(tx, actor, {
      action: !input.active && before.active ? "user.deactivate" : input.active && !before.active ? "user.reactivate" : "user.update",
      entityType: "User",
      entityId: before.id,
      detail: {
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
    });
    return after;
  });
}

export async function resetPassword(actor: Actor, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { id: true } });
    if (!user) throw new NotFoundError("user");
    await tx.user.update({
      where: { id: user.id, clinicId: actor.clinicId },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null, sessionVersion: { increment: 1 } },
    });
    await audit(tx, actor, { action: "user.reset_password", entityType: "User", entityId: user.id });
  });
}
