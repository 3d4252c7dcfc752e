/**
 * Column headers sort; paging says where you are (issue 12, item 4), in
 * Chromium on the demo data: a header is a button (mouse or keyboard) whose
 * th says aria-sort; a second press reverses; the sort is in the address, so
 * back and forward and links keep it, and so do the filters; the pager says
 * "1–25 of N · page 1 of P", and its unavailable links are announced as such.
 */
import type { Browser, Page } from "playwright-core";
import { launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page, table: string) => page.getByTestId(table).locator("tbody tr").allInnerTexts();
const position = async (page: Page) => (await page.getByTestId("page-position").innerText()).trim();
/** The first letter of each row, accents dropped ("Ó" as "O"), upper case. */
const initialsOf = async (page: Page) =>
  (await rows(page, "caseload")).map((r) =>
    r
      .trim()
      .normalize("NFD")
      .replace(/[^A-Za-z]/g, "")[0]!
      .toUpperCase(),
  );
const sortOf = (page: Page, label: string) => page.locator("th", { has: page.getByRole("button", { name: new RegExp(`^${label}`) }) });

/** "Open episodes 26–50 of 240 · page 2 of 10" -> its numbers. */
function parsePosition(text: string) {
  const m = /(\d[\d,]*)(?:–(\d[\d,]*))? of (\d[\d,]*) · page (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`no position in "${text}"`);
  const n = (i: number) => Number((m[i] ?? m[1]!).replace(/,/g, ""));
  return { first: n(1), last: n(2), total: n(3), page: n(4), pages: n(5) };
}

it("sorts the caseload by a header, reverses it, and pages both ways saying where it is", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients");
  // The worklist's own order: urgency.
  expect(await sortOf(page, "Urgency").getAttribute("aria-sort")).toBe("ascending");
  expect(await sortOf(page, "Runner").getAttribute("aria-sort")).toBeNull();
  const start = parsePosition(await position(page));
  expect(start).toMatchObject({ first: 1, last: 25, page: 1 });
  expect(await page.getByRole("link", { name: "First page" }).getAttribute("aria-disabled")).toBe("true");
  expect(await page.getByRole("link", { name: "Previous page" }).getAttribute("aria-disabled")).toBe("true");

  // By name, with the mouse: A to Z.
  await page.getByRole("button", { name: /^Runner/ }).click();
  await page.waitForURL(/sort=name/);
  await page.waitForFunction(() => document.querySelector("th[aria-sort]")?.textContent?.startsWith("Runner"));
  expect(await sortOf(page, "Runner").getAttribute("aria-sort")).toBe("ascending");
  expect(await page.getByRole("button", { name: /^Runner/ }).getAttribute("data-testid")).toBe("sort-name");
  const initials = await initialsOf(page);
  expect(initials).toEqual([...initials].sort());
  const firstPage = await rows(page, "caseload");

  // Next page: 26–50, same sort; then back with Previous: the same first page.
  await page.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/cursor=/);
  expect(page.url()).toMatch(/sort=name/);
  expect(parsePosition(await position(page))).toMatchObject({ first: 26, page: 2, total: start.total });
  const secondPage = await rows(page, "caseload");
  expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);
  await page.getByRole("link", { name: "Previous page" }).click();
  await page.waitForURL(/before=/);
  expect(parsePosition(await position(page))).toMatchObject({ first: 1, last: 25, page: 1 });
  expect(await rows(page, "caseload")).toEqual(firstPage);
  // The browser's back button returns to page 2.
  await page.goBack();
  await page.waitForURL(/cursor=/);
  await page.getByTestId("page-position").getByText(/26–/).waitFor();

  // The keyboard reverses it: Z to A.
  await page.getByRole("button", { name: /^Runner/ }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/dir=desc/);
  await page.waitForFunction(() => document.querySelector("th[aria-sort]")?.getAttribute("aria-sort") === "descending");
  expect(await page.getByRole("button", { name: /^Runner.*sorted Z to A/ }).count()).toBe(1);
  expect(parsePosition(await position(page))).toMatchObject({ first: 1, page: 1 });
  const reversed = await initialsOf(page);
  expect(reversed).toEqual([...reversed].sort().reverse());

  // A filter is kept when sorting, and the sort when filtering.
  await page.goto("/patients?worsening=1");
  await page.getByRole("button", { name: /^Last seen/ }).click();
  await page.waitForURL(/sort=seen/);
  expect(page.url()).toMatch(/worsening=1/);
  expect(await sortOf(page, "Last seen").getAttribute("aria-sort")).toBe("descending");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((u) => u.searchParams.get("sort") === "seen" && u.searchParams.get("worsening") === "1");

  // A bad sort is named and the worklist shown.
  await page.goto("/patients?sort=shoe&dir=up");
  await page.getByText(/Choose the sort order/).waitFor();
  expect(await sortOf(page, "Urgency").getAttribute("aria-sort")).toBe("ascending");
  await context.close();
});

it("sorts the directory by date of birth and pages it with the search kept", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients/directory");
  expect(await sortOf(page, "Name").getAttribute("aria-sort")).toBe("ascending");
  const all = parsePosition(await position(page));
  expect(all).toMatchObject({ first: 1, page: 1 });
  expect(await position(page)).toMatch(/^Runners /);

  await page.getByRole("button", { name: /^Date of birth/ }).click();
  await page.waitForURL(/sort=born/);
  await page.waitForFunction(() => document.querySelector("th[aria-sort]")?.textContent?.startsWith("Date of birth"));
  expect(await sortOf(page, "Date of birth").getAttribute("aria-sort")).toBe("ascending");
  const births = (await rows(page, "directory")).map((r) => Date.parse(r.split("\t")[2]!.replace(/\s*\(.*$/, "")));
  expect(births.every((b) => !Number.isNaN(b))).toBe(true);
  expect(births).toEqual([...births].sort((a, b) => a - b));
  if (all.total > 25) {
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    expect(page.url()).toMatch(/sort=born/);
    expect(parsePosition(await position(page))).toMatchObject({ first: 26, page: 2, total: all.total });
    await page.getByRole("link", { name: "First page" }).click();
    await page.waitForURL((u) => !u.searchParams.has("cursor"));
    expect(parsePosition(await position(page))).toMatchObject({ first: 1, page: 1 });
  }

  // A search keeps the sort, and the position counts what it found.
  const family = (await page.getByTestId("directory").locator("tbody tr td a").first().innerText()).split(",")[0]!.trim();
  await page.getByLabel(/Search by name/).fill(family);
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL((u) => u.searchParams.get("q") === family && u.searchParams.get("sort") === "born");
  const found = parsePosition(await position(page));
  expect(found.total).toBeGreaterThan(0);
  expect(found.total).toBeLessThan(all.total);
  await context.close();
});
