import { createHash, randomBytes } from "node:crypto";

/**
 * The tokens of the runner's links (`/r/{token}`). A token is
 *
 *   kind (1 character: "q" a questionnaire request, "d" a diary link)
 *   + the clinic's id (16 bytes, base64url: 22 characters)
 *   + a secret of 32 random bytes (256 bits, base64url: 43 characters)
 *
 * and only its SHA-256 is stored (`tokenHash`). The clinic id lets every
 * look-up be clinic-scoped like any other query (`WHERE "clinicId" = $1 AND
 * "tokenHash" = $2`: one shard on a distributed PostgreSQL, see
 * docs/scale-out.md); it is not secret, and identifies no runner. Anything
 * that does not have exactly this form is not a token (a 404 without a query).
 */
export type RunnerLinkKind = "questionnaire" | "diary";

const KIND_PREFIX: Record<RunnerLinkKind, string> = { questionnaire: "q", diary: "d" };
const SECRET_BYTES = 32;
const TOKEN = /^([qd])([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{43})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ParsedToken = { kind: RunnerLinkKind; clinicId: string; hash: string };

function uuidToBase64url(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ""), "hex").toString("base64url");
}

function base64urlToUuid(text: string): string | null {
  const hex = Buffer.from(text, "base64url").toString("hex");
  if (hex.length !== 32 || Buffer.from(hex, "hex").toString("base64url") !== text) return null;
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(uuid) ? uuid : null;
}

/** SHA-256 of the whole token, hex: what is stored and looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token for a link of `kind` in `clinicId`, and its hash. */
export function newRunnerToken(kind: RunnerLinkKind, clinicId: string): { token: string; hash: string } {
  const token = KIND_PREFIX[kind] + uuidToBase64url(clinicId) + randomBytes(SECRET_BYTES).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** The kind, clinic and hash of a token; null for anything that is not one. */
export function parseRunnerToken(token: unknown): ParsedToken | null {
  if (typeof token !== "string") return null;
  const m = TOKEN.exec(token);
  if (!m) return null;
  const clinicId = base64urlToUuid(m[2]!);
  if (!clinicId) return null;
  // The secret must decode to exactly 32 bytes and re-encode to itself (no second spelling of one token).
  if (Buffer.from(m[3]!, "base64url").toString("base64url") !== m[3]) return null;
  return { kind: m[1] === "q" ? "questionnaire" : "diary", clinicId, hash: hashToken(token) };
}

/** The runner's link on the app's origin. */
export function runnerLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, "")}/r/${token}`;
}

/** The token of a link this app made (an absolute URL or a path), or null. */
export function tokenOfUrl(url: string): string | null {
  const m = /\/r\/([^/?#]+)$/.exec(url.trim());
  return m && parseRunnerToken(m[1]) ? m[1]! : null;
}
