/**
 * `npm run bench:http`: load test of a running Knee Clinic (`next start`)
 * filled by `npm run synth:generate`. Signs in as the synthetic clinician,
 * finds a runner with many assessments, a deep caseload page (page ~1000 by
 * name, by following the app's own "Next page" cursors) and a signed
 * referral, then drives each target with N concurrent keep-alive clients
 * for a fixed time and prints requests/s, p50/p95/p99 latency and errors,
 * with each target's throughput and median latency as a ratio to the
 * database-free page (/about) measured in the same run (before and after the others; the
 * mean of the two is the baseline; with BENCH_PAIRED also between targets, each target then
 * compared with the runs just before and after it) and, with BENCH_SERVER_PID, the app's CPU
 * per request as a ratio to the static page's, which depends far less on what else the
 * machine is doing. Ends with a markdown table.
 *
 * Targets: /about (no database; rendered per request like every page), /patients (caseload page 1), the deep page by
 * name, /patients?urgency=flagged, the runner's page /patients/{id}, GET /api/v1/patients/{id}/timeline,
 * GET /api/v1/patients/{id}, GET /api/v1/patients (the directory's first
 * page), the referral's /pdf and /fhir exports, the Outcomes page and
 * GET /api/v1/analytics/outcomes (whole clinic, last 12 months; and by month).
 *
 *   BENCH_PASSWORD=... npm run bench:http
 *
 * Environment:
 *   BENCH_BASE_URL     default http://localhost:3000
 *   BENCH_EMAIL        default clinician@synthetic-large-clinic.example
 *   BENCH_PASSWORD     the clinician's password (printed by synth:generate); required
 *   BENCH_CONCURRENCY  clients per target, default 20
 *   BENCH_DURATION     seconds measured per target, default 15
 *   BENCH_WARMUP       seconds of unmeasured warm-up per target, default 3
 *   BENCH_DEEP_PAGE    caseload page (25 rows a page) for the deep target, default 1000
 *   BENCH_ONLY         comma-separated target names to run (default: all)
 *   BENCH_PAIRED       1: also measure the static page between targets, and compare each target with
 *                      the static runs just before and after it (for a machine whose load changes)
 *   BENCH_JSON         also write the results to this file as JSON
 *   BENCH_SERVER_PID   (Linux, same machine) pid of the next-server process: adds its CPU ms per request
 *   BENCH_PG_DATABASE  (Linux, same machine) database name: adds the CPU ms per request of the
 *                      PostgreSQL backends serving it (found by their process title)
 *
 * Uses node:http with a keep-alive agent (one socket per client); no
 * dependency beyond Node. Every request is a real, audited request: the
 * timeline, patient and export targets add AuditEvent rows.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";

const BASE = (process.env.BENCH_BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const EMAIL = process.env.BENCH_EMAIL ?? "clinician@synthetic-large-clinic.example";
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const CONCURRENCY = intEnv("BENCH_CONCURRENCY", 20);
const DURATION_S = intEnv("BENCH_DURATION", 15);
const WARMUP_S = intEnv("BENCH_WARMUP", 3);
const DEEP_PAGE = intEnv("BENCH_DEEP_PAGE", 1000);
const PAIRED = process.env.BENCH_PAIRED === "1";
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

const SERVER_PID = process.env.BENCH_SERVER_PID ? Number(process.env.BENCH_SERVER_PID) : null;
const PG_DATABASE = process.env.BENCH_PG_DATABASE ?? null;

const base = new URL(BASE);
const client = base.protocol === "https:" ? https : http;
const agent = new client.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
const COOKIE_NAME = base.protocol === "https:" ? "__Secure-next-auth.session-token" : "next-auth.session-token";

/** The session cookie; replaced when the app slides the idle timeout (proxy.ts re-issues it). */
let cookie = "";

type Reply = { status: number; body: Buffer; size: number; headers: http.IncomingHttpHeaders };

function request(
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; keepBody?: boolean } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = client.request(
      new URL(path, BASE),
      { method: opts.method ?? "GET", agent, headers: { ...(cookie ? { Cookie: cookie } : {}), ...(opts.headers ?? {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (opts.keepBody !== false) chunks.push(c);
        });
        res.on("end", () => {
          const fresh = res.headers["set-cookie"]?.find((c) => c.startsWith(`${COOKIE_NAME}=`));
          if (fresh && cookie) cookie = fresh.split(";")[0]!;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), size, headers: res.headers });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (opts.body) req.end(opts.body);
    else req.end();
  });
}

