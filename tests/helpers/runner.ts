/**
 * The runner's side in tests: complete answers to any set of instruments,
 * and calls of the /api/r/{token} handlers as an HTTP client would make them.
 */
import { KOOS_ITEM_IDS } from "@/lib/clinical/input";
import type { Instrument } from "@/lib/domain/runner";
import { RUNNER_SCREEN_QUESTIONS } from "@/lib/questions";

/** Every question of `instruments` answered; screen questions "no" except those named in `yes`. */
export function completeAnswers(instruments: readonly Instrument[], options: { yes?: string[]; psfs?: string[] } = {}) {
  const measures: Record<string, unknown> = {};
  const symptoms: Record<string, unknown> = {};
  const history: Record<string, unknown> = {};
  if (instruments.includes("pain")) Object.assign(symptoms, { painNow: 4, painWorstWeek: 6, painDuringRun: 5 });
  if (instruments.includes("koos")) measures.koos = Object.fromEntries(KOOS_ITEM_IDS.map((id, i) => [id, i % 5]));
  if (instruments.includes("lefs")) measures.lefs = Array.from({ length: 20 }, (_, i) => i % 5);
  if (instruments.includes("psfs")) measures.psfs = (options.psfs ?? ["Running 10 km"]).map((activity, i) => ({ activity, score: 3 + i }));
  if (instruments.includes("tegner")) measures.tegner = 6;
  if (instruments.includes("screen"))
    for (const q of RUNNER_SCREEN_QUESTIONS) {
      const [section, key] = q.path.split(".") as [string, string];
      const value = q.kind === "yesno" ? (options.yes ?? []).includes(q.path) : 0;
      (section === "history" ? history : symptoms)[key] = value;
    }
  const out: Record<string, unknown> = {};
  if (Object.keys(measures).length) out.measures = measures;
  if (Object.keys(symptoms).length) out.symptoms = symptoms;
  if (Object.keys(history).length) out.history = history;
  return out;
}

/** The token of a link URL. */
export const tokenOf = (url: string) => url.slice(url.indexOf("/r/") + 3);

type Method = "GET" | "PUT" | "POST";

/** Calls the /api/r/[...token] route handler like an HTTP client. */
export async function callRunnerApi(method: Method, token: string, body?: unknown, raw?: string) {
  const route = await import("@/app/api/r/[...token]/route");
  const req = new Request(`http://localhost:3000/api/r/${token}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: method === "GET" ? undefined : (raw ?? JSON.stringify(body)),
  });
  const res = await route[method](req, { params: Promise.resolve({ token: token.split("/") }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
