/**
 * A chart whose drawing cannot be loaded (the network refuses its lazily
 * loaded code) says so in its place, as text a screen reader reaches, and the
 * charts queued after it are still drawn in their turn
 * (app/_components/charts/chart-frame.tsx, draw-queue.ts).
 */
import type { Browser } from "playwright-core";
import { CHART_NOT_DRAWN } from "@/app/_components/charts/chart-frame";
import { drawCharts, launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("measure charts whose code fails to load say so, and the training chart queued after them is still drawn", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The measure charts' drawing (measure-plot.tsx), known by the words of its tooltip, fails as a dropped connection would; every other script is served.
  const refused: string[] = [];
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("(baseline ")) {
      refused.push(route.request().url());
      await route.abort("connectionreset");
    } else await route.fulfill({ response, body });
  });
  await signIn(page, "clinician@riverside.example");
  // A worsening runner has at least two signed assessments to chart and, in the demo data, a run log (the training chart, below the measure charts).
  await page.getByRole("link", { name: /Worsening/ }).click();
  await page.waitForURL(/worsening=1/);
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await page.getByRole("heading", { name: "Timeline" }).waitFor();

  // Every placeholder is replaced in turn: none is left waiting behind a chart that failed.
  await drawCharts(page);
  expect(refused.length).toBeGreaterThan(0);
  // Each measure chart says it could not be loaded, the later ones too: none is drawn, none left waiting.
  const measures = page.locator("#timeline-measures");
  const failed = measures.getByRole("status").filter({ hasText: CHART_NOT_DRAWN });
  expect(await failed.count()).toBeGreaterThanOrEqual(2);
  expect(await measures.getByRole("img").count()).toBe(0);
  // The message is text, not the content of an image (which a screen reader skips), and keeps the chart's summary.
  expect(await failed.first().textContent()).toMatch(/is better\./);

  // The training chart, queued after the measure charts, is drawn.
  const training = page.getByRole("img", { name: /Weekly distance/i }).first();
  await training.locator("svg").first().waitFor();
  const after = await failed
    .first()
    .evaluate(
      (message, chart) => !!(message.compareDocumentPosition(chart!) & Node.DOCUMENT_POSITION_FOLLOWING),
      await training.elementHandle(),
    );
  expect(after).toBe(true);
  // The rest of the page is as it was: no error page.
  expect(await page.getByText("Something went wrong").count()).toBe(0);
  await context.close();
});