async function getOk(path: string): Promise<Reply> {
  const r = await request(path);
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}${r.headers.location ? ` (to ${r.headers.location})` : ""}`);
  return r;
}

// ---------------------------------------------------------------- sign-in and discovery

async function signIn(): Promise<void> {
  if (!PASSWORD) throw new Error("BENCH_PASSWORD is not set: use the password synth:generate printed (or SYNTH_PASSWORD you gave it)");
  const csrf = await request("/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: is the app running at ${BASE}?`);
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const csrfCookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const res = await request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: "true" }).toString(),
  });
  const token = res.headers["set-cookie"]?.find((c) => c.startsWith(`${COOKIE_NAME}=`));
  if (!token) throw new Error(`sign-in of ${EMAIL} failed (${res.status}): wrong password, or the account is locked`);
  cookie = token.split(";")[0]!;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function nextCursor(html: string): string | null {
  const m = /href="(\/patients\?[^"]*cursor=[^"]*)"/.exec(html);
  if (!m) return null;
  return new URL(m[1]!.replaceAll("&amp;", "&"), BASE).searchParams.get("cursor");
}

type Discovered = {
  patientId: string;
  assessments: number;
  runs: number;
  deepCursor: string;
  deepRows: number;
  referralId: string;
  walkMs: number;
  walkPages: number;
};

