/**
 * Importing watch files in the browser and over HTTP against `next start`:
 * files chosen and dropped on the run log, the progress bar while the upload
 * is held, the runs in the table and on the training chart, the shoe log end
 * to end (into the intake's shoe questions), and the route's own session
 * gate (it is outside proxy.ts): 401, 403, 404, 200 and 413.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Browser } from "playwright-core";
import { BASE_URL, httpSession, launch, newContext, openNewEpisode, registerRunner, signIn, tourShot } from "./browser";

const dir = path.join(__dirname, "..", "fixtures", "runs");
const fixture = (name: string) => path.join(dir, name);
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

let browser: Browser;
let patientId = "";
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("imports files chosen and dropped on the run log with a progress bar, shows them on the chart, and keeps a shoe log", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerRunner(page, {
    from: "link",
    mrn: `RUNS-${Date.now()}`,
    given: "Wendy",
    family: "Watchfile",
    birthDate: "1988-03-09",
  });
  patientId = /\/patients\/([0-9a-f-]{36})/.exec(patientUrl)![1]!;

  await page.getByRole("link", { name: "Run log" }).click();
  await page.getByRole("heading", { name: "Import from the runner's watch or app" }).waitFor();

  // Hold the upload to see the progress bar with its counts, then let it through.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/runs/import", async (route) => {
    await held;
    await route.continue();
  });
  await page
    .getByLabel("Drop files here, or choose files:")
    .setInputFiles(["road-run.fit", "hill-run.gpx", "long-run.tcx", "bike-ride.fit", "truncated-run.fit"].map(fixture));
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await bar.waitFor();
  expect(await page.getByTestId("import-progress").innerText()).toMatch(/0 of 5 files done/);
  release();
  const result = page.getByTestId("import-result");
  await result.getByText("3 runs imported, 0 duplicates already in the log, 2 files or activities skipped.").waitFor();
  expect(await page.getByTestId("import-skipped").innerText()).toMatch(
    /bike-ride\.fit\s+cycling: not a run[\s\S]*truncated-run\.fit\s+the FIT file is corrupt or truncated/,
  );
  await page.unroute("**/runs/import");

  // Dropped onto the zone: the same path as chosen files.
  const gz = readFileSync(fixture("recovery-run.gpx.gz")).toString("base64");
  const transfer = await page.evaluateHandle((b64) => {
    const data = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], "recovery-run.gpx.gz", { type: "application/gzip" }));
    return dt;
  }, gz);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
  await result.getByText("1 run imported, 0 duplicates already in the log, 0 files or activities skipped.").waitFor();
  await page.locator("#run-file-import").scrollIntoViewIfNeeded();

  // The runs in the table, with what the files gave, and on the training chart.
  const table = page.getByTestId("run-table");
  await table.getByText("recovery-run.gpx.gz").waitFor();
  expect(await table.locator("tbody tr").count()).toBe(4);
  const text = await table.innerText();
  expect(text).toMatch(/2 Nov 2026\s+07:00\s+10\.02 km\s+50 min 06 s\s+\+81 \/ −80 m\s+172 steps\/min\s+148 bpm/);
  expect(text).toContain("TCX file");
  const training = page.locator("#run-training");
  expect(await training.getByRole("img").first().getAttribute("aria-label")).toBeTruthy();
  expect(await training.getByText(/Week of|2 Nov 2026/).count()).toBeGreaterThan(0);
  await training.getByText("Data table: training per week").click();
  expect(await page.getByTestId("training-detail-table").innerText()).toMatch(
    /2 Nov 2026\s+30\.1 km\s+\d+ m\s+\d:\d\d min\/km\s+172 steps\/min/,
  );

  // Shoe log: a pair from 1 Nov takes the four runs; a new pair three days ago is a recent change.
  const shoes = page.locator("#shoe-log");
  await shoes.locator("summary", { hasText: "Add shoes" }).click();
  await shoes.getByLabel("Name or model").fill("Ghost 15");
  await shoes.getByLabel("Heel-to-toe drop (mm)").fill("12");
  await shoes.getByLabel("In use from").fill("2026-11-01");
  await shoes.getByRole("button", { name: "Add shoes" }).click();
  await shoes.getByText(/Shoes added: Ghost 15\. 4 runs without shoes from 1 Nov 2026 on now count on this pair\./).waitFor();
  await shoes.getByTestId("shoe-distance").filter({ hasText: "(4 runs)" }).waitFor();
  await shoes.getByLabel("Name or model").fill("Pegasus 41");
  await shoes.getByLabel("Heel-to-toe drop (mm)").fill("10");
  await shoes.getByLabel("In use from").fill(isoDaysAgo(3));
  await shoes.getByRole("button", { name: "Add shoes" }).click();
  await shoes
    .getByTestId("shoe-change")
    .filter({ hasText: /Pegasus 41 since .* \(3 days ago\), after Ghost 15; heel-to-toe drop 12 mm → 10 mm/ })
    .waitFor();
  await page.locator("#run-training").evaluate((el) => el.scrollIntoView());
  await tourShot(page, "10-run-log-training");
  // Re-assign the road run of 2 Nov to the new pair.
  await page.getByLabel("Shoes of the run of 2 Nov 2026, 10.02 km").selectOption({ label: "Pegasus 41" });
  await shoes.getByTestId("shoe-distance").filter({ hasText: "10.02 km (1 run)" }).waitFor();

  // The intake's shoe questions come from the log; the change of shoes is shown next to them.
  await page.goto(`/patients/${patientId}`);
  await openNewEpisode(page, { complaint: "Medial knee pain since new shoes" });
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  expect(await page.getByLabel("Distance on current shoes").inputValue()).toBe("10");
  expect(await page.getByLabel("Shoe pairs in rotation").inputValue()).toBe("2");
  expect(await page.getByTestId("shoe-change-hint").innerText()).toMatch(/Recent change of shoes: Pegasus 41/);
  await page.getByTestId("shoe-change-hint").evaluate((el) => el.scrollIntoView({ block: "center" }));
  await tourShot(page, "11-intake-shoes-from-log");

  // The CSV box: durations as people write them; every left-out row in full with its reason.
  await page.goto(`/patients/${patientId}/runs`);
  await page
    .getByLabel("CSV text")
    .fill(["date,distance,duration", "2026-10-05,10 km,62:00", "2026-10-06,420 km,30:00", "2026-10-07,8 km,1h02"].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  const skippedRows = page.getByTestId("csv-skipped");
  await skippedRows.waitFor();
  expect(await skippedRows.innerText()).toMatch(
    /3\s+2026-10-06,420 km,30:00\s+Check the distance: 420 km is more than the 250 km a person can run in a day/,
  );
  expect(await page.getByTestId("csv-preview").innerText()).toMatch(/5 Oct 2026\s+10 km\s+1 h 02 min[\s\S]*7 Oct 2026\s+8 km\s+1 h 02 min/);
  await page.getByRole("button", { name: "Import 2 runs" }).click();
  await page.getByText("Imported 2 runs; 1 row left out.").waitFor();
  await context.close();
});

