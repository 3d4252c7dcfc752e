/**
 * proxy.ts: the session gate in front of every page and API route, and the
 * sliding idle timeout. Tokens are real next-auth JWTs (encrypted with the
 * secret), so these tests exercise the same decode the server runs.
 */
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { proxy } from "@/proxy";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
const COOKIE = "next-auth.session-token";
const now = () => Math.floor(Date.now() / 1000);

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.SESSION_IDLE_MINUTES = "30";
  process.env.SESSION_MAX_HOURS = "12";
});

async function token(claims: Record<string, unknown>, maxAge = 1800) {
  return encode({ token: { sid: "0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11", authTime: now(), ...claims }, secret: SECRET, maxAge });
}

function request(path: string, jwt?: string) {
  return new NextRequest(`http://localhost:3000${path}`, { headers: jwt ? { cookie: `${COOKIE}=${jwt}` } : {} });
}

it("sends an anonymous page visit to sign-in, keeping where it was going", async () => {
  const res = await proxy(request("/patients/abc?tab=runs"));
  expect(res.status).toBe(307);
  const to = new URL(res.headers.get("location")!);
  expect(to.pathname).toBe("/login");
  expect(to.searchParams.get("callbackUrl")).toBe("/patients/abc?tab=runs");
  expect(to.searchParams.get("reason")).toBeNull();
});

it("answers an anonymous API call with 401 JSON", async () => {
  const res = await proxy(request("/api/v1/patients"));
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: "unauthenticated", message: "Sign in required" });
});

it("lets the sign-in page and next-auth's own routes through", async () => {
  for (const path of ["/login", "/api/auth/csrf", "/api/auth/callback/credentials", "/unavailable"]) {
    const res = await proxy(request(path));
    expect(res.headers.get("x-middleware-next")).toBe("1");
  }
});

it("passes a valid session without re-issuing a token issued less than a minute ago", async () => {
  const res = await proxy(request("/patients", await token({})));
  expect(res.headers.get("x-middleware-next")).toBe("1");
  expect(res.cookies.get(COOKIE)).toBeUndefined();
});

it("slides the idle timeout: an older token is re-issued for another 30 minutes", async () => {
  // Issued five minutes ago: only the clock is faked, not timers or promises.
  jest.useFakeTimers({ now: Date.now() - 300_000, doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval", "queueMicrotask"] });
  const old = await token({});
  jest.useRealTimers();
  const res = await proxy(request("/patients", old));
  expect(res.headers.get("x-middleware-next")).toBe("1");
  const fresh = res.cookies.get(COOKIE);
  expect(fresh?.value).toBeTruthy();
  expect(fresh?.value).not.toBe(old);
  expect(fresh?.maxAge).toBe(1800);
  expect(fresh?.httpOnly).toBe(true);
});

it("treats an idle-expired token as signed out, says so, and clears the cookie", async () => {
  const expired = await token({}, -60); // next-auth allows 15 s of clock skew
  const res = await proxy(request("/patients", expired));
  expect(res.status).toBe(307);
  expect(new URL(res.headers.get("location")!).searchParams.get("reason")).toBe("expired");
  expect(res.cookies.get(COOKIE)?.value).toBe("");
  const api = await proxy(request("/api/v1/patients", expired));
  expect(api.status).toBe(401);
  expect((await api.json()).error).toBe("session expired");
});

it("ends a session older than SESSION_MAX_HOURS even when active", async () => {
  const res = await proxy(request("/patients", await token({ authTime: now() - 13 * 3600 })));
  expect(res.status).toBe(307);
});

it("refuses a token signed with another secret", async () => {
  const forged = await encode({
    token: { sid: "x", authTime: now() },
    secret: "another-secret-another-secret-0123456789",
    maxAge: 1800,
  });
  const res = await proxy(request("/api/v1/patients", forged));
  expect(res.status).toBe(401);
});

describe("security headers", () => {
  const scriptSrc = (csp: string | null) => (csp ?? "").split(";").find((d) => d.trim().startsWith("script-src")) ?? "";

  it("puts a fresh script nonce in the policy of every response and hands it to Next.js in the request", async () => {
    const a = await proxy(request("/login"));
    const b = await proxy(request("/login"));
    const nonceA = /'nonce-([^']+)'/.exec(scriptSrc(a.headers.get("content-security-policy")))?.[1];
    const nonceB = /'nonce-([^']+)'/.exec(scriptSrc(b.headers.get("content-security-policy")))?.[1];
    expect(nonceA).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceB).not.toBe(nonceA);
    expect(scriptSrc(a.headers.get("content-security-policy"))).not.toContain("unsafe-inline");
    // NextResponse.next({ request: { headers } }) passes overridden request headers on as x-middleware-request-*.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(a.headers.get("content-security-policy"));
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonceA);
  });

  it("sends no-store on pages, APIs, redirects and 401s alike", async () => {
    for (const res of [
      await proxy(request("/login")),
      await proxy(request("/patients", await token({}))),
      await proxy(request("/patients")),
      await proxy(request("/api/v1/patients")),
    ]) {
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("adds Strict-Transport-Security and the __Secure- cookie only when the app is served over https", async () => {
    expect((await proxy(request("/login"))).headers.get("strict-transport-security")).toBeNull();
    process.env.NEXTAUTH_URL = "https://clinic.example";
    try {
      const res = await proxy(request("/login"));
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      // The plain cookie name is not the session cookie over https: no session.
      expect((await proxy(request("/api/v1/patients", await token({})))).status).toBe(401);
      const secure = new NextRequest("https://clinic.example/api/v1/patients", {
        headers: { cookie: `__Secure-next-auth.session-token=${await token({})}` },
      });
      expect((await proxy(secure)).headers.get("x-middleware-next")).toBe("1");
    } finally {
      delete process.env.NEXTAUTH_URL;
    }
  });
});
