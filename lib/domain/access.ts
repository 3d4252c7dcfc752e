/**
 * Who may do what. Permissions are named strings, granted per role here and
 * checked only through `can` / `assertCan` (and lib/auth's
 * `requirePermission`, which uses them). Viewers read; clinicians read and
 * write clinical records; admins also manage the users, settings and audit
 * log of their own clinic.
 */
import { ForbiddenError } from "../errors";

export const PERMISSIONS = [
  "patient.read",
  "patient.write",
  "assessment.read",
  "assessment.write",
  "assessment.sign",
  "run.write",
  "referral.read",
  "referral.write",
  "referral.sign",
  /** The runner's links: questionnaire requests and diary links made, withdrawn, e-mailed; what the runner returned reviewed. */
  "portal.manage",
  /** The clinic's outcome figures (aggregates only): clinicians and admins, not viewers. */
  "outcomes.read",
  "evaluate.run",
  "admin.users",
  "admin.settings",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["admin", "clinician", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const READ: Permission[] = ["patient.read", "assessment.read", "referral.read", "evaluate.run"];
const CLINICAL: Permission[] = [
  ...READ,
  "patient.write",
  "assessment.write",
  "assessment.sign",
  "run.write",
  "referral.write",
  "referral.sign",
  "portal.manage",
  "outcomes.read",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(READ),
  clinician: new Set(CLINICAL),
  admin: new Set([...CLINICAL, "admin.users", "admin.settings", "audit.read"]),
};

/** The shortest password an account may have (lib/validation/users.ts; lib/passwords.ts hashes them). */
export const PASSWORD_MIN_LENGTH = 12;

export const ROLE_LABELS: Record<Role, string> = { admin: "Administrator", clinician: "Clinician", viewer: "Viewer (read only)" };

/** The signed-in user, loaded from the database on every request. */
export type Actor = {
  userId: string;
  clinicId: string;
  clinicName: string;
  /** The clinic's IANA time zone: timestamps are shown in it. */
  timezone: string;
  role: Role;
  name: string;
  email: string;
  title: string | null;
};

export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  return !!actor && ROLE_PERMISSIONS[actor.role].has(permission);
}

export function assertCan(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}
