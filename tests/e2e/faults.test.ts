/**
 * A database outage as a clinician sees it, in chromium: the app (the e2e
 * build, `next start` as a role made by `npm run db:grant`, through
 * `npm start`'s production check) on a throwaway PostgreSQL (initdb + pg_ctl
 * on a free port; never the shared server), which is stopped as after a crash
 * while a follow-up form is filled in. Saving is refused with a message that
 * says nothing was saved, and the entries stay in the form; a page opened
 * meanwhile is the 503 "temporarily unavailable" page; once PostgreSQL is
 * back the same entries save without restarting the app. The load version of
 * this is `npm run bench:faults` (docs/benchmarks.md).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser } from "playwright-core";
import { freePort, startApp, type AppProcess } from "../../scripts/app-process";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { createThrowawayCluster, type ThrowawayCluster } from "../../scripts/db/throwaway-cluster";
import { assignEpisodes, prepareDatabase, type Assignment } from "../../scripts/faults/scenario";
import { launch, newContext, signIn } from "./browser";

let cluster: ThrowawayCluster | undefined;
let app: AppProcess | undefined;
let browser: Browser | undefined;
let ownerUrl = "";

beforeAll(async () => {
  cluster = await createThrowawayCluster("faults-e2e");
  const urls = await prepareDatabase(cluster);
  ownerUrl = urls.ownerUrl;
  const port = await freePort();
  const env = {
    DATABASE_URL: urls.appUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  };
  buildIfNeeded({ ...process.env, ...env, NODE_ENV: "production", SKIP_BUILD_TYPECHECK: "1" }, ".next-e2e", () => undefined);
  app = await startApp({ name: "app", port, distDir: ".next-e2e", env, startCheck: true });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await cluster?.destroy();
}, 60_000);

/** The episode's follow-ups made by this test (the demo data's own are left out). */
async function newFollowUps(target: Assignment): Promise<{ answers: { symptoms?: { painNow?: number } }; status: string }[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT answers, status::text AS status FROM "Assessment"
        WHERE "clinicId" = $1 AND "episodeId" = $2 AND kind = 'follow_up' AND NOT (id::text = ANY($3::text[]))`,
      [target.clinicId, target.episodeId, target.before],
    );
    return rows;
  } finally {
    await client.end();
  }
}

it("refuses a save while PostgreSQL is down with a clear message, keeps the entries, and saves them once it is back", async () => {
  const [target] = await assignEpisodes(ownerUrl, 1);
  const context = await newContext(browser!, app!.url);
  const page = await context.newPage();
  await signIn(page, target!.userEmail);
  await page.goto(`/patients/${target!.patientId}/episodes/${target!.episodeId}/assessments/new?kind=follow_up`);
  await page.getByLabel("Pain now (NRS)").selectOption("7");

  await cluster!.stop("immediate");
  await page.getByRole("button", { name: "Save draft" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "The database is not reachable right now. Nothing was saved" });
  await refusal.waitFor();
  expect(await page.getByLabel("Pain now (NRS)").inputValue()).toBe("7");

  // Another page opened meanwhile: the 503 page, not an error trace.
  const other = await context.newPage();
  const res = await other.goto("/patients");
  expect(res?.status()).toBe(503);
  await other.getByRole("heading", { name: "Service temporarily unavailable" }).waitFor();
  await other.close();

  await cluster!.start();
  expect(await newFollowUps(target!)).toEqual([]);
  // The app was not restarted: the same entries save now (the pool reconnects by itself).
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("status").filter({ hasText: "Draft saved." }).waitFor();
  expect(await newFollowUps(target!)).toEqual([{ answers: expect.objectContaining({ symptoms: { painNow: 7 } }), status: "draft" }]);
  await context.close();
});
