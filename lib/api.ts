import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, getSessionUser, requireApiActor } from "@/lib/auth";
import { auditRefusal } from "@/lib/data/audit";
import { type Actor, type Permission } from "@/lib/domain/access";
import { proxy } from "@/proxy";
import {
  ConflictError,
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors";
import { toUserError } from "@/lib/database-errors";

/**
 * The one wrapper every /api/v1 route uses: session and permission first,
 * then the handler; every error becomes a JSON answer with the right status
 * and a message that names the problem, never a stack trace. A refused write
 * (a request that would change records) is recorded in the audit log, with the
 * request's method and path (lib/data/audit.ts `auditRefusal`).
 */
export class PayloadTooLargeError extends Error {
  constructor(public readonly limitBytes: number) {
    super(
      `request body is larger than ${limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / 1024 / 1024)} MB` : `${Math.round(limitBytes / 1024)} kB`}`,
    );
  }
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { req: Request; actor: Actor; params: P }) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await requireApiActor(permission);
      const params = await ctx.params;
      return await handler({ req, actor, params });
    } catch (error) {
      if (writes(permission, req)) await auditApiRefusal(req, error);
      return errorResponse(error);
    }
  };
}

/** A request that would change records: not a read, not the stateless evaluator. */
function writes(permission: Permission, req: Request): boolean {
  return req.method !== "GET" && req.method !== "HEAD" && permission !== "evaluate.run" && !permission.endsWith(".read");
}

async function auditApiRefusal(req: Request, error: unknown): Promise<void> {
  const user = await getSessionUser().catch(() => null);
  if (!user) return;
  const path = new URL(req.url).pathname;
  const patientId = /\/patients\/([0-9a-f-]{36})/i.exec(path)?.[1] ?? null;
  await auditRefusal(user.actor, { attempt: "api.write", error, patientId, request: `${req.method} ${path}` });
}

/**
 * For the few routes left out of proxy.ts's matcher (uploads larger than the
 * proxy would buffer): the proxy's own session gate runs here first, so the
 * same rules hold (401 without a valid session, the idle timeout slid and the
 * refreshed cookie and the security headers passed on), then the user and
 * permission as in apiRoute.
 */
export function apiRouteOutsideProxy<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  const inner = apiRoute(permission, handler);
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    const gate = await proxy(req);
    if (gate.headers.get("x-middleware-next") !== "1") return gate;
    const res = await inner(req, ctx);
    // What the proxy would have put on the response: security headers and a refreshed session cookie.
    for (const [name, value] of gate.headers) {
      if (name.startsWith("x-middleware-")) continue;
      if (name === "set-cookie") res.headers.append(name, value);
      else res.headers.set(name, value);
    }
    return res;
  };
}

export function errorResponse(thrown: unknown): Response {
  const error = toUserError(thrown);
  if (error instanceof UnauthenticatedError)
    return NextResponse.json({ error: "unauthenticated", message: error.message }, { status: 401 });
  if (error instanceof ForbiddenError) return NextResponse.json({ error: "forbidden", message: error.message }, { status: 403 });
  if (error instanceof ValidationError) return NextResponse.json({ error: "invalid input", issues: error.issues }, { status: 400 });
  if (error instanceof NotFoundError) return NextResponse.json({ error: "not found", message: error.message }, { status: 404 });
  if (error instanceof ConflictError)
    return NextResponse.json({ error: "conflict", message: error.message, detail: error.detail ?? null }, { status: 409 });
  if (error instanceof GoneError) return NextResponse.json({ error: "gone", message: error.message }, { status: 410 });
  if (error instanceof PayloadTooLargeError)
    return NextResponse.json({ error: "payload too large", message: error.message }, { status: 413 });
  if (error instanceof DatabaseUnavailableError || error instanceof DatabaseBusyError) {
    return NextResponse.json({ error: "service unavailable", message: error.message }, { status: 503, headers: { "Retry-After": "5" } });
  }
  console.error("Unhandled API error", error);
  return NextResponse.json(
    { error: "internal error", message: "Something went wrong on the server. The error has been logged." },
    { status: 500 },
  );
}

/** The origin the runner's links are made on: NEXTAUTH_URL, else the request's own. */
export function linkOrigin(req: Request): string {
  return appOrigin() ?? new URL(req.url).origin;
}

/**
 * Reads a JSON body of at most `maxBytes`, counting bytes as they arrive.
 * With `optional`, an empty body reads as `{}`.
 */
export async function readJsonBody(req: Request, maxBytes: number, options: { optional?: boolean } = {}): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new PayloadTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === "" && options.optional) return {};
  if (text.trim() === "") throw new ValidationError([{ path: "", message: "Send a JSON document: the request body is empty" }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ path: "", message: `Send valid JSON: ${(e as Error).message}` }]);
  }
}

/** Query parameters as a plain object (last value wins). */
export function queryObject(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}
