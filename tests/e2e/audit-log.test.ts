/**
 * The audit log page in a real browser (issue 12, item 6): a viewer's refused
 * write shows as a refusal in words, with who tried what and why; the kind
 * filter narrows the log; times carry the clinic's zone (Europe/London: GMT
 * or BST, never "UTC"); the CSV download holds the filtered events and is
 * itself audited; axe finds no serious violation.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { BASE_URL, httpSession, launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("shows a refused write in words, filters by kind, and downloads the filtered log as CSV", async () => {
  // The viewer tries to register a runner through the API: refused (403), and recorded.
  const viewer = await httpSession("viewer@riverside.example");
  const refused = await fetch(`${BASE_URL()}/api/v1/episodes/00000000-0000-4000-8000-000000000000/discharge`, {
    method: "POST",
    headers: { Cookie: viewer, "Content-Type": "application/json", Origin: BASE_URL() },
    body: JSON.stringify({ reason: "other" }),
  });
  expect(refused.status).toBe(403);

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "admin@riverside.example");
  await page.goto("/admin/audit");
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  const events = page.getByTestId("audit-event");
  expect(await events.filter({ hasText: "Signed in" }).count()).toBeGreaterThan(0);
  // No developer codes and no raw JSON on the page.
  const table = await page.getByRole("table").innerText();
  expect(table).not.toMatch(/auth\.login|"\w+":|\{/);
  expect(table).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT|BST)/);
  expect(table).not.toContain("UTC");

  await page.getByLabel("Kind of action").selectOption("refused");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/action=refused/);
  const row = events.filter({ hasText: "Was refused: change records through the API" }).first();
  await row.waitFor();
  expect(await row.innerText()).toContain("Refused");
  expect(await row.innerText()).toContain("no permission");
  expect(await row.innerText()).toMatch(/Viewer|viewer/i);
  expect(await events.filter({ hasText: "Signed in" }).count()).toBe(0);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV of these events" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("Event,When,Who,What happened,Refused because,Patient,Record,Changes,Details");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes("Was refused"))).toBe(true);

  // The export is itself in the log.
  await page.goto("/admin/audit?action=audit.export");
  await events.filter({ hasText: "Exported the audit log as CSV" }).first().waitFor();
  await context.close();
});
