/**
 * The limit on requests to the runner's links (RUNNER_LINK_LIMIT), kept in
 * PostgreSQL so that every app instance shares it. This file runs with a
 * limit of 3 requests per 15 minutes. proxy.ts counts every request to /r/…
 * and /api/r/… against the client address before anything else runs, and
 * answers 429 with Retry-After over the limit (a page in plain text, the API
 * in JSON), without asking for a session.
 */
process.env.RUNNER_LINK_LIMIT = "3/15";

import { NextRequest } from "next/server";
import { countRunnerLinkRequest } from "@/lib/data/throttle";
import { proxy } from "@/proxy";
import { closeTestDb, testDb } from "../helpers/fixtures";

afterAll(closeTestDb);

let n = 0;
/** A fresh documentation-range address per test. */
const newAddress = () => `198.51.100.${++n}`;
const TOKEN = `q${"A".repeat(65)}`;

const request = (path: string, address: string, method = "GET") =>
  new NextRequest(`http://localhost:3000${path}`, { method, headers: { "x-forwarded-for": address } });

it("lets 3 requests from an address through to pages and the API alike, answers the 4th with 429 and Retry-After, and leaves other addresses alone", async () => {
  const address = newAddress();
  for (const path of [`/r/${TOKEN}`, `/api/r/${TOKEN}`, `/r/${TOKEN}`]) {
    const res = await proxy(request(path, address));
    expect(res.headers.get("x-middleware-next")).toBe("1"); // through, no session asked
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  }
  const page = await proxy(request(`/r/${TOKEN}`, address));
  expect(page.status).toBe(429);
  expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  expect(await page.text()).toBe("Too many requests from your network. Please try again in 15 minutes.");
  const api = await proxy(request(`/api/r/${TOKEN}`, address, "POST"));
  expect(api.status).toBe(429);
  expect(await api.json()).toEqual({
    error: "too many requests",
    message: "Too many requests from your network. Please try again in 15 minutes.",
  });
  expect((await proxy(request(`/r/${TOKEN}`, newAddress()))).headers.get("x-middleware-next")).toBe("1");
});

it("admits exactly 3 of 20 parallel requests from one address", async () => {
  const address = newAddress();
  const results = await Promise.all(Array.from({ length: 20 }, () => proxy(request(`/api/r/${TOKEN}`, address, "PUT"))));
  expect(results.filter((r) => r.status === 429)).toHaveLength(17);
  expect((await testDb().runnerLinkThrottle.findUniqueOrThrow({ where: { address } })).attempts).toBe(20);
});

it("starts a new window once the old one has passed", async () => {
  const address = newAddress();
  for (let i = 0; i < 4; i++) await countRunnerLinkRequest(address);
  expect((await countRunnerLinkRequest(address)).allowed).toBe(false);
  await testDb().runnerLinkThrottle.update({ where: { address }, data: { windowStart: new Date(Date.now() - 16 * 60_000) } });
  expect((await countRunnerLinkRequest(address)).allowed).toBe(true);
});

it("does not count sign-in or the clinic's pages, and never asks for a session on the runner's routes", async () => {
  const address = newAddress();
  for (let i = 0; i < 5; i++) await proxy(request("/patients", address));
  expect(await testDb().runnerLinkThrottle.findUnique({ where: { address } })).toBeNull();
  const res = await proxy(request("/r", address));
  expect(res.status).not.toBe(307); // no redirect to sign-in
  expect(res.headers.get("location")).toBeNull();
});
