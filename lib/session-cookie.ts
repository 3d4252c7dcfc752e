/**
 * The one decision about the session cookie, shared by proxy.ts and next-auth
 * (lib/auth.ts): when the app's public URL (NEXTAUTH_URL) is https, cookies
 * are Secure and carry the `__Secure-` prefix, and responses carry
 * Strict-Transport-Security. It depends on configuration only, never on the
 * request, so a TLS-terminating load balancer in front changes nothing.
 * No imports: proxy.ts loads it on every request.
 */
export function servedOverHttps(env: Record<string, string | undefined> = process.env): boolean {
  return (env.NEXTAUTH_URL ?? "").trim().toLowerCase().startsWith("https://");
}

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
}
