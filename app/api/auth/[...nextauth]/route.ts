import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { appOrigin, authOptions } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { countSignInAttempt } from "@/lib/data/auth";
import { isDatabaseUnavailable } from "@/lib/errors";
import { TOO_MANY_ATTEMPTS, tooManyAttemptsMessage } from "@/lib/sign-in-messages";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * 429 for a client address over SIGNIN_IP_LIMIT, before next-auth runs. The
 * body has the shape next-auth's client expects from a failed sign-in
 * (`url` with `error=`), so `signIn()` reports it as `{ status: 429, error }`.
 */
function tooManyAttempts(req: Request, retryAfterSeconds: number): Response {
  const url = new URL("/login", appOrigin() ?? req.url);
  url.searchParams.set("error", TOO_MANY_ATTEMPTS);
  return NextResponse.json(
    { error: "too many sign-in attempts", message: tooManyAttemptsMessage(retryAfterSeconds / 60), url: url.toString() },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

async function handler(req: Request, ctx: Ctx) {
  // next-auth v4 reads params synchronously; Next 16 passes them as a promise.
  const params = await ctx.params;
  if (req.method === "POST" && params.nextauth.join("/") === "callback/credentials") {
    try {
      const gate = await countSignInAttempt(clientAddress(req.headers));
      if (!gate.allowed) return tooManyAttempts(req, gate.retryAfterSeconds);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return NextResponse.json(
        { error: "service unavailable", message: "The server could not check your sign-in right now. Please try again in a moment." },
        { status: 503, headers: { "Retry-After": "5" } },
      );
    }
  }
  return NextAuth(req as never, { params } as never, authOptions());
}

export { handler as GET, handler as POST };
