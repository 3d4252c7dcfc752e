import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { clientAddress } from "@/lib/client-address";
import type { SessionUser } from "@/lib/data/auth";
import { assertCan, can, type Actor, type Permission } from "@/lib/domain/access";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { SECOND_FACTOR_REQUIRED } from "@/lib/sign-in-messages";
import { servedOverHttps, sessionCookieName, sessionCookieOptions } from "@/lib/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";
import { ForbiddenError, UnauthenticatedError, isDatabaseUnavailable } from "@/lib/errors";

// ---------------------------------------------------------------- sessions

/**
 * What the credentials sign-in accepts. A malformed field fails like a wrong
 * password (the answer never says which part was wrong).
 */
const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  totp: z.string().max(20).optional(),
  recoveryCode: z.string().max(40).optional(),
});

const SESSION_ENDED = "session ended on the server";

/**
 * The session token (a next-auth JWT in the cookie) carries the id of a
 * Session row and the time of sign-in; everything else is read from the
 * database on every request.
 */
type SessionToken = { sid?: string; authTime?: number };

/** next-auth configuration, built lazily so that `next build` needs no secrets. */
export function authOptions(): NextAuthOptions {
  const env = getEnv();
  const idleSeconds = env.SESSION_IDLE_MINUTES * 60;
  const secure = servedOverHttps();
  return {
    secret: env.NEXTAUTH_SECRET,
    // The JWT expires after SESSION_IDLE_MINUTES; proxy.ts re-issues it on activity.
    session: { strategy: "jwt", maxAge: idleSeconds, updateAge: 0 },
    // The same token format as next-auth's own, with its derived key computed once (lib/session-token.ts).
    jwt: { maxAge: idleSeconds, encode: encodeSessionToken, decode: decodeSessionToken },
    // The same cookie name and attributes as proxy.ts (lib/session-cookie.ts).
    useSecureCookies: secure,
    cookies: { sessionToken: { name: sessionCookieName(secure), options: sessionCookieOptions(secure) } },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          totp: { label: "Authentication code", type: "text" },
          recoveryCode: { label: "Recovery code", type: "text" },
        },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { verifyCredentials } = await import("@/lib/data/auth");
          const result = await verifyCredentials({ ...parsed.data, address: clientAddress(req.headers ?? {}) });
          if (result.ok) return { id: result.userId, sid: result.sessionId };
          if (result.reason === "second_factor_required") throw new Error(SECOND_FACTOR_REQUIRED);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const t = token as typeof token & SessionToken;
        if (user) {
          t.sid = (user as { sid?: string }).sid;
          t.authTime = Math.floor(Date.now() / 1000);
          return t;
        }
        // next-auth's own /api/auth/session: the same checks as every page.
        // Throwing makes next-auth answer "no session" and clear the cookie.
        const withinLimit = typeof t.authTime === "number" && Date.now() / 1000 - t.authTime < env.SESSION_MAX_HOURS * 3600;
        const { loadSession } = await import("@/lib/data/auth");
        if (!withinLimit || !t.sid || !(await loadSession(t.sid))) throw new Error(SESSION_ENDED);
        return t;
      },
      async session({ session }) {
        return { expires: session.expires } as typeof session;
      },
      // Sign-in and sign-out destinations: only places in this app (sign-out goes to /login).
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl, { allowSignInPage: true })}`;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as SessionToken | undefined)?.sid;
        if (!sid) return;
        const { endSession } = await import("@/lib/data/auth");
        await endSession(sid, "sign_out");
      },
    },
    logger: {
      // A session ended on the server is an answer, not an error worth a stack trace.
      error(code, metadata) {
        const message = (metadata as { message?: unknown } | undefined)?.message;
        if (code === "JWT_SESSION_ERROR" && message === SESSION_ENDED) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}

/** The app's own origin (NEXTAUTH_URL), for callbackUrl checks; undefined when not configured. */
export function appOrigin(): string | undefined {
  const url = getEnv().NEXTAUTH_URL;
  return url ? new URL(url).origin : undefined;
}

/**
 * The current session and user, or null when signed out, the session was
 * ended on the server, expired, or the user was deactivated or changed.
 * Memoised per request (React `cache`): the layout and the page of one request
 * share one token decode and one database read.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const env = getEnv();
  const value = (await cookies()).get(sessionCookieName(servedOverHttps()))?.value;
  if (!value) return null;
  const token = (await decodeSessionToken({ token: value, secret: env.NEXTAUTH_SECRET }).catch(() => null)) as SessionToken | null;
  if (!token?.sid) return null;
  const { loadSession } = await import("@/lib/data/auth");
  return loadSession(token.sid);
});

/** Staff whose clinic requires two-factor sign-in must enrol before anything else. */
export function mustEnrolTwoFactor(user: SessionUser): boolean {
  return user.twoFactor.required && !user.twoFactor.enrolled;
}

export const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

/** The current user (null when signed out). */
export async function getActor(): Promise<Actor | null> {
  return (await getSessionUser())?.actor ?? null;
}

async function sessionOrUnavailable(): Promise<SessionUser | null> {
  try {
    return await getSessionUser();
  } catch (error) {
    // A 503 page rather than an error trace when PostgreSQL is down.
    if (isDatabaseUnavailable(error)) redirect("/unavailable");
    throw error;
  }
}

/**
 * For pages: the current user, or a redirect to the sign-in page; a user who
 * still has to set up two-factor sign-in is sent there first.
 */
export async function requireUser(): Promise<Actor> {
  const user = await sessionOrUnavailable();
  if (!user) redirect("/login");
  if (mustEnrolTwoFactor(user)) redirect(TWO_FACTOR_SETUP_PATH);
  return user.actor;
}

/** For the two-factor setup page and its actions: any signed-in user, enrolled or not. */
export async function requireSignedIn(): Promise<SessionUser> {
  const user = await sessionOrUnavailable();
  if (!user) redirect("/login");
  return user;
}

/** For pages: the current user holding `permission`, else the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireUser();
  if (!can(actor, permission)) forbidden();
  return actor;
}

/** For API routes and server actions: throws instead of redirecting. */
export async function requireApiActor(permission: Permission): Promise<Actor> {
  const user = await getSessionUser();
  if (!user) throw new UnauthenticatedError();
  if (mustEnrolTwoFactor(user))
    throw new ForbiddenError(`Your clinic requires two-factor sign-in: set it up at ${TWO_FACTOR_SETUP_PATH} first.`);
  assertCan(user.actor, permission);
  return user.actor;
}
