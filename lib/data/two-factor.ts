import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { read, transaction } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  qrCodeDataUrl,
  totpUri,
  verifyTotp,
} from "@/lib/two-factor";
import type { TwoFactorPolicy } from "@/lib/validation/two-factor";

/**
 * Two-factor sign-in of staff accounts: a user enrols their own authenticator
 * (the secret is shown during setup only, then stored encrypted and never
 * returned), gets ten recovery codes shown once, and an administrator of the
 * same clinic can reset it. The clinic decides who must have it
 * (Clinic.twoFactorRequired). Every change is audited.
 */
export type TwoFactorStatus = { enrolled: boolean; enrolledAt: Date | null; recoveryCodesLeft: number };

export async function twoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  return read(async (c) => {
    const user = await c.user.findFirst({
      where: { id: actor.userId, clinicId: actor.clinicId },
      select: { totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { clinicId: actor.clinicId, usedAt: null } } } } },
    });
    if (!user) throw new NotFoundError("user");
    return { enrolled: !!user.totpEnabledAt, enrolledAt: user.totpEnabledAt, recoveryCodesLeft: user._count.recoveryCodes };
  });
}

export type Enrolment = { secret: string; uri: string; qrCode: string };

/** Starts (or restarts) setup: a new secret, kept encrypted and unconfirmed until a code proves the app has it. */
export async function startTwoFactorEnrolment(actor: Actor): Promise<Enrolment> {
  const secret = newTotpSecret();
  await transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: actor.userId, clinicId: actor.clinicId, totpEnabledAt: null },
      data: { totpSecret: encryptSecret(secret), totpLastStep: null },
    });
    if (changed.count !== 1)
      throw new ConflictError("Ask an administrator to reset two-factor sign-in: it is already set up for your account");
    await audit(tx, actor, { action: "user.two_factor_setup_started", entityType: "User", entityId: actor.userId });
  });
  const uri = totpUri(actor.email, secret);
  return { secret, uri, qrCode: await qrCodeDataUrl(uri) };
}

/** Confirms setup with a code from the app; returns the ten recovery codes (shown once, stored hashed). */
export async function confirmTwoFactorEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await read((c) =>
    c.user.findFirst({ where: { id: actor.userId, clinicId: actor.clinicId }, select: { totpSecret: true, totpEnabledAt: true } }),
  );
  if (!user) throw new NotFoundError("user");
  if (user.totpEnabledAt) throw new ConflictError("Use your authenticator app: two-factor sign-in is already set up for your account");
  const secret = user.totpSecret ? decryptSecret(user.totpSecret) : null;
  if (!secret) throw new ConflictError("Start again to get a new QR code: the setup has expired");
  const step = await verifyTotp(secret, code, null);
  if (step === null)
    throw new ValidationError([
      {
        path: "code",
        message: "Check the app shows Knee Clinic and your email, and enter the code it shows now: that code does not match",
      },
    ]);

  const recoveryCodes = newRecoveryCodes();
  await transaction(async (tx) => {
    // The secret must still be the one the code was checked against (no second setup in between).
    const confirmed = await tx.user.updateMany({
      where: { id: actor.userId, clinicId: actor.clinicId, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (confirmed.count !== 1) throw new ConflictError("Start again to get a new QR code: the setup changed in another window");
    await tx.recoveryCode.updateMany({
      where: { clinicId: actor.clinicId, userId: actor.userId, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({
        clinicId: actor.clinicId,
        userId: actor.userId,
        codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!),
      })),
    });
    await audit(tx, actor, { action: "user.two_factor_enabled", entityType: "User", entityId: actor.userId });
  });
  return { recoveryCodes };
}

/**
 * An administrator removes a user's second factor (a lost phone): the secret
 * and the unused recovery codes are gone, the user's sessions end, and they
 * set it up again at their next sign-in if the clinic requires it.
 */
export async function resetTwoFactor(admin: Actor, userId: string): Promise<{ name: string }> {
  return transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, clinicId: admin.clinicId },
      select: { id: true, name: true, totpSecret: true },
    });
    if (!user) throw new NotFoundError("user");
    if (!user.totpSecret)
      throw new ConflictError(`Leave it as it is: ${user.name} has not set up two-factor sign-in, so there is nothing to reset`);
    await tx.user.update({
      where: { id: user.id, clinicId: admin.clinicId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.updateMany({ where: { clinicId: admin.clinicId, userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await audit(tx, admin, { action: "user.reset_two_factor", entityType: "User", entityId: user.id });
    return { name: user.name };
  });
}

export async function getTwoFactorPolicy(actor: Actor): Promise<TwoFactorPolicy> {
  const clinic = await read((c) => c.clinic.findUnique({ where: { id: actor.clinicId }, select: { twoFactorRequired: true } }));
  if (!clinic) throw new NotFoundError("clinic");
  return clinic.twoFactorRequired;
}

export async function setTwoFactorPolicy(admin: Actor, policy: TwoFactorPolicy): Promise<void> {
  await transaction(async (tx) => {
    const before = await tx.clinic.findUnique({ where: { id: admin.clinicId }, select: { twoFactorRequired: true } });
    if (!before) throw new NotFoundError("clinic");
    if (before.twoFactorRequired === policy) return;
    await tx.clinic.update({ where: { id: admin.clinicId }, data: { twoFactorRequired: policy } });
    await audit(tx, admin, {
      action: "settings.two_factor_policy",
      entityType: "Clinic",
      entityId: admin.clinicId,
      detail: { before: before.twoFactorRequired, after: policy },
    });
  });
}
