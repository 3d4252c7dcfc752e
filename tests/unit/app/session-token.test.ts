/**
 * lib/session-token.ts: next-auth's session token format with the derived
 * key computed once. Its tokens and next-auth's own must read alike both
 * ways, and a wrong secret, a tampered token or an expired one must fail as
 * next-auth's `decode` fails.
 */
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
const claims = { sid: "0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11", authTime: 1_790_000_000 };

it("reads a token next-auth wrote, and next-auth reads one it wrote", async () => {
  const theirs = await encode({ token: claims, secret: SECRET, maxAge: 1800 });
  expect(await decodeSessionToken({ token: theirs, secret: SECRET })).toMatchObject(claims);
  const ours = await encodeSessionToken({ token: claims, secret: SECRET, maxAge: 1800 });
  const read = await decode({ token: ours, secret: SECRET });
  expect(read).toMatchObject(claims);
  expect(typeof read?.jti).toBe("string");
  expect(Number(read?.exp) - Number(read?.iat)).toBe(1800);
});

it("keeps next-auth's salted keys apart from the session key", async () => {
  const salted = await encode({ token: claims, secret: SECRET, salt: "other" });
  await expect(decodeSessionToken({ token: salted, secret: SECRET })).rejects.toThrow();
  expect(await decodeSessionToken({ token: salted, secret: SECRET, salt: "other" })).toMatchObject(claims);
});

it("refuses a token made with another secret, a tampered one and an expired one", async () => {
  const ours = await encodeSessionToken({ token: claims, secret: SECRET });
  await expect(decodeSessionToken({ token: ours, secret: `${SECRET}-rotated` })).rejects.toThrow();
  const [header, key, iv, body, tag] = ours.split(".");
  const flipped = `${body!.slice(0, -2)}${body!.endsWith("A") ? "B" : "A"}${body!.slice(-1)}`;
  await expect(decodeSessionToken({ token: [header, key, iv, flipped, tag].join("."), secret: SECRET })).rejects.toThrow();
  // Expired a minute ago, beyond next-auth's 15 s of clock tolerance.
  const expired = await encodeSessionToken({ token: claims, secret: SECRET, maxAge: -60 });
  await expect(decodeSessionToken({ token: expired, secret: SECRET })).rejects.toThrow();
  expect(await decodeSessionToken({ token: undefined, secret: SECRET })).toBeNull();
});
