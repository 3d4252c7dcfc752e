/**
 * The runner's page talking to /api/r/{token}: the answer's status and JSON,
 * status 0 when the server could not be reached, and the refusal in plain
 * words (the server's own message when it gives one).
 */
export type LinkResult = { ok: true; json: unknown } | { ok: false; status: number; json: unknown };

export async function callLink(token: string, method: "PUT" | "POST", body: unknown, path = ""): Promise<LinkResult> {
  try {
    const res = await fetch(`/api/r/${token}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    const json = await res.json().catch(() => null);
    return res.ok ? { ok: true, json } : { ok: false, status: res.status, json };
  } catch {
    return { ok: false, status: 0, json: null };
  }
}

/** Why a call was refused, for the runner; `kept` says what stays on screen ("your answers"). */
export function refusalMessage(r: Extract<LinkResult, { ok: false }>, kept: string): string {
  const m = r.json && typeof r.json === "object" && "message" in r.json && typeof r.json.message === "string" ? r.json.message : null;
  if (r.status === 0) return `We could not reach your clinic's server. Check your connection and try again: ${kept} still here.`;
  if (r.status === 429) return m ?? "Too many tries from your network. Please wait a few minutes and try again.";
  return m ?? `Something went wrong. ${kept[0]!.toUpperCase()}${kept.slice(1)} still here: please try again in a moment.`;
}

/** The issues of a 400, by path ("" as "form"). */
export function issuesOf(json: unknown): Record<string, string> {
  const issues = (json as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path || "form"] ??= i.message;
  return out;
}
