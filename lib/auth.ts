import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { assertCan, can, type Actor, type Permission } from "@/lib/domain/access";
import { getEnv } from "@/lib/env";
import { UnauthenticatedError, isDatabaseUnavailable } from "@/lib/errors";

// ---------------------------------------------------------------- sessions

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

type SessionToken = { uid?: string; sv?: number; authTime?: number };

/** next-auth configuration, built lazily so that `next build` needs no secrets. */
export function authOptions(): NextAuthOptions {
  const env = getEnv();
  const idleSeconds = env.SESSION_IDLE_MINUTES * 60;
  return {
    secret: env.NEXTAUTH_SECRET,
    // The JWT expires after SESSION_IDLE_MINUTES; proxy.ts re-issues it on activity.
    session: { strategy: "jwt", maxAge: idleSeconds, updateAge: 0 },
    jwt: { maxAge: idleSeconds },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { verifyCredentials } = await import("@/lib/data/auth");
          const result = await verifyCredentials(parsed.data.email, parsed.data.password);
          if (!result.ok) return null;
          return { id: result.user.id, sv: result.user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const t = token as typeof token & SessionToken;
        if (user) {
          t.uid = user.id;
          t.sv = (user as { sv?: number }).sv;
          t.authTime = Math.floor(Date.now() / 1000);
        }
        return t;
      },
      async session({ session, token }) {
        const t = token as SessionToken;
        return { ...session, uid: t.uid, sv: t.sv } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const t = token as SessionToken | undefined;
        if (!t?.uid || t.sv === undefined) return;
        const { loadActor, recordSignOut } = await import("@/lib/data/auth");
        const actor = await loadActor(t.uid, t.sv);
        if (actor) await recordSignOut(actor);
      },
    },
  };
}

/**
 * The current user, or null when signed out, deactivated or the session is
 * stale. Memoised per request (React `cache`): the layout and the page of one
 * request share one token decode and one database read.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid || typeof session.sv !== "number") return null;
  const { loadActor } = await import("@/lib/data/auth");
  return loadActor(session.uid, session.sv);
});

/** For pages: the current user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<Actor> {
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (error) {
    // A 503 page rather than an error trace when PostgreSQL is down.
    if (isDatabaseUnavailable(error)) redirect("/unavailable");
    throw error;
  }
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: the current user holding `permission`, else the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireUser();
  if (!can(actor, permission)) forbidden();
  return actor;
}

/** For API routes and server actions: throws instead of redirecting. */
export async function requireApiActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  assertCan(actor, permission);
  return actor;
}
