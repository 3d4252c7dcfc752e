/**
 * Response headers that proxy.ts puts on every page and API response (static
 * assets under /_next/static are served without the proxy, with Next's own
 * immutable caching; next.config.js adds the headers that suit them too).
 *
 * - Content-Security-Policy with a fresh nonce per request: scripts only from
 *   this origin or carrying the nonce (Next.js reads it from the request's
 *   CSP header and puts it on its own inline scripts); no 'unsafe-inline' for
 *   scripts, no 'strict-dynamic' (it would trust any script element created at
 *   run time). Styles keep 'unsafe-inline': recharts and React write style
 *   attributes, which nonces cannot cover. Nonces need every page rendered per
 *   request (app/layout.tsx), which a clinical app with per-user data does anyway.
 * - Cache-Control: no-store, because nearly every response carries patient
 *   data or a session: no browser or shared cache keeps a copy.
 * - Strict-Transport-Security when the app is served over https (NEXTAUTH_URL).
 * No imports: it runs in the proxy on every request.
 */
export const NONCE_HEADER = "x-nonce";

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // Development adds eval (React's dev tooling) and the dev server's websocket.
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "Cache-Control": "no-store",
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
