/**
 * A stored document as an HTTP response (lib/data/documents.ts): the stored
 * bytes, their SHA-256 as a strong ETag, and 304 Not Modified when the
 * request's If-None-Match names it. `Cache-Control: private, no-cache`: a
 * browser may keep the file but must ask again (and gets a 304) before using
 * it; shared caches never keep it.
 */
export type ServedDocument = { bytes: Buffer; sha256: string; contentType: string };

export const etagOf = (sha256: string) => `"${sha256}"`;

/** Whether an If-None-Match header value names this ETag (weak or strong, or "*"). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

export function documentResponse(req: Request, doc: ServedDocument, disposition: { filename: string; attachment: boolean }): Response {
  const etag = etagOf(doc.sha256);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const name = disposition.filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(new Uint8Array(doc.bytes), {
    headers: {
      ...headers,
      "Content-Type": doc.contentType,
      "Content-Length": String(doc.bytes.length),
      ...(disposition.attachment ? { "Content-Disposition": `attachment; filename="${name}"` } : {}),
    },
  });
}
