/**
 * Careful software (issue 12 items 2 and 7): Ctrl+S saves the draft of the
 * assessment and of the referral, instead of the browser's "Save page as",
 * with the outcome announced; the discharge confirmation says exactly what
 * it leaves out (a draft assessment, not signed) and shows every field as
 * typed, with focus on its confirm button.
 */
import type { Browser, Page } from "playwright-core";
import { launch, newContext, registerRunnerWithEpisode, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Whether a Ctrl+S keydown on the page is taken by the page (the browser's save dialog prevented). */
const ctrlSPrevented = (page: Page) =>
  page.evaluate(() => {
    const event = new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  });

it("saves the assessment draft with Ctrl+S, then the discharge confirmation names the draft it leaves out", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerRunnerWithEpisode(page, {
    mrn: `KS-${Date.now()}`,
    given: "Sasha",
    family: "Shortcut",
    birthDate: "1990-05-06",
    complaint: "Inner knee pain on hills",
  });

  // The intake: something typed, then Ctrl+S saves it as a draft, the status (a live region) says so.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.locator("html[data-navigation-progress=ready]").waitFor({ state: "attached" });
  await page.getByLabel("Pain now (NRS)").selectOption("4");
  const status = page.getByTestId("save-status");
  expect(await status.getAttribute("aria-live")).toBe("polite");
  await page.keyboard.press("Control+s");
  await status.filter({ hasText: /^Draft saved at / }).waitFor();
  expect(await page.getByRole("button", { name: "Save draft" }).getAttribute("aria-keyshortcuts")).toBe("Control+S");
  expect(await ctrlSPrevented(page)).toBe(true);
  await status.filter({ hasText: /^Draft saved at / }).waitFor();

  // The draft is kept: the patient page offers to continue it.
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Continue draft" }).waitFor();

  // Discharging: the confirmation shows the notes as typed and names the draft intake it leaves out.
  await page.getByRole("link", { name: "Discharge…" }).click();
  await page.getByRole("heading", { name: /^Discharge: Left knee/ }).waitFor();
  await page.getByLabel("Reason for discharge").selectOption("self_discharged");
  await page.getByLabel("Notes").fill("Moving abroad; exercises given to continue.");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  const confirm = page.getByRole("dialog", { name: "Discharge this episode?" });
  await confirm.waitFor();
  const asked = await confirm.innerText();
  expect(asked).toMatch(/Notes\s+Moving abroad; exercises given to continue\./);
  const drafts = confirm.getByTestId("discharge-drafts");
  expect(await drafts.innerText()).toMatch(
    /Not in this discharge: 1 draft assessment, not signed[\s\S]*Intake of \d{1,2} [A-Z][a-z]{2} \d{4}/,
  );
  // Focus starts on the confirm button (the intended element, not the last one tried).
  expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-confirm") ?? false)).toBe(true);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await confirm.waitFor({ state: "hidden" });
  expect(await page.getByText("The discharge is part of the record.").count()).toBe(0);
  await context.close();
});

it("saves the referral draft with Ctrl+S, announced, and keeps what was saved", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients?urgency=urgent");
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").click();
  await page.getByRole("main").getByRole("link", { name: "Referrals", exact: true }).last().click();
  await page.getByRole("button", { name: "Start referral" }).click();
  await page.getByRole("heading", { name: "Referral (draft)" }).waitFor();
  await page.locator("html[data-navigation-progress=ready]").waitFor({ state: "attached" });
  const question = "Saved with Ctrl+S: please advise on imaging.";
  await page.locator("#question").fill(question);
  const status = page.getByTestId("referral-save-status");
  expect(await status.getAttribute("aria-live")).toBe("polite");
  await page.keyboard.press("Control+s");
  await page.getByText("Referral draft saved.").waitFor();
  await status.filter({ hasText: "Draft saved" }).waitFor();
  expect(await page.getByRole("button", { name: "Save and update preview" }).getAttribute("aria-keyshortcuts")).toBe("Control+S");
  expect(await ctrlSPrevented(page)).toBe(true);
  await page.reload();
  await page.getByRole("heading", { name: "Referral (draft)" }).waitFor();
  expect(await page.locator("#question").inputValue()).toBe(question);
  await context.close();
});
