/**
 * Two app servers behind Debian's nginx on one PostgreSQL, started by the
 * script of `npm run cluster` itself (scripts/cluster/main.ts), with real
 * chromium through the balancer: a session made on one server works on the
 * other, sign-out ends it on both, and the account lockout, the per-address
 * sign-in limit and the per-address limit on the runner's links
 * (RUNNER_LINK_LIMIT) are counted across both. Which server answered is read
 * from the balancer's X-App-Instance header and its access log.
 *
 * The servers run from the e2e build (.next-e2e) on a database of their own
 * with the demo data, so the lockout and the limit touch no other test. The
 * script is given the owner's URL, as a developer would: on PostgreSQL it
 * makes one role per server and grants it with `npm run db:grant`'s code
 * (scripts/cluster/roles.ts), and each server starts through `npm start`'s
 * production check, which refuses a superuser or table owner.
 */
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, Response as PageResponse } from "playwright-core";
import { freePort } from "../../scripts/app-process";
import { INSTANCE_HEADER } from "../../scripts/cluster/cluster";
import { applyMigrations } from "../../scripts/db/offline/migrate";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { runScript, type ScriptRun } from "../helpers/scripts";
import { DEMO_PASSWORD, launch, newContext, signIn } from "./browser";

const LOCKOUT_THRESHOLD = 3;
const SIGNIN_IP_LIMIT = 10;
const RUNNER_LINK_LIMIT = 4;

/** What `npm run cluster` printed about the setup it started. */
type Cluster = {
  url: string;
  apps: { name: string; url: string }[];
  balancer: { accessLog: string };
  stop: () => Promise<ScriptRun>;
};

let db: TestDatabase;
let cluster: Cluster;
let browser: Browser;
/** Failed sign-ins this file has sent from 127.0.0.1: the per-address limit counts them on every server. */
let failedSignIns = 0;

/** Runs scripts/cluster/main.ts and reads the balancer's address, the servers' and the access log from what it prints. */
function runClusterScript(env: Record<string, string>): Promise<Cluster> {
  const { child, done } = runScript(["scripts/cluster/main.ts"], env);
  let out = "";
  return new Promise<Cluster>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /behind nginx: (http:\/\/\S+)/.exec(out)?.[1];
      const accessLog = /nginx access log [^:]*: (\S+)/.exec(out)?.[1];
      if (!url || !accessLog) return;
      const apps = [...out.matchAll(/^ {2}(app-\d+): (http:\/\/\S+) \(pid/gm)].map((m) => ({ name: m[1]!, url: m[2]! }));
      resolve({ url, apps, balancer: { accessLog }, stop: () => (child.kill("SIGTERM"), done) });
    });
    void done.then((run) => reject(new Error(`npm run cluster exited (${run.code}) before serving:\n${run.stdout}\n${run.stderr}`)));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await applyMigrations(db.url);
  await seed(db.url, () => undefined);
  cluster = await runClusterScript({
    DATABASE_URL: db.url,
    DATABASE_OWNER_URL: "",
    CLUSTER_DATABASE_URLS: "",
    CLUSTER_SERVERS: "2",
    PORT: String(await freePort()),
    NEXT_DIST_DIR: ".next-e2e",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    SKIP_BUILD_TYPECHECK: "1",
    LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD),
    SIGNIN_IP_LIMIT: `${SIGNIN_IP_LIMIT}/15`,
    RUNNER_LINK_LIMIT: `${RUNNER_LINK_LIMIT}/15`,
  });
  expect(cluster.apps.map((a) => a.name)).toEqual(["app-1", "app-2"]);
  if (!db.postgres) console.warn("[cluster] embedded database: the app servers run as its superuser (roles need PostgreSQL)");
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  const stopped = await cluster?.stop();
  await db?.drop();
  // Ctrl-C (SIGTERM here) stops the balancer and both servers, and the script exits cleanly.
  if (stopped) expect(stopped.code).toBe(0);
}, 60_000);

