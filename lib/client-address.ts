import { isIP } from "node:net";

/**
 * The client address that sign-in attempts are counted against
 * (SIGNIN_IP_LIMIT): the rightmost X-Forwarded-For entry.
 *
 * - TRUST_PROXY set: the app runs behind a reverse proxy or load balancer that
 *   appends the address it saw to X-Forwarded-For; the rightmost entry is that
 *   address (entries further left are whatever the client claimed).
 * - TRUST_PROXY unset: the header is replaced with the TCP peer address as each
 *   request arrives (lib/peer-address.ts, installed by instrumentation.ts), so
 *   a client cannot choose its own address.
 *
 * IPv4-mapped IPv6 addresses are written as IPv4; anything that is not an
 * address (a missing header) counts as "unknown", one shared bucket.
 */
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

export function normaliseAddress(raw: string | undefined): string {
  let value = (raw ?? "").trim();
  if (value.startsWith("[") && value.includes("]"))
    value = value.slice(1, value.indexOf("]")); // [v6]:port
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":")); // v4:port
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value.toLowerCase() : UNKNOWN_ADDRESS;
}

export function clientAddress(headers: HeaderSource): string {
  const entries = (header(headers, "x-forwarded-for") ?? "").split(",");
  return normaliseAddress(entries[entries.length - 1]);
}
