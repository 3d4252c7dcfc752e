/**
 * Where to go after signing in. A `callbackUrl` is only ever a place in this
 * app: it is parsed as a URL against the app's origin and must stay on it.
 * Backslashes (browsers read `/\evil.example` as `//evil.example`), control
 * characters and whitespace are refused raw and percent-decoded (so
 * `/%5Cevil.example` and `%2F%2Fevil` are refused too), as are
 * protocol-relative `//host` forms, other origins, the sign-in page itself
 * (a loop) and malformed percent-encoding. Anything refused becomes the
 * caseload.
 */
export const AFTER_SIGN_IN = "/patients";

// Raw: no backslash, control character or whitespace at all. Decoded: no
// backslash or control character (an encoded space in a search is fine).
const FORBIDDEN_RAW = /[\\\s\u0000-\u001f\u007f-\u009f]/;
const FORBIDDEN_DECODED = /[\\\u0000-\u001f\u007f-\u009f]/;
// Any origin works for parsing relative paths: only a path on it is returned.
const PARSE_ORIGIN = "http://app.invalid";

function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3 && current.includes("%"); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
    forms.push(current);
  }
  return forms;
}

/**
 * The same-origin path (with query and fragment) `value` names, or AFTER_SIGN_IN.
 * `appOrigin` (e.g. NEXTAUTH_URL's origin) also admits absolute URLs on that
 * origin; `allowSignInPage` admits /login (where sign-out goes).
 */
export function safeCallbackPath(value: unknown, appOrigin?: string, { allowSignInPage = false } = {}): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return AFTER_SIGN_IN;
  const forms = decodedForms(value);
  if (!forms || FORBIDDEN_RAW.test(value) || forms.some((f) => FORBIDDEN_DECODED.test(f) || f.startsWith("//"))) return AFTER_SIGN_IN;

  let origin = PARSE_ORIGIN;
  if (!value.startsWith("/")) {
    if (!appOrigin) return AFTER_SIGN_IN;
    try {
      origin = new URL(appOrigin).origin;
    } catch {
      return AFTER_SIGN_IN;
    }
  }
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return AFTER_SIGN_IN;
  }
  if (url.origin !== origin || url.username || url.password) return AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return AFTER_SIGN_IN;
  if (!allowSignInPage && (url.pathname === "/login" || url.pathname.startsWith("/login/"))) return AFTER_SIGN_IN;
  return path;
}