/** Polls `check` until it returns a value (at most 10 s). */
async function waitFor<T>(check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the balancer's access log");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Which server answered each page and API response of a context (static files left out). */
function recordInstances(context: BrowserContext): { path: string; instance: string }[] {
  const seen: { path: string; instance: string }[] = [];
  context.on("response", (res: PageResponse) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith("/_next/static")) return;
    seen.push({ path: url.pathname, instance: res.headers()[INSTANCE_HEADER.toLowerCase()] ?? "none" });
  });
  return seen;
}

/** next-auth's CSRF token and cookie, fetched once: every sign-in below reuses them (on either server). */
let csrf: Promise<{ csrfToken: string; cookie: string }> | undefined;
function csrfPair() {
  csrf ??= fetch(`${cluster.url}/api/auth/csrf`).then(async (res) => ({
    csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  }));
  return csrf;
}

/**
 * One sign-in through the balancer, as next-auth's client sends it; says which
 * server answered. One request each, so round robin sends consecutive ones to
 * alternate servers.
 */
async function signInRequest(email: string, password: string) {
  const { csrfToken, cookie } = await csrfPair();
  const res = await fetch(`${cluster.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) failedSignIns++;
  return {
    status: res.status,
    instance: res.headers.get(INSTANCE_HEADER),
    signedIn: !!session,
    retryAfter: res.headers.get("retry-after"),
  };
}

it("serves one session from both servers and ends it on both at sign-out", async () => {
  const context = await newContext(browser, cluster.url);
  const seen = recordInstances(context);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.getByRole("heading", { name: "Caseload" }).waitFor();
  for (const path of ["/patients/directory", "/referrals", "/patients"]) {
    await page.goto(path);
    await page.locator("main").waitFor();
  }
  // The browser's requests went through the balancer to both servers, signed in on each.
  const afterSignIn = seen.slice(seen.findIndex((s) => s.path === "/api/auth/callback/credentials"));
  expect(new Set(afterSignIn.map((s) => s.instance))).toEqual(new Set(["app-1", "app-2"]));

  // Each server is connected as its own role, made and granted by the script with db:grant's code.
  if (db.postgres) {
    const owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ usename: string; super: boolean }>(
        `SELECT DISTINCT a.usename, r.rolsuper AS super FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename WHERE a.datname = $1`,
        [db.postgres.name],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { usename: `${db.postgres.name}_app1`, super: false },
          { usename: `${db.postgres.name}_app2`, super: false },
        ]),
      );
      // Granted exactly prisma/grants.ts: the audit trail can be added to, never changed.
      const { rows: audit } = await owner.query<{ update: boolean; del: boolean; insert: boolean }>(
        `SELECT has_table_privilege($1, '"AuditEvent"', 'UPDATE') AS update, has_table_privilege($1, '"AuditEvent"', 'DELETE') AS del,
                has_table_privilege($1, '"AuditEvent"', 'INSERT') AS insert`,
        [`${db.postgres.name}_app2`],
      );
      expect(audit).toEqual([{ update: false, del: false, insert: true }]);
    } finally {
      await owner.end();
    }
  }

  // The same cookie, straight to each server: both know the session.
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie).toBeDefined();
  const copied = { Cookie: `next-auth.session-token=${cookie!.value}` };
  for (const app of cluster.apps)
    expect([app.name, (await fetch(`${app.url}/api/v1/patients?limit=1`, { headers: copied })).status]).toEqual([app.name, 200]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");

  // Ended on the server: refused by every server, directly and through the balancer.
  for (const app of cluster.apps)
    expect([app.name, (await fetch(`${app.url}/api/v1/patients?limit=1`, { headers: copied })).status]).toEqual([app.name, 401]);
  const viaBalancer = await Promise.all([1, 2, 3, 4].map(() => fetch(`${cluster.url}/api/v1/patients?limit=1`, { headers: copied })));
  expect(viaBalancer.map((r) => r.status)).toEqual([401, 401, 401, 401]);
  expect(new Set(viaBalancer.map((r) => r.headers.get(INSTANCE_HEADER)))).toEqual(new Set(["app-1", "app-2"]));
  await context.close();
});

it("locks an account after LOCKOUT_THRESHOLD failures spread over both servers", async () => {
  const email = "clinician@harbour.example";
  const failures = [];
  for (let i = 0; i < LOCKOUT_THRESHOLD; i++) failures.push(await signInRequest(email, "not the password"));
  expect(failures.map((f) => f.signedIn)).toEqual(Array(LOCKOUT_THRESHOLD).fill(false));
  expect(new Set(failures.map((f) => f.instance))).toEqual(new Set(["app-1", "app-2"]));
  // The right password is now refused on either server.
  const right = [await signInRequest(email, DEMO_PASSWORD), await signInRequest(email, DEMO_PASSWORD)];
  expect(right.map((r) => r.signedIn)).toEqual([false, false]);
  expect(new Set(right.map((r) => r.instance))).toEqual(new Set(["app-1", "app-2"]));

  // And in the browser: the sign-in page refuses it too.
  const context = await newContext(browser, cluster.url);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  failedSignIns++;
  await page.getByText(/^Sign-in failed\. Check your email and password\./).waitFor();
  expect(new URL(page.url()).pathname).toBe("/login");
  await context.close();
});

it("counts failed sign-ins per client address across both servers and answers 429 past SIGNIN_IP_LIMIT", async () => {
  const answers = [];
  while (failedSignIns < SIGNIN_IP_LIMIT) {
    const r = await signInRequest(`nobody-${failedSignIns}@nowhere.example`, "wrong");
    expect(r.status).not.toBe(429);
    answers.push(r);
  }
  const over = await signInRequest("nobody-else@nowhere.example", "wrong");
  expect(over.status).toBe(429);
  expect(Number(over.retryAfter)).toBeGreaterThan(0);
  // The next one goes to the other server, which refuses it as well.
  const again = await signInRequest("nobody-else@nowhere.example", "wrong");
  expect(again.status).toBe(429);
  expect(new Set([over.instance, again.instance])).toEqual(new Set(["app-1", "app-2"]));

  // The balancer's own log shows the sign-ins spread over both servers (nginx writes a line once a response is sent).
  const signIns = await waitFor(() => {
    const lines = fs.readFileSync(cluster.balancer.accessLog, "utf8").split("\n");
    const posts = lines.filter((l) => l.includes("POST /api/auth/callback/credentials"));
    return posts.filter((l) => / 429 /.test(l)).length === 2 ? posts : undefined;
  });
  expect(signIns.some((l) => l.includes("instance=app-1"))).toBe(true);
  expect(signIns.some((l) => l.includes("instance=app-2"))).toBe(true);
});

it("counts requests to the runner's links per client address across both servers and answers 429 past RUNNER_LINK_LIMIT", async () => {
  const token = `q${"A".repeat(65)}`;
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${cluster.url}${path}`, init);
    return { res, instance: res.headers.get(INSTANCE_HEADER), body: await res.text() };
  };
  // Unknown links: one neutral 404, page and API alike, from either server.
  const allowed = [];
  for (let i = 0; i < RUNNER_LINK_LIMIT; i++) allowed.push(await get(i % 2 ? `/api/r/${token}` : `/r/${token}`));
  expect(allowed.map((a) => a.res.status)).toEqual(Array(RUNNER_LINK_LIMIT).fill(404));
  expect(new Set(allowed.map((a) => a.instance))).toEqual(new Set(["app-1", "app-2"]));

  const page = await get(`/r/${token}`);
  expect(page.res.status).toBe(429);
  expect(Number(page.res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  expect(page.body).toBe("Too many requests from your network. Please try again in 15 minutes.");
  const api = await get(`/api/r/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(api.res.status).toBe(429);
  expect(JSON.parse(api.body)).toEqual({
    error: "too many requests",
    message: "Too many requests from your network. Please try again in 15 minutes.",
  });
  // Both servers refuse: the count is PostgreSQL's, not one server's.
  expect(new Set([page.instance, api.instance])).toEqual(new Set(["app-1", "app-2"]));
  // The rest of the app is not limited by it.
  expect((await get("/login")).res.status).toBe(200);
});