describe("POST /api/v1/patients/{id}/runs/import over HTTP", () => {
  const url = () => `${BASE_URL()}/api/v1/patients/${patientId}/runs/import`;
  const form = (...names: string[]) => {
    const f = new FormData();
    for (const n of names) f.append("file", new Blob([readFileSync(fixture(n))]), n);
    return f;
  };

  it("authenticates itself: 401 without a session, 403 for a viewer, 404 for another clinic", async () => {
    expect(patientId).not.toBe("");
    const anonymous = await fetch(url(), { method: "POST", body: form("road-run.fit") });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "unauthenticated", message: "Sign in required" });
    const viewer = await fetch(url(), {
      method: "POST",
      body: form("road-run.fit"),
      headers: { Cookie: await httpSession("viewer@riverside.example") },
    });
    expect(viewer.status).toBe(403);
    const harbour = await fetch(url(), {
      method: "POST",
      body: form("road-run.fit"),
      headers: { Cookie: await httpSession("clinician@harbour.example") },
    });
    expect(harbour.status).toBe(404);
    // The proxy's security headers, although the route is outside its matcher.
    for (const res of [anonymous, viewer, harbour]) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers 200 with the counts: a Strava export, a duplicate and a corrupt file", async () => {
    const cookie = await httpSession("clinician@riverside.example");
    const res = await fetch(url(), {
      method: "POST",
      body: form("strava-export.zip", "road-run-copy.gpx", "not-a-fit.fit"),
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: 4,
      duplicates: 1,
      files: 6,
      skipped: [
        { file: "activities/1002.fit.gz", reason: "Ride: not a run" },
        { file: "not-a-fit.fit", reason: "not a FIT file (no FIT header)" },
      ],
    });
  });

  it("answers 413 at once for an upload declared larger than 300 MB", async () => {
    const cookie = await httpSession("clinician@riverside.example");
    const target = new URL(url());
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent: false,
          headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(301 * 1024 * 1024) },
        },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: "payload too large",
      message: "the upload is larger than 300 MB: send the files in smaller batches",
      imported: 0,
    });
  });
});
