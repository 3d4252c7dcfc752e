import http from "node:http";

/**
 * Without TRUST_PROXY nothing in front of the app vouches for X-Forwarded-For,
 * yet `next start` keeps a header the client sent (it only fills it in when
 * absent). So, as each request arrives and before Next.js sees it, the header
 * is replaced with the TCP peer address: lib/client-address.ts then reads the
 * real client. With TRUST_PROXY the header is left to the proxy.
 *
 * Installed once per process by instrumentation.ts. Requests already queued
 * while the server was starting up are not rewritten; the per-account lockout
 * does not depend on the address at all.
 */
type Request = Pick<http.IncomingMessage, "headers" | "socket">;

export function pinPeerAddress(req: Request): void {
  req.headers["x-forwarded-for"] = req.socket?.remoteAddress ?? "";
}

let installed = false;

export function installPeerAddress(trustProxy: boolean): void {
  if (installed || trustProxy) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...rest: unknown[]) {
    if (event === "request") pinPeerAddress(rest[0] as Request);
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...rest);
  } as typeof emit;
}
