/**
 * The per-address limit on sign-in attempts (SIGNIN_IP_LIMIT), kept in
 * PostgreSQL so that every app instance shares it. This file runs with a
 * limit of 3 attempts per 15 minutes (set before anything reads the
 * environment). Over the limit, the sign-in route answers 429 with
 * Retry-After before next-auth runs (app/api/auth/[...nextauth]/route.ts).
 */
process.env.SIGNIN_IP_LIMIT = "3/15";

import { countSignInAttempt, verifyCredentials } from "@/lib/data/auth";
import { TEST_PASSWORD, closeTestDb, createClinic, testDb } from "../helpers/fixtures";

afterAll(closeTestDb);

let n = 0;
/** A fresh documentation-range address per test. */
const newAddress = () => `192.0.2.${++n}`;

it("lets 3 attempts from an address through, refuses the 4th with the seconds left in the window, and leaves other addresses alone", async () => {
  const address = newAddress();
  for (let i = 0; i < 3; i++) expect((await countSignInAttempt(address)).allowed).toBe(true);
  const refused = await countSignInAttempt(address);
  expect(refused.allowed).toBe(false);
  expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  expect((await countSignInAttempt(newAddress())).allowed).toBe(true);
});

it("admits exactly 3 of 20 parallel attempts from one address", async () => {
  const address = newAddress();
  const results = await Promise.all(Array.from({ length: 20 }, () => countSignInAttempt(address)));
  expect(results.filter((r) => r.allowed)).toHaveLength(3);
  expect((await testDb().signInThrottle.findUniqueOrThrow({ where: { address } })).attempts).toBe(20);
});

it("starts a new window once the old one has passed, and deletes ended windows of other addresses", async () => {
  const address = newAddress();
  const stale = newAddress();
  for (let i = 0; i < 4; i++) await countSignInAttempt(address);
  await countSignInAttempt(stale);
  const past = new Date(Date.now() - 16 * 60_000);
  await testDb().signInThrottle.updateMany({ where: { address: { in: [address, stale] } }, data: { windowStart: past } });
  expect((await countSignInAttempt(address)).allowed).toBe(true);
  expect(await testDb().signInThrottle.findUniqueOrThrow({ where: { address } })).toMatchObject({ attempts: 1 });
  expect(await testDb().signInThrottle.findUnique({ where: { address: stale } })).toBeNull();
});

it("gives the attempt back when the sign-in succeeds, so the limit counts failures", async () => {
  const c = await createClinic();
  const address = newAddress();
  for (let i = 0; i < 5; i++) {
    expect((await countSignInAttempt(address)).allowed).toBe(true);
    expect((await verifyCredentials({ email: c.viewer.email, password: TEST_PASSWORD, address })).ok).toBe(true);
  }
  expect(await testDb().signInThrottle.findUniqueOrThrow({ where: { address } })).toMatchObject({ attempts: 0 });
  // Failures are not given back: a password sprayer is stopped after 3, whatever the accounts.
  for (let i = 0; i < 3; i++) {
    expect((await countSignInAttempt(address)).allowed).toBe(true);
    await verifyCredentials({ email: `nobody-${i}@nowhere.example`, password: "guess", address });
  }
  expect((await countSignInAttempt(address)).allowed).toBe(false);
});

it("answers 429 with Retry-After and a clear message from the sign-in route, before next-auth runs", async () => {
  const { POST } = await import("@/app/api/auth/[...nextauth]/route");
  const address = newAddress();
  for (let i = 0; i < 3; i++) await countSignInAttempt(address);
  const res = await POST(
    new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `10.0.0.1, ${address}` },
      body: "email=a%40b.example&password=x&csrfToken=t&json=true",
    }),
    { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
  );
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  const body = await res.json();
  expect(body.message).toBe("Too many failed sign-ins from your network. Try again within 15 minutes.");
  // The shape next-auth's signIn() reads: the error code travels in `url`.
  expect(new URL(body.url).searchParams.get("error")).toBe("TooManyAttempts");
});
