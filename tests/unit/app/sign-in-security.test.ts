/**
 * The pure parts of sign-in security: where a callbackUrl may lead, which
 * client address an attempt counts against, the sign-in texts built from the
 * configured lockout, the new environment variables, and the two-factor
 * building blocks (codes, recovery codes, secret encryption).
 */
import { generate } from "otplib";
import { clientAddress, normaliseAddress } from "@/lib/client-address";
import { pinPeerAddress } from "@/lib/peer-address";
import { AFTER_SIGN_IN, safeCallbackPath } from "@/lib/safe-redirect";
import { servedOverHttps, sessionCookieName } from "@/lib/session-cookie";
import { contentSecurityPolicy } from "@/lib/security-headers";
import { signInFailedMessage, tooManyAttemptsMessage } from "@/lib/sign-in-messages";

describe("safeCallbackPath", () => {
  it.each([
    ["/patients/abc?tab=runs#timeline", "/patients/abc?tab=runs#timeline"],
    ["/referrals?status=draft&q=Ada%20Runner", "/referrals?status=draft&q=Ada%20Runner"],
    ["/patients/../admin", "/admin"],
    ["/", "/"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    ["a backslash", "/\\evil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["a double-encoded backslash", "/%255Cevil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["an encoded protocol-relative URL", "/%2F%2Fevil.example"],
    ["a path that normalises to //", "/.//evil.example"],
    ["a tab", "/\t/evil.example"],
    ["a newline", "/patients\n"],
    ["an encoded control character", "/patients%0d%0aSet-Cookie:x=1"],
    ["a leading space", " /patients"],
    ["another origin", "https://evil.example/patients"],
    ["a scheme", "javascript:alert(1)"],
    ["a data URL", "data:text/html,hi"],
    ["user info", "https://app.example@evil.example/"],
    ["malformed percent-encoding", "/patients/%E0%A4%A"],
    ["the sign-in page (a loop)", "/login?callbackUrl=/patients"],
    ["an empty string", ""],
    ["no value", undefined],
    ["a repeated parameter", ["/patients", "/admin"]],
    ["a very long value", `/${"a".repeat(3000)}`],
  ])("refuses %s and goes to the caseload", (_why, input) => {
    expect(safeCallbackPath(input, "https://app.example")).toBe(AFTER_SIGN_IN);
  });

  it("admits the sign-in page only where asked (sign-out's destination)", () => {
    expect(safeCallbackPath("/login", "https://app.example", { allowSignInPage: true })).toBe("/login");
    expect(safeCallbackPath("https://app.example/login", "https://app.example", { allowSignInPage: true })).toBe("/login");
    expect(safeCallbackPath("//evil.example/login", "https://app.example", { allowSignInPage: true })).toBe(AFTER_SIGN_IN);
  });

  it("accepts an absolute URL on the app's own origin only", () => {
    expect(safeCallbackPath("https://app.example/patients?q=1", "https://app.example")).toBe("/patients?q=1");
    expect(safeCallbackPath("https://app.example/patients", undefined)).toBe(AFTER_SIGN_IN);
    expect(safeCallbackPath("https://app.example.evil.example/patients", "https://app.example")).toBe(AFTER_SIGN_IN);
    expect(safeCallbackPath("http://app.example/patients", "https://app.example")).toBe(AFTER_SIGN_IN);
  });
});

describe("client address", () => {
  it("takes the rightmost X-Forwarded-For entry (the one the trusted proxy appended)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddress({ "x-forwarded-for": ["1.1.1.1", "198.51.100.2"] })).toBe("198.51.100.2");
    expect(clientAddress({ "x-forwarded-for": "2001:DB8::1" })).toBe("2001:db8::1");
  });

  it("normalises ports, brackets and IPv4-mapped IPv6, and files anything else under one 'unknown'", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("203.0.113.5:4711")).toBe("203.0.113.5");
    expect(normaliseAddress("[2001:db8::2]:443")).toBe("2001:db8::2");
    expect(normaliseAddress("not an address")).toBe("unknown");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("without a trusted proxy, replaces whatever X-Forwarded-For the client sent with the TCP peer", () => {
    const req = { headers: { "x-forwarded-for": "203.0.113.99" }, socket: { remoteAddress: "::ffff:192.0.2.1" } };
    pinPeerAddress(req as never);
    expect(clientAddress(req.headers)).toBe("192.0.2.1");
  });
});

describe("sign-in texts", () => {
  it("states the configured lockout, not the defaults", () => {
    expect(signInFailedMessage({ threshold: 3, minutes: 30 })).toBe(
      "Sign-in failed. Check your email and password. After 3 failed attempts the account is locked for 30 minutes.",
    );
    expect(signInFailedMessage({ threshold: 1, minutes: 1 }, true)).toBe(
      "Sign-in failed. Check your email, password and code. After 1 failed attempt the account is locked for 1 minute.",
    );
    expect(tooManyAttemptsMessage(14.2)).toBe("Too many failed sign-ins from your network. Try again within 15 minutes.");
  });
});

describe("cookie and policy decisions", () => {
  it("uses Secure __Secure- cookies exactly when the public URL is https", () => {
    expect(servedOverHttps({ NEXTAUTH_URL: "https://clinic.example" })).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(servedOverHttps({})).toBe(false);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });

  it("keeps eval out of production and 'unsafe-inline' out of script-src everywhere", () => {
    const prod = contentSecurityPolicy("abc", false);
    expect(prod).toContain("script-src 'self' 'nonce-abc';");
    expect(prod).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("abc", true)).toContain("script-src 'self' 'nonce-abc' 'unsafe-eval';");
  });
});

