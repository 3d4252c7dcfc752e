/**
 * Red flags stay open until someone acts (issue 9 items 2 and 6), on the demo
 * data: the caseload's tiles and row markers for open urgent flags and
 * unsent urgent referrals, discharge refused while an urgent flag is open,
 * and recording what was done with the keyboard, errors named.
 */
import type { Browser, Page } from "playwright-core";
import { launch, newContext, signIn, tourShot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page) => page.getByTestId("caseload").locator("tbody tr");

it("shows unsent emergency and urgent referrals on the caseload and at the top of the patient page, named by urgency", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const unsent = Number(await page.getByTestId("count-emergency-or-urgent-referrals-not-sent").innerText());
  expect(unsent).toBeGreaterThan(0);
  await page.getByRole("link", { name: /Emergency or urgent referrals not sent/ }).click();
  await page.waitForURL(/unsent=1/);
  expect(await rows(page).count()).toBe(Math.min(unsent, 25));
  // Each marker names the referral's urgency from the one vocabulary: an emergency is never called urgent.
  const markers = await page.getByTestId("row-unsent-referral").allInnerTexts();
  expect(markers).toHaveLength(Math.min(unsent, 25));
  for (const m of markers)
    expect(m).toMatch(
      /^(An emergency referral is not sent|An urgent referral is not sent|\d+ referrals are not sent, the most severe (emergency|urgent))$/,
    );
  await rows(page).first().getByRole("link").first().click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  const needed = page.getByTestId("action-needed");
  await needed.getByTestId("unsent-urgent-referral").first().waitFor();
  expect(await needed.innerText()).toMatch(
    /An (emergency|urgent) referral is not sent|\d+ referrals are not sent, the most severe (emergency|urgent)/,
  );
  await context.close();
});

it("refuses to discharge with an open urgent flag, then records what was done with the keyboard", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const open = Number(await page.getByTestId("count-open-emergency-or-urgent-flags").innerText());
  expect(open).toBeGreaterThan(0);
  await page.getByRole("link", { name: /Open emergency or urgent flags/ }).click();
  await page.waitForURL(/openFlags=1/);
  const texts = await rows(page).allInnerTexts();
  expect(texts.length).toBe(Math.min(open, 25));
  for (const r of texts) expect(r).toContain("Open flag, no action recorded:");
  await tourShot(page, "12-caseload-open-flags");

  // A runner with one open urgent flag on one episode.
  const index = texts.findIndex((t) => !/Open flag, no action recorded: [^\n]*,/.test(t));
  const row = rows(page).nth(index === -1 ? 0 : index);
  const flag = (await row.getByTestId("row-open-flags").innerText()).replace(/^.*Open flag, no action recorded: /s, "").split(", ")[0]!;
  await row.getByRole("link").first().click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  const patientUrl = page.url();
  await page.getByTestId("open-urgent-flag").filter({ hasText: flag }).first().waitFor();

  // The episode that holds it: its discharge page says why it cannot be discharged, and discharging is refused.
  const item = page.getByTestId("open-red-flag").filter({ hasText: flag }).first();
  const section = page.locator("section[id^=red-flags-]").filter({ has: item });
  const episodeId = (await section.getAttribute("id"))!.replace("red-flags-", "");
  await page.goto(`${patientUrl}/episodes/${episodeId}/discharge`);
  await page.getByText("Cannot be discharged yet").waitFor();
  const main = await page.locator("main").innerText();
  expect(main).toContain("cannot be discharged while");
  expect(main).toContain(flag);
  await page.getByLabel("Reason for discharge").selectOption("referred_on");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  await page.getByRole("dialog", { name: "Discharge this episode?" }).getByRole("button", { name: "Discharge", exact: true }).click();
  await page
    .getByText(/cannot be discharged while/)
    .last()
    .waitFor();
  await page.goto(patientUrl);

  // Record what was done, with the keyboard: the form opens, a missing reason is named, then the action is recorded.
  await item.getByRole("button", { name: "Record what was done" }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: `What was done about ${flag}` });
  await form.waitFor();
  await form.getByRole("radio", { name: "Not applicable" }).focus();
  await page.keyboard.press("Space");
  await form.getByRole("button", { name: "Record action" }).click();
  await form.getByText("Enter the reason when the red flag is not applicable").waitFor();
  expect(await form.getByRole("textbox", { name: /Reason/ }).getAttribute("aria-invalid")).toBe("true");
  await form.getByRole("radio", { name: "Discussed with a doctor" }).focus();
  await page.keyboard.press("Space");
  await form.getByRole("textbox", { name: "Note" }).fill("Discussed with Dr Patel by phone; seen in her clinic on Friday.");
  await tourShot(page, "13-red-flag-action");
  await form.getByRole("button", { name: "Record action" }).click();
  await page.getByTestId("open-red-flag").filter({ hasText: flag }).first().waitFor({ state: "detached" });
  // The history of the episode (append-only) names the flag, the action, the note and who recorded it.
  const history = (await page.locator(`#red-flags-${episodeId}`).getByTestId("red-flag-actions").textContent()) ?? "";
  expect(history).toContain(`${flag} (raised`);
  expect(history).toContain("Discussed with a doctor");
  expect(history).toContain("Discussed with Dr Patel by phone");
  await context.close();
});
