/**
 * A referral uses only frozen data (issue 12): an addendum added to its
 * assessment reaches the referral, a run entered into the log afterwards
 * does not change its training section (made from the runs the assessment
 * was judged with), and the baseline is named. On the demo data.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "4 Nov 2026" -> "2026-11-04"; `shift` days earlier. */
function isoOf(text: string, shift = 0): string {
  const m = /(\d{1,2}) (\w{3}) (\d{4})/.exec(text);
  if (!m) throw new Error(`no date in ${text}`);
  const d = new Date(Date.UTC(Number(m[3]), MONTHS.indexOf(m[2]!), Number(m[1]) - shift));
  return d.toISOString().slice(0, 10);
}

const weeklyRow = (page: Page) =>
  page
    .locator("table")
    .filter({ has: page.locator("caption", { hasText: "Weekly distance" }) })
    .first()
    .locator("tbody tr")
    .first()
    .innerText();

it("a referral with an addendum and frozen training data; the baseline named", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients?urgency=soon");
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await page.getByRole("heading", { level: 1 }).waitFor();

  // The patient navigation's link (an "unsent urgent referral" notice may link there too).
  await page.getByRole("main").getByRole("link", { name: "Referrals", exact: true }).last().click();
  await page.getByRole("button", { name: "Start referral" }).click();
  await page.getByRole("heading", { name: "Referral (draft)" }).waitFor();
  const referralPage = page.url();
  const assessment = await page
    .locator("dt", { hasText: /^Assessment$/ })
    .first()
    .locator("xpath=following-sibling::dd[1]")
    .innerText();
  const assessedOn = /on (\d{1,2} \w{3} \d{4})/.exec(assessment)?.[1];
  expect(assessedOn).toBeDefined();
  const before = await weeklyRow(page);

  // After the assessment was signed: an addendum to it, and a long run entered into the log in its window.
  const referralId = /\/referrals\/([0-9a-f-]{36})/.exec(referralPage)?.[1];
  const referral = (await (await page.request.get(`/api/v1/referrals/${referralId}`)).json()) as {
    patientId: string;
    episodeId: string;
    assessmentId: string;
  };
  await page.goto(`/patients/${referral.patientId}/episodes/${referral.episodeId}/assessments/${referral.assessmentId}`);
  await page.getByLabel("Addendum", { exact: true }).fill("MRI result: horizontal tear of the posterior horn of the medial meniscus.");
  await page.getByRole("button", { name: "Add addendum" }).click();
  await page.getByTestId("addenda").getByText("horizontal tear of the posterior horn").waitFor();
  await page.goto(`/patients/${referral.patientId}/runs`);
  const addRun = page.getByRole("form", { name: "Add a run" });
  await addRun.getByLabel("Date").fill(isoOf(assessedOn!, 1));
  await addRun.getByLabel("Distance").fill("37.3");
  await addRun.getByRole("button", { name: "Add run" }).click();
  await page.getByRole("cell", { name: /37\.3/ }).first().waitFor();

  // The referral: the addendum is in, the training section is as the assessment was judged.
  await page.goto(referralPage);
  await page.getByRole("heading", { name: "Referral (draft)" }).waitFor();
  await page.getByText("horizontal tear of the posterior horn").first().waitFor();
  expect(await weeklyRow(page)).toBe(before);
  await page.locator("#question").fill("Please advise on arthroscopy given the MRI result.");
  await page.getByRole("button", { name: "Save and update preview" }).click();
  await page.getByText("Referral draft saved.").waitFor();
  await page.getByRole("button", { name: "Sign referral" }).click();
  await page.getByRole("dialog", { name: "Sign this referral?" }).getByRole("button", { name: "Sign and freeze" }).click();
  await page.getByTestId("referral-status").filter({ hasText: "Signed by" }).waitFor();
  expect(await weeklyRow(page)).toBe(before);
  expect(await page.getByRole("heading", { name: "Addenda to the assessments" }).count()).toBe(1);
  if ((await page.locator("caption", { hasText: "Scores by assessment date" }).count()) > 0)
    expect(await page.locator("th", { hasText: "(baseline)" }).count()).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  const text = pdfText(fs.readFileSync((await download.path())!)).replace(/\s+/g, " ");
  expect(text).toContain("MRI result: horizontal tear of the posterior horn of the medial meniscus.");
  expect(text).not.toContain("37.3");
  await context.close();
});
