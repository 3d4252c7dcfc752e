/**
 * The fault scenario's clients over real HTTP against `next start`: each
 * signs in through next-auth like the sign-in page does, then calls the
 * same server actions the forms call (saveDraftAction, signAssessmentAction,
 * importRunsAction), the way the browser does: a POST to the form's page
 * with the `Next-Action` header (the action's id from the build's
 * server-reference-manifest.json) and the arguments encoded by React's own
 * Flight client (encodeReply). The answer is a Flight stream whose root row
 * points at the action's result (`0:{"a":"$@1",…}`, then `1:{…}`), followed
 * by the page re-rendered when the action revalidated it; only the result is
 * read (readActionResult).
 *
 * A server action answers 200 with the form's state; a refusal is a state
 * with ok: false and the message the form shows ("The database is not
 * reachable right now. Nothing was saved; …"). API routes answer 503.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DraftInput, Outcome, Transport } from "./scenario";

type ActionState = { ok: boolean; message?: string; data?: unknown; fieldErrors?: Record<string, string> };

type FlightClient = { encodeReply(value: unknown[]): Promise<string | FormData> };

const flight = createRequire(__filename)("next/dist/compiled/react-server-dom-webpack/client.edge") as FlightClient;

/** The rows of a Flight stream by id: `<hex id>:<json>\n`, or `<hex id>:T<hex length>,<text>` for long text. */
function flightRows(body: Buffer): Map<number, string> {
  const rows = new Map<number, string>();
  let i = 0;
  while (i < body.length) {
    const colon = body.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = parseInt(body.subarray(i, colon).toString(), 16);
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, colon);
      const length = parseInt(body.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, body.subarray(comma + 1, comma + 1 + length).toString());
      i = comma + 1 + length;
      continue;
    }
    const end = body.indexOf(0x0a, colon);
    rows.set(id, body.subarray(colon + 1, end < 0 ? body.length : end).toString());
    i = end < 0 ? body.length : end + 1;
  }
  return rows;
}

/** A plain JSON value as Flight wrote it: strings that start with "$" are escaped as "$$". */
function unescapeFlight(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$$") ? value.slice(1) : value;
  if (Array.isArray(value)) return value.map(unescapeFlight);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unescapeFlight(v)]));
  return value;
}

/** The server action's result in its Flight answer (the row the root row's "a" points to). */
export function readActionResult(body: Buffer): ActionState {
  const rows = flightRows(body);
  const root = JSON.parse(rows.get(0) ?? "null") as { a?: unknown } | null;
  const ref = typeof root?.a === "string" ? /^\$@([0-9a-f]+)$/.exec(root.a) : null;
  if (!ref) throw new Error(`not a server action answer: ${body.subarray(0, 200).toString()}`);
  const row = rows.get(parseInt(ref[1]!, 16));
  if (row === undefined || row.startsWith("E")) throw new Error(`the server action failed: ${row?.slice(0, 300) ?? "no result row"}`);
  return unescapeFlight(JSON.parse(row)) as ActionState;
}

/** The messages of lib/actions/state.ts (actionError) that tell the user to try again because the database is down or busy. */
export const REFUSAL = /database is (not reachable|busy)/i;

export type HttpClient = { base: string; cookie: string; cookieName: string; patientId: string; episodeId: string };

/** The ids of the server actions in a build, by exported name. */
export function actionIds(distDir: string): Map<string, string> {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  return new Map(Object.entries(manifest.node).map(([id, v]) => [v.exportedName ?? "", id]));
}

/** Signs in through next-auth's credentials callback; returns the session cookie ("name=value"). */
export async function signIn(base: string, email: string, password: string): Promise<{ cookie: string; cookieName: string }> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const token = res.headers.getSetCookie().find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!token) throw new Error(`signing in as ${email} failed (${res.status})`);
  const cookie = token.split(";")[0]!;
  return { cookie, cookieName: cookie.slice(0, cookie.indexOf("=")) };
}

export function httpTransport(distDir: string): Transport<HttpClient> {
  const ids = actionIds(distDir);
  const id = (name: string) => {
    const found = ids.get(name);
    if (!found) throw new Error(`server action ${name} is not in the build at ${distDir}`);
    return found;
  };

  async function call<T>(
    client: HttpClient,
    action: string,
    page: string,
    args: unknown[],
    ok: (state: ActionState) => T,
  ): Promise<Outcome<T>> {
    const body = await flight.encodeReply(args);
    const res = await fetch(`${client.base}${page}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: client.cookie,
        "Next-Action": id(action),
        Accept: "text/x-component",
        ...(typeof body === "string" ? { "Content-Type": "text/plain;charset=UTF-8" } : {}),
      },
      body,
    });
    // The app slides the idle timeout by re-issuing the cookie.
    const fresh = res.headers.getSetCookie().find((c) => c.startsWith(`${client.cookieName}=`));
    if (fresh) client.cookie = fresh.split(";")[0]!;
    const type = res.headers.get("content-type") ?? "";
    if (res.status !== 200 || !type.includes("text/x-component")) {
      const text = await res.text().catch(() => "");
      return { kind: "error", status: res.status, message: `${action} answered ${res.status} ${type}: ${text.slice(0, 200)}` };
    }
    const state = readActionResult(Buffer.from(await res.arrayBuffer()));
    if (state.ok) return { kind: "ok", data: ok(state) };
    const message = state.message ?? "";
    if (REFUSAL.test(message)) return { kind: "refused", status: res.status, message };
    return { kind: "error", status: res.status, message: `${action}: ${message} ${JSON.stringify(state.fieldErrors ?? {})}` };
  }

  const assessmentPage = (c: HttpClient, assessmentId?: string) =>
    `/patients/${c.patientId}/episodes/${c.episodeId}/assessments/${assessmentId ?? "new?kind=follow_up"}`;

  return {
    saveDraft: (c, input: DraftInput) =>
      call(c, "saveDraftAction", assessmentPage(c, input.assessmentId), [input], (s) => s.data as { id: string; version: number }),
    sign: (c, input) =>
      call(c, "signAssessmentAction", assessmentPage(c, input.assessmentId), [input], (s) => ({
        version: (s.data as { version: number }).version,
      })),
    importRuns: (c, input) => {
      const form = new FormData();
      form.set("patientId", input.patientId);
      form.set("csv", input.csv);
      form.set("confirm", "yes");
      return call(c, "importRunsAction", `/patients/${input.patientId}/runs`, [{ ok: false }, form], (s) => ({
        imported: (s.data as { imported: number }).imported,
      }));
    },
  };
}