async function discover(): Promise<Discovered> {
  // A runner with many assessments, among those on the first caseload page.
  const page1 = (await getOk("/patients")).body.toString();
  const ids = [...new Set([...page1.matchAll(new RegExp(`href="/patients/(${UUID})"`, "g"))].map((m) => m[1]!))];
  if (ids.length === 0) throw new Error("the caseload page lists no runner: is this the synthetic clinic?");
  let best = { id: ids[0]!, assessments: -1 };
  for (const id of ids) {
    const rec = JSON.parse((await getOk(`/api/v1/patients/${id}`)).body.toString()) as { episodes: { assessments: unknown[] }[] };
    const n = rec.episodes.reduce((a, e) => a + e.assessments.length, 0);
    if (n > best.assessments) best = { id, assessments: n };
  }
  const timeline = JSON.parse((await getOk(`/api/v1/patients/${best.id}/timeline`)).body.toString()) as { runs: unknown[] };

  // Page ~1000 of the caseload by name: follow the app's "Next page" links, 100 rows at a time.
  const started = Date.now();
  let cursor: string | null = null;
  let rows = 0;
  let pages = 0;
  const target = DEEP_PAGE * 25;
  while (rows < target) {
    const limit = Math.min(100, target - rows);
    const html = (
      await getOk(`/patients?sort=name&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)
    ).body.toString();
    cursor = nextCursor(html);
    rows += limit;
    pages++;
    if (!cursor)
      throw new Error(`the caseload ends before page ${DEEP_PAGE} (${rows} rows): generate a larger clinic or lower BENCH_DEEP_PAGE`);
  }
  const walkMs = Date.now() - started;

  const list = JSON.parse((await getOk("/api/v1/referrals?status=signed&limit=1")).body.toString()) as { items: { id: string }[] };
  const referralId = list.items[0]?.id;
  if (!referralId) throw new Error("no signed referral: run synth:generate with --referrals");
  return {
    patientId: best.id,
    assessments: best.assessments,
    runs: timeline.runs.length,
    deepCursor: cursor!,
    deepRows: rows,
    referralId,
    walkMs,
    walkPages: pages,
  };
}

// ---------------------------------------------------------------- CPU accounting (optional, Linux)

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in ms (all its threads). */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU ms of each PostgreSQL backend connected to PG_DATABASE ("postgres: user db host(port) state"). */
function backendsCpu(): Map<number, number> {
  const out = new Map<number, number>();
  if (!PG_DATABASE) return out;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (!title.startsWith("postgres: ") || !title.split(" ").includes(PG_DATABASE)) continue;
      const ms = cpuMs(Number(entry));
      if (ms !== null) out.set(Number(entry), ms);
    } catch {
      // process ended
    }
  }
  return out;
}

type CpuSnapshot = { server: number | null; db: Map<number, number> };
const cpuSnapshot = (): CpuSnapshot => ({ server: SERVER_PID ? cpuMs(SERVER_PID) : null, db: backendsCpu() });
function cpuSince(before: CpuSnapshot): { server: number | null; db: number | null } {
  const after = cpuSnapshot();
  let db = 0;
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  return { server: before.server !== null && after.server !== null ? after.server - before.server : null, db: PG_DATABASE ? db : null };
}

// ---------------------------------------------------------------- load

type Result = {
  name: string;
  path: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  meanBytes: number;
  load1: number;
  /** CPU ms per request of the app server and of the database backends (when measured). */
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  firstError?: string;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function drive(
  path: string,
  seconds: number,
): Promise<{ latencies: number[]; errors: number; bytes: number; elapsed: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(seconds * 1e9);
  const worker = async () => {
    while (process.hrtime.bigint() < deadline) {
      const t = process.hrtime.bigint();
      try {
        const r = await request(path, { keepBody: false });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (r.status === 200) {
          latencies.push(ms);
          bytes += r.size;
        } else {
          errors++;
          firstError ??= `HTTP ${r.status}${r.headers.location ? ` to ${r.headers.location}` : ""}`;
        }
      } catch (e) {
        errors++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, errors, bytes, elapsed: Number(process.hrtime.bigint() - start) / 1e9, firstError };
}

async function measure(name: string, path: string): Promise<Result> {
  process.stdout.write(`${name.padEnd(24)} warming up ${WARMUP_S} s, measuring ${DURATION_S} s ... `);
  await drive(path, WARMUP_S);
  const load1 = os.loadavg()[0]!;
  const cpu0 = cpuSnapshot();
  const run = await drive(path, DURATION_S);
  const cpu = cpuSince(cpu0);
  const n = Math.max(1, run.latencies.length + run.errors);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const r: Result = {
    name,
    path,
    requests: run.latencies.length,
    errors: run.errors,
    seconds: run.elapsed,
    rps: run.latencies.length / run.elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    meanBytes: run.latencies.length ? run.bytes / run.latencies.length : 0,
    load1,
    serverCpuMs: cpu.server === null ? null : cpu.server / n,
    dbCpuMs: cpu.db === null ? null : cpu.db / n,
    firstError: run.firstError,
  };
  const cpuText = [
    r.serverCpuMs !== null ? `app CPU ${r.serverCpuMs.toFixed(1)} ms/req` : "",
    r.dbCpuMs !== null ? `DB CPU ${r.dbCpuMs.toFixed(2)} ms/req` : "",
  ]
    .filter(Boolean)
    .join(", ");
  console.log(
    `${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors${cpuText ? `, ${cpuText}` : ""}, load ${load1.toFixed(1)}${r.firstError ? ` (first error: ${r.firstError})` : ""}`,
  );
  return r;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");

async function main() {
  console.log(`bench:http against ${BASE}: ${CONCURRENCY} clients, ${DURATION_S} s per target after ${WARMUP_S} s of warm-up`);
  console.log(
    `client machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await signIn();
  console.log(`signed in as ${EMAIL}`);
  const d = await discover();
  console.log(`runner ${d.patientId}: ${d.assessments} assessments, ${d.runs} runs`);
  console.log(
    `deep caseload cursor after ${d.deepRows.toLocaleString("en-GB")} rows by name (${d.walkPages} pages of up to 100 followed in ${(d.walkMs / 1000).toFixed(1)} s)`,
  );
  console.log(`signed referral ${d.referralId}\n`);

  const targets: [string, string][] = [
    ["caseload page 1", "/patients"],
    [`caseload page ${DEEP_PAGE} (name)`, `/patients?sort=name&cursor=${encodeURIComponent(d.deepCursor)}`],
    ["caseload flagged", "/patients?urgency=flagged"],
    ["patient page", `/patients/${d.patientId}`],
    ["timeline API", `/api/v1/patients/${d.patientId}/timeline`],
    ["patient API", `/api/v1/patients/${d.patientId}`],
    ["patient list API", "/api/v1/patients"],
    ["referral PDF", `/api/v1/referrals/${d.referralId}/pdf`],
    ["referral FHIR", `/api/v1/referrals/${d.referralId}/fhir`],
    ["outcomes page", "/outcomes"],
    ["outcomes API", "/api/v1/analytics/outcomes"],
    ["outcomes API by month", "/api/v1/analytics/outcomes?groupBy=month"],
  ];
  // The static page before the first target and after the last; with BENCH_PAIRED, also between
  // targets, and each target is then compared with the static page measured just before and after it.
  const chosen = targets.filter(([name]) => !ONLY || ONLY.has(name));
  const statics: Result[] = [await measure("static page (before)", "/about")];
  const results: Result[] = [];
  for (const [i, [name, path]] of chosen.entries()) {
    results.push(await measure(name, path));
    if (PAIRED && i < chosen.length - 1) statics.push(await measure(`static page (after ${name})`, "/about"));
  }
  statics.push(await measure("static page (after)", "/about"));
  const staticBefore = statics[0]!;
  const staticAfter = statics[statics.length - 1]!;
  const baselineOf = (pair: Result[]) => ({
    rps: mean(pair.map((r) => r.rps)),
    p50: mean(pair.map((r) => r.p50)),
    cpu: pair.every((r) => r.serverCpuMs !== null) ? mean(pair.map((r) => r.serverCpuMs!)) : null,
  });
  const overall = baselineOf(PAIRED ? statics : [staticBefore, staticAfter]);
  const baseRps = overall.rps;
  const baseP50 = overall.p50;
  const rows: [Result, ReturnType<typeof baselineOf>][] = [[staticBefore, overall]];
  for (const [i, r] of results.entries()) {
    rows.push([r, PAIRED ? baselineOf([statics[i]!, statics[i + 1]!]) : overall]);
    if (PAIRED && i < results.length - 1) rows.push([statics[i + 1]!, overall]);
  }
  rows.push([staticAfter, overall]);

  console.log(
    `\nStatic page baseline (mean of ${PAIRED ? `its ${statics.length} runs; each target against the runs just before and after it` : "before and after"}): ${f1(baseRps)} req/s, p50 ${f1(baseP50)} ms\n`,
  );
  const withCpu = rows.some(([r]) => r.serverCpuMs !== null || r.dbCpuMs !== null);
  console.log(
    `| target | throughput vs static | p50 vs static | req/s | p50 ms | p95 ms | p99 ms | errors | mean size |${withCpu ? " app CPU ms/req | app CPU vs static | DB CPU ms/req |" : ""}`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|${withCpu ? "---:|---:|---:|" : ""}`);
  for (const [r, b] of rows) {
    const size = r.meanBytes >= 1024 ? `${(r.meanBytes / 1024).toFixed(1)} kB` : `${Math.round(r.meanBytes)} B`;
    const cpuRatio = r.serverCpuMs !== null && b.cpu ? f1(r.serverCpuMs / b.cpu) : "–";
    const cpu = withCpu
      ? ` ${r.serverCpuMs === null ? "–" : f1(r.serverCpuMs)} | ${cpuRatio} | ${r.dbCpuMs === null ? "–" : f2(r.dbCpuMs)} |`
      : "";
    console.log(
      `| ${r.name} | ${f2(r.rps / b.rps)} | ${f2(r.p50 / b.p50)} | ${f1(r.rps)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${r.errors} | ${size} |${cpu}`,
    );
  }
  if (process.env.BENCH_JSON) {
    fs.writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        {
          base: BASE,
          concurrency: CONCURRENCY,
          durationS: DURATION_S,
          warmupS: WARMUP_S,
          discovered: d,
          baseline: { rps: baseRps, p50: baseP50 },
          paired: PAIRED,
          results: rows.map(([r, b]) => ({ ...r, baseline: b })),
        },
        null,
        2,
      ),
    );
    console.log(`\nresults written to ${process.env.BENCH_JSON}`);
  }
  agent.destroy();
  if (rows.some(([r]) => r.errors > 0)) process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(`bench:http failed: ${error instanceof Error ? error.message : String(error)}`);
  agent.destroy();
  process.exit(1);
});
