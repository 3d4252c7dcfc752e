/**
 * Tablet and phone (issue 12, item 5): every main page at 390 (phone), 768
 * (tablet) and 1366 px (laptop) wide, as the demo clinician and admin see
 * them. No page may scroll sideways (the document is never wider than the
 * window: a wide table scrolls inside its own box); a screenshot of each is
 * kept in test-results/widths. On a phone the caseload keeps the urgency
 * column in view, and the intake's live evaluation is a summary bar at the
 * bottom of the screen that opens the full evaluation, not a panel 8,000 px
 * down the form. (A table scrolls in a box of its own, which is `relative`:
 * otherwise the visually hidden labels of its far columns, absolutely
 * positioned, escape the box and widen the page.)
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { drawCharts, launch, newContext, signIn } from "./browser";

const WIDTHS = [390, 768, 1366] as const;
const SHOTS = path.resolve(__dirname, "..", "..", "test-results", "widths");

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** How far the document is wider than the window (0: no sideways scrolling), and the widest offenders when it is. */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const by = document.documentElement.scrollWidth - width;
    const culprits =
      by > 0
        ? [...document.querySelectorAll<HTMLElement>("body *")]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            // Not inside a box that scrolls (or clips) on its own: those do not widen the page.
            .filter((el) => {
              for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
                if (getComputedStyle(a).overflowX !== "visible") return false;
              return true;
            })
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} (right ${Math.round(el.getBoundingClientRect().right)} px)`,
            )
        : [];
    return { by, culprits };
  });
}

/** Visits each page at each width; fails with every page that scrolls sideways, so one run shows them all. */
async function checkWidths(page: Page, pages: { name: string; url: string; ready: (page: Page) => Promise<unknown> }[]) {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : width === 768 ? 1024 : 900 });
    for (const p of pages) {
      await page.goto(p.url);
      await p.ready(page);
      await page.waitForLoadState("load");
      const { by, culprits } = await overflow(page);
      await page.screenshot({ path: path.join(SHOTS, `${p.name.replace(/\W+/g, "-")}-${width}.png`) });
      if (by > 0) problems.push(`${p.name} at ${width} px scrolls sideways by ${by} px: ${culprits.join("; ")}`);
    }
  }
  if (problems.length) throw new Error(problems.join("\n"));
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole("heading", { name }).first().waitFor();

it("the clinician's pages at 390, 768 and 1366 px: none scrolls sideways", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  // Where the pages are, found at laptop width: a worsening runner has signed assessments, a run log and referrals.
  await page.getByRole("link", { name: /Worsening/ }).click();
  await page.waitForURL(/worsening=1/);
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  const patient = new URL(page.url()).pathname;
  const signed = page.getByRole("row").filter({ hasText: "Signed" }).first();
  await signed.getByRole("link").first().click();
  await page.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();
  const assessment = new URL(page.url()).pathname;
  const episode = assessment.replace(/\/assessments\/[^/]+$/, "");
  await page.goto("/referrals?status=sent");
  await page.getByTestId("referrals").locator("tbody tr").first().getByRole("link").click();
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referral = new URL(page.url()).pathname;

  await checkWidths(page, [
    { name: "caseload", url: "/patients", ready: (p) => p.getByTestId("caseload").waitFor() },
    { name: "directory", url: "/patients/directory", ready: heading(/runners/i) },
    { name: "register a runner", url: "/patients/new", ready: (p) => p.getByLabel("Given name").waitFor() },
    // Every chart drawn (each draws when scrolled near), so a chart wider than the window would show.
    { name: "patient page", url: patient, ready: (p) => heading("Timeline")(p).then(() => drawCharts(p)) },
    { name: "run log", url: `${patient}/runs`, ready: heading(/Run log/) },
    { name: "signed assessment", url: assessment, ready: (p) => p.getByTestId("assessment-status").waitFor() },
    { name: "follow-up form", url: `${episode}/assessments/new?kind=follow_up`, ready: heading(/assessment/) },
    { name: "patient referrals", url: `${patient}/referrals`, ready: heading(/Referrals/) },
    { name: "referral", url: referral, ready: heading(/^Referral/) },
    { name: "referral print", url: `${referral}/print`, ready: (p) => p.getByRole("button", { name: "Print" }).waitFor() },
    { name: "referrals", url: "/referrals", ready: (p) => p.getByTestId("referrals").waitFor() },
  ]);
  await context.close();
});

it("the admin's pages at 390, 768 and 1366 px: none scrolls sideways", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "admin@riverside.example");
  await checkWidths(page, [
    { name: "admin users", url: "/admin/users", ready: heading(/Users/) },
    { name: "admin settings", url: "/admin/settings", ready: heading(/settings/i) },
    { name: "admin audit", url: "/admin/audit", ready: heading(/Audit/) },
  ]);
  await context.close();
});

it("on a phone the caseload shows the urgency column, and the form's live evaluation is a bar at the bottom that opens", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/patients");
  const urgency = page.getByTestId("caseload").getByRole("columnheader", { name: "Urgency" });
  const box = await urgency.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  // The first row's urgency badge is in view too.
  const badge = (await page.getByTestId("caseload").locator("tbody tr").first().locator("td").nth(2).boundingBox())!;
  expect(badge.x).toBeLessThan(390);

  // A follow-up form of a worsening runner: the summary is on screen at the top of the form and at its foot alike.
  await page.getByRole("link", { name: /Worsening/ }).click();
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  await page.getByRole("row").filter({ hasText: "Signed" }).first().getByRole("link").first().click();
  await page.getByTestId("assessment-status").waitFor();
  await page.goto(`${new URL(page.url()).pathname.replace(/\/assessments\/[^/]+$/, "")}/assessments/new?kind=follow_up`);
  const summary = page.getByTestId("live-summary");
  await summary.waitFor();
  const inView = async () => {
    const b = (await summary.boundingBox())!;
    return b.y >= 0 && b.y + b.height <= 844;
  };
  expect(await inView()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(3000);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await inView()).toBe(true);
  expect(await summary.getAttribute("aria-expanded")).toBe("false");
  await summary.click();
  expect(await summary.getAttribute("aria-expanded")).toBe("true");
  const urgencyHeading = page.getByRole("complementary", { name: "Live evaluation" }).getByRole("heading", { name: "Urgency" });
  await urgencyHeading.waitFor();
  const h = (await urgencyHeading.boundingBox())!;
  expect(h.y).toBeGreaterThanOrEqual(0);
  expect(h.y + h.height).toBeLessThanOrEqual(844);
  await page.screenshot({ path: path.join(SHOTS, "follow-up-form-live-evaluation-open-390.png") });
  await context.close();
});
