import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing with Argon2id (the @node-rs/argon2 default algorithm) at
 * the OWASP-recommended cost: 19 MiB memory, 2 iterations, 1 lane.
 */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_MIN_LENGTH } from "@/lib/domain/access";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so that a wrong email takes as
// long as a wrong password and the answer does not reveal which one it was.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  return dummyHash;
}