describe("environment", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.DATABASE_URL = "postgres://u@h:5432/db";
    process.env.NEXTAUTH_SECRET = "x".repeat(32);
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.resetModules();
  });

  it("reads TRUST_PROXY, SIGNIN_IP_LIMIT and TOTP_ENCRYPTION_KEY with their defaults", async () => {
    delete process.env.TRUST_PROXY;
    delete process.env.SIGNIN_IP_LIMIT;
    delete process.env.TOTP_ENCRYPTION_KEY;
    const { getEnv } = await import("@/lib/env");
    expect(getEnv()).toMatchObject({ TRUST_PROXY: false, SIGNIN_IP_LIMIT: { attempts: 30, minutes: 15 } });
    expect(getEnv().TOTP_ENCRYPTION_KEY).toBeUndefined();
  });

  it("parses set values", async () => {
    process.env.TRUST_PROXY = "true";
    process.env.SIGNIN_IP_LIMIT = " 100 / 5 ";
    const { getEnv } = await import("@/lib/env");
    expect(getEnv()).toMatchObject({ TRUST_PROXY: true, SIGNIN_IP_LIMIT: { attempts: 100, minutes: 5 } });
  });

  it("names each malformed one", async () => {
    process.env.TRUST_PROXY = "maybe";
    process.env.SIGNIN_IP_LIMIT = "30 per 15";
    process.env.TOTP_ENCRYPTION_KEY = "short";
    const { getEnv } = await import("@/lib/env");
    expect(() => getEnv()).toThrow(/TRUST_PROXY: TRUST_PROXY must be 1 or 0/);
    expect(() => getEnv()).toThrow(/SIGNIN_IP_LIMIT: SIGNIN_IP_LIMIT must be "attempts\/minutes"/);
    expect(() => getEnv()).toThrow(/TOTP_ENCRYPTION_KEY: TOTP_ENCRYPTION_KEY must be at least 32 characters/);
    process.env.TRUST_PROXY = "1";
    process.env.SIGNIN_IP_LIMIT = "0/15";
    delete process.env.TOTP_ENCRYPTION_KEY;
    jest.resetModules();
    const again = await import("@/lib/env");
    expect(() => again.getEnv()).toThrow(/attempts from 1 to 100000/);
  });
});

describe("two-factor building blocks", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.DATABASE_URL = "postgres://u@h:5432/db";
    process.env.NEXTAUTH_SECRET = "y".repeat(32);
    delete process.env.TOTP_ENCRYPTION_KEY;
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.resetModules();
  });

  it("accepts a code of this, the previous or the next step, only newer than the last step used", async () => {
    const tf = await import("@/lib/two-factor");
    const secret = tf.newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    const step = await tf.verifyTotp(secret, await generate({ secret, epoch: now }), null);
    expect(step).toBe(Math.floor(now / 30));
    expect(await tf.verifyTotp(secret, await generate({ secret, epoch: now + 30 }), null)).toBe(step! + 1);
    expect(await tf.verifyTotp(secret, await generate({ secret, epoch: now - 120 }), null)).toBeNull();
    expect(await tf.verifyTotp(secret, await generate({ secret, epoch: now }), step)).toBeNull();
    expect(await tf.verifyTotp(secret, "12 34 5", null)).toBeNull();
    expect(await tf.verifyTotp(secret, "abcdef", null)).toBeNull();
    const spaced = await generate({ secret, epoch: now });
    expect(await tf.verifyTotp(secret, `${spaced.slice(0, 3)} ${spaced.slice(3)}`, null)).toBe(step);
  });

  it("encrypts secrets so that only the same key reads them, and detects tampering", async () => {
    const tf = await import("@/lib/two-factor");
    const stored = tf.encryptSecret("JBSWY3DPEHPK3PXP");
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain("JBSWY3DPEHPK3PXP");
    expect(tf.encryptSecret("JBSWY3DPEHPK3PXP")).not.toBe(stored); // a fresh IV each time
    expect(tf.decryptSecret(stored)).toBe("JBSWY3DPEHPK3PXP");
    // One bit of the ciphertext flipped (editing a base64 character could change only padding bits).
    const raw = Buffer.from(stored.slice("v1:".length), "base64url");
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0x01, raw.length - 1);
    const tampered = `v1:${raw.toString("base64url")}`;
    expect(tampered).not.toBe(stored);
    expect(tf.decryptSecret(tampered)).toBeNull();
    expect(tf.decryptSecret("plain-text")).toBeNull();
    process.env.TOTP_ENCRYPTION_KEY = "z".repeat(40);
    jest.resetModules();
    const otherKey = await import("@/lib/two-factor");
    expect(otherKey.decryptSecret(stored)).toBeNull();
  });

  it("makes ten distinct recovery codes and reads them back however they are typed", async () => {
    const tf = await import("@/lib/two-factor");
    const codes = tf.newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const code = codes[0]!;
    expect(tf.normaliseRecoveryCode(` ${code.toUpperCase().replaceAll("-", " ")} `)).toBe(code.replaceAll("-", ""));
    expect(tf.normaliseRecoveryCode("too-short")).toBeNull();
    expect(tf.normaliseRecoveryCode("iiii-llll-oooo")).toBeNull(); // letters the codes never use
    expect(tf.hashRecoveryCode(code.replaceAll("-", ""))).toMatch(/^[0-9a-f]{64}$/);
  });
});
