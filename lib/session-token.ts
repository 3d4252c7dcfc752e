import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * The session cookie's token, written and read exactly as next-auth's own
 * `encode` / `decode` (next-auth/jwt: a JWE, `dir` + `A256GCM`, with a key
 * derived from NEXTAUTH_SECRET by HKDF-SHA256), except that the derived key
 * is computed once per secret instead of on every call. next-auth derives it
 * again for every request, twice (proxy.ts, then lib/auth.ts): about 4% of
 * the server's CPU under load. Tokens stay interchangeable with next-auth's
 * (tests/unit/app/session-token.test.ts), so next-auth's own routes, which
 * are given these functions too (lib/auth.ts), and a server still running
 * the previous version read them alike.
 */
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const KEYS = new Map<string, Uint8Array>();

function derivedKey(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${typeof secret === "string" ? secret : secret.toString("base64")}\u0000${salt}`;
  let key = KEYS.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    KEYS.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(derivedKey(secret, salt));
}

/** The token's claims; throws when it does not decrypt or has expired (as next-auth's `decode`). */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, derivedKey(secret, salt), { clockTolerance: 15 });
  return payload;
}
