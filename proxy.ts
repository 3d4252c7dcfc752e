import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, newNonce, NONCE_HEADER, securityHeaders } from "@/lib/security-headers";
import { servedOverHttps, sessionCookieName, sessionCookieOptions } from "@/lib/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";

/**
 * The first gate, in front of every page and API route (not static assets):
 *
 * - Security headers on every response (lib/security-headers.ts): a
 *   Content-Security-Policy with a fresh script nonce, which Next.js reads from
 *   the request and puts on its own scripts; Cache-Control: no-store; HSTS
 *   over https.
 * - Every page but sign-in and every /api route but next-auth's needs a
 *   session token: pages redirect to /login, APIs answer 401 JSON.
 * - It slides the idle timeout: the token expires SESSION_IDLE_MINUTES after
 *   the last request, and never lives longer than SESSION_MAX_HOURS.
 *
 * - The runner's links (/r/…, /api/r/…) need no session and never offer
 *   sign-in: each request is counted against the client address
 *   (RUNNER_LINK_LIMIT, in PostgreSQL: the one database statement the proxy
 *   runs) and answered 429 over the limit; their responses send no Referer
 *   and ask not to be indexed.
 *
 * This is an optimistic check on the signed token only; pages and handlers
 * then load the session row and its user from the database (lib/auth.ts), so
 * a session ended on the server (sign-out) is refused there.
 */
const PUBLIC_PREFIXES = ["/login", "/api/auth/", "/unavailable"];

/** The runner-facing routes: /r/{token} pages and the /api/r/{token} answers. */
export function isRunnerPath(pathname: string): boolean {
  return pathname === "/r" || pathname.startsWith("/r/") || pathname === "/api/r" || pathname.startsWith("/api/r/");
}
const REFRESH_AFTER_SECONDS = 60;

function minutesFromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A path whose percent-encoding does not decode (`/patients/%E0%A4%A`): no route can serve it. */
function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const https = servedOverHttps();
  const runner = isRunnerPath(req.nextUrl.pathname);
  const res = runner ? await runnerGate(req, { csp, nonce }) : await sessionGate(req, { csp, nonce, https });
  for (const [name, value] of Object.entries(securityHeaders(csp, https))) res.headers.set(name, value);
  if (runner) {
    res.headers.set("Referrer-Policy", "no-referrer");
    res.headers.set("X-Robots-Tag", "noindex, nofollow");
  }
  return res;
}

/** Next.js takes the nonce from the request's Content-Security-Policy header. */
function passWithNonce(req: NextRequest, csp: string, nonce: string) {
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  headers.set(NONCE_HEADER, nonce);
  return NextResponse.next({ request: { headers } });
}

/** The runner's links: counted per client address, 429 over RUNNER_LINK_LIMIT, 503 when the count cannot be made. */
async function runnerGate(req: NextRequest, { csp, nonce }: { csp: string; nonce: string }) {
  const api = req.nextUrl.pathname.startsWith("/api/");
  const answer = (status: number, error: string, message: string, retryAfter: number) =>
    api
      ? NextResponse.json({ error, message }, { status, headers: { "Retry-After": String(retryAfter) } })
      : new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(retryAfter) } });
  try {
    const { countRunnerLinkRequest } = await import("@/lib/data/throttle");
    const { clientAddress } = await import("@/lib/client-address");
    const gate = await countRunnerLinkRequest(clientAddress(req.headers));
    if (!gate.allowed) {
      const minutes = Math.max(1, Math.ceil(gate.retryAfterSeconds / 60));
      return answer(
        429,
        "too many requests",
        `Too many requests from your network. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        gate.retryAfterSeconds,
      );
    }
  } catch {
    return answer(503, "service unavailable", "This page cannot be shown right now. Please try again in a moment.", 5);
  }
  return passWithNonce(req, csp, nonce);
}

async function sessionGate(req: NextRequest, { csp, nonce, https }: { csp: string; nonce: string; https: boolean }) {
  const { pathname, search } = req.nextUrl;
  const pass = () => passWithNonce(req, csp, nonce);
  if (malformedPath(pathname)) {
    const message = "The address is not valid: it holds a malformed percent-encoding.";
    return pathname.startsWith("/api/")
      ? NextResponse.json({ error: "bad request", message }, { status: 400 })
      : new NextResponse(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (PUBLIC_PREFIXES.some((p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p))) return pass();

  const secret = process.env.NEXTAUTH_SECRET;
  const cookieName = sessionCookieName(https);
  const token = secret ? await getToken({ req, secret, cookieName, decode: decodeSessionToken }) : null;
  const now = Math.floor(Date.now() / 1000);
  const maxAgeSeconds = minutesFromEnv("SESSION_MAX_HOURS", 12) * 3600;
  const authTime = typeof token?.authTime === "number" ? token.authTime : 0;
  const valid = !!token && now - authTime < maxAgeSeconds;

  if (!valid) {
    const hadCookie = req.cookies.has(cookieName);
    if (pathname.startsWith("/api/")) {
      return NextResponse.json(
        { error: hadCookie ? "session expired" : "unauthenticated", message: "Sign in required" },
        { status: 401, headers: { "WWW-Authenticate": 'Cookie realm="knee-clinic"' } },
      );
    }
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", pathname + search);
    if (hadCookie) login.searchParams.set("reason", "expired");
    const res = NextResponse.redirect(login);
    // Same attributes as when it was set (a __Secure- cookie is only replaced by a Secure one).
    if (hadCookie) res.cookies.set(cookieName, "", { ...sessionCookieOptions(https), maxAge: 0 });
    return res;
  }

  const res = pass();
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  if (secret && now - issuedAt > REFRESH_AFTER_SECONDS) {
    const idleSeconds = minutesFromEnv("SESSION_IDLE_MINUTES", 30) * 60;
    const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
    const fresh = await encodeSessionToken({ token: claims, secret, maxAge: idleSeconds });
    res.cookies.set(cookieName, fresh, { ...sessionCookieOptions(https), maxAge: idleSeconds });
  }
  return res;
}

export const config = {
  // Everything except Next's static assets and the run import upload (it authenticates itself
  // with this same gate: the proxy would buffer its body in memory and cut it at 10 MB).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/v1/patients/[^/]+/runs/import$).*)"],
};
