import { NextResponse, type NextRequest } from "next/server";
import { encode, getToken } from "next-auth/jwt";

/**
 * The first gate: every page but sign-in and every /api route but next-auth's
 * needs a session token. Pages redirect to /login, APIs answer 401 JSON.
 * It also slides the idle timeout: the token expires SESSION_IDLE_MINUTES
 * after the last request, and never lives longer than SESSION_MAX_HOURS.
 * This is an optimistic check on the signed token only; pages and handlers
 * still load the user from the database (lib/auth.ts) before any data.
 */
const PUBLIC_PREFIXES = ["/login", "/api/auth/", "/unavailable"];
const REFRESH_AFTER_SECONDS = 60;

function minutesFromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p))) return NextResponse.next();

  const secret = process.env.NEXTAUTH_SECRET;
  const secure = req.nextUrl.protocol === "https:";
  const cookieName = secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const token = secret ? await getToken({ req, secret, secureCookie: secure }) : null;
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
    if (hadCookie) res.cookies.delete(cookieName);
    return res;
  }

  const res = NextResponse.next();
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  if (secret && now - issuedAt > REFRESH_AFTER_SECONDS) {
    const idleSeconds = minutesFromEnv("SESSION_IDLE_MINUTES", 30) * 60;
    const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
    const fresh = await encode({ token: claims, secret, maxAge: idleSeconds });
    res.cookies.set(cookieName, fresh, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: idleSeconds });
  }
  return res;
}

export const config = {
  // Everything except Next's static assets and the run import upload (it authenticates itself
  // with this same gate: the proxy would buffer its body in memory and cut it at 10 MB).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/v1/patients/[^/]+/runs/import$).*)"],
};
