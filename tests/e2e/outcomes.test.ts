/**
 * Clinic outcomes over real HTTP and in Chromium (issue 16): the API's
 * validation (400 naming the parameter), permissions (401, viewer 403,
 * admins and clinicians 200) and its figures of the demo clinic; the page
 * opened from the navigation, charts drawn with their tables, axe clean,
 * and the CSV downloaded: aggregates only, no runner's name or id.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { BASE_URL, httpSession as session, launch, newContext, signIn } from "./browser";

const API = "/api/v1/analytics/outcomes";
const get = (p: string, cookie?: string) => fetch(`${BASE_URL()}${p}`, { headers: cookie ? { Cookie: cookie } : {} });

let clinician: string;
let admin: string;
let viewer: string;
let browser: Browser;
beforeAll(async () => {
  [clinician, admin, viewer] = await Promise.all([
    session("clinician@riverside.example"),
    session("admin@riverside.example"),
    session("viewer@riverside.example"),
  ]);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("GET /api/v1/analytics/outcomes", () => {
  it("needs a session, and refuses a viewer", async () => {
    expect((await get(API)).status).toBe(401);
    expect((await get(API, viewer)).status).toBe(403);
  });

  it.each([
    ["from=2026-02-30", "from"],
    ["to=yesterday", "to"],
    ["from=2020-01-01&to=2025-01-01", "to"],
    ["groupBy=patient", "groupBy"],
    ["clinicianId=not-an-id", "clinicianId"],
    ["consideration=knee", "consideration"],
    ["patientId=x", "patientId"],
  ])("?%s answers 400 naming %s", async (query, param) => {
    const res = await get(`${API}?${query}`, clinician);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues?: { path: string }[] };
    expect(JSON.stringify(body)).toContain(param);
  });

  it("answers the figures of the clinic to clinicians and admins, each {numerator, denominator, value}", async () => {
    for (const cookie of [clinician, admin]) {
      const res = await get(`${API}?groupBy=none`, cookie);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        thresholds: Record<string, number>;
        groups: { key: string; episodes: number; figures: { opened: { numerator: number; denominator: number; value: number } } }[];
      };
      expect(Object.keys(body.thresholds).sort()).toEqual(["koos", "lefs", "painNow", "psfs"]);
      expect(body.groups).toHaveLength(1);
      expect(body.groups[0]!.figures.opened.numerator).toBeGreaterThanOrEqual(5);
      expect(body.groups[0]!.figures.opened).toHaveProperty("denominator");
      expect(body.groups[0]!.figures.opened).toHaveProperty("value");
      expect(JSON.stringify(body)).not.toMatch(/"patientId"|"mrn"|"givenName"|"familyName"/);
    }
  });

  it("groups by clinician with the clinician's name, never a runner's", async () => {
    const res = await get(`${API}?groupBy=clinician`, clinician);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: { label: string }[] };
    expect(body.groups.length).toBeGreaterThan(0);
    for (const g of body.groups) expect(g.label).not.toBe("");
  });
});

describe("the Outcomes page", () => {
  it("opens from the navigation with charts and tables, is axe clean, and downloads the CSV of the aggregates", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "clinician@riverside.example");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outcomes" }).click();
    await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
    await page.getByText(/Important change \(the clinic's current settings/).waitFor();
    await page.getByRole("heading", { name: "Important improvement at 6 weeks" }).waitFor();
    // Every chart is drawn, with its table under it.
    await page.locator(".recharts-surface").first().waitFor();
    expect(await page.locator("table").count()).toBeGreaterThanOrEqual(7);
    await page
      .getByRole("table", { name: "Important improvement at 6 weeks" })
      .getByRole("row", { name: /Pain now/ })
      .waitFor();

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    // Group by month: small months show "<5".
    await page.getByLabel("Group by").selectOption("month");
    await page.getByRole("button", { name: "Show outcomes" }).click();
    await page.waitForURL(/groupBy=month/);
    await page.getByRole("table", { name: "Episodes opened, discharged and open" }).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-month\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("group,figure,numerator,denominator,value,missing,not yet due");
    expect(csv).toContain("Important improvement: Pain now (NRS), 6 weeks");
    expect(csv).toMatch(/pain NRS \d+(\.\d+)? points/);
    // Aggregates only: no runner's name or id (the demo runners' family names appear nowhere).
    expect(csv).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    await context.close();
  });

  it("is forbidden to a viewer", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "viewer@riverside.example");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outcomes" }).count()).toBe(0);
    const res = await page.goto(`${BASE_URL()}/outcomes`);
    expect(res?.status()).toBe(403);
    await context.close();
  });
});
