import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { getEnv } from "@/lib/env";

/**
 * Two-factor sign-in: TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1, the
 * defaults every authenticator app understands) through otplib, the QR code
 * to enrol through `qrcode` (an SVG data URL: an <img>, no script or inline
 * style, so the Content-Security-Policy is untouched), and one-time recovery
 * codes. Pure of the database: lib/data/two-factor.ts and lib/data/auth.ts
 * store and check what this module makes.
 *
 * Secrets are stored AES-256-GCM encrypted with TOTP_ENCRYPTION_KEY (or, when
 * unset, a key derived from NEXTAUTH_SECRET), so a copy of the database alone
 * cannot mint codes. Recovery codes carry 60 random bits and are stored as
 * SHA-256 hashes (enough for random codes; a slow hash would make checking
 * ten of them at every recovery sign-in slow for nothing).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** A code of the previous or the next 30-second step is accepted too (clock drift, typing time). */
const TOLERANCE_SECONDS = 30;
const ISSUER = "Knee Clinic";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(accountEmail: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: accountEmail, secret });
}

/** The enrolment QR code as an SVG data URL, for an <img>. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** A code as typed: digits only, spaces allowed ("123 456"); anything else is no code. */
export function normaliseTotp(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step a code belongs to when it is valid for the secret now (within
 * one step either side) and newer than `afterStep`; otherwise null. The caller
 * records the step atomically, so the same code is never accepted twice.
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = normaliseTotp(code);
  if (!token) return null;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
  } catch {
    return null; // malformed secret or step: no code is accepted
  }
}

// ---------------------------------------------------------------- recovery codes

// Crockford's base32 without I, L, O, U: no letter is mistaken for a digit.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Ten fresh codes like "4f7k-9w2m-x0qa" (60 random bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** A code as typed, case and separators ignored; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return code.length === 12 && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(`knee-clinic-recovery:${normalised}`).digest("hex");
}

// ---------------------------------------------------------------- secret encryption

const FORMAT = "v1";

function key(): Buffer {
  const env = getEnv();
  const material = env.TOTP_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  return Buffer.from(hkdfSync("sha256", material, "knee-clinic", "totp-secret-encryption", 32));
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The secret, or null when it cannot be read (another key, or tampered with). */
export function decryptSecret(stored: string): string | null {
  const [format, payload] = stored.split(":");
  if (format !== FORMAT || !payload) return null;
  const raw = Buffer.from(payload, "base64url");
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
