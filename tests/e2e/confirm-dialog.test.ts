/**
 * The confirmation dialog's keyboard (app/_components/ui/confirm-dialog.tsx):
 * opened, focus starts on the element it means (the signer's reason when the
 * red-flag screen is incomplete, else the confirm button; once it focused
 * both and the button won), Tab and Shift+Tab stay inside, Escape closes it
 * without doing anything, and focus returns to the button that opened it.
 * Through the two kinds of dialog the app has: signing an intake (a field
 * asking for focus) and discharging (none).
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

/** What has the focus: its id, its data-confirm mark and its words. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? "", confirm: el?.hasAttribute("data-confirm") ?? false, text: el?.innerText?.trim() ?? "" };
  });

/** Until the focus is on an element matching `selector`. */
const focusOn = (page: Page, selector: string) =>
  page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout: 10_000 });

it("focuses the intended element, keeps Tab inside, closes on Escape and gives the focus back to its opener", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerRunnerWithEpisode(page, {
    mrn: `CD-${Date.now()}`,
    given: "Dana",
    family: "Dialog",
    birthDate: "1988-02-03",
    complaint: "Inner knee pain after long runs",
  });
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.locator("html[data-navigation-progress=ready]").waitFor({ state: "attached" });
  await page.getByLabel("Pain now (NRS)").selectOption("4");

  // Signing with the red-flag screen incomplete: focus on the reason it asks for, not on the confirm button.
  const signButton = page.getByRole("button", { name: "Sign assessment" });
  await signButton.focus();
  await page.keyboard.press("Enter");
  const sign = page.getByRole("dialog", { name: /^Sign this intake/ });
  await sign.waitFor();
  await focusOn(page, "#screen-attestation");
  // Shift+Tab from the first field goes round to the last button; Tab from it comes back: the page behind is never reached.
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page)).confirm).toBe(true);
  await page.keyboard.press("Tab");
  expect((await focused(page)).id).toBe("screen-attestation");
  // Escape closes it, nothing signed, and the focus is back on "Sign assessment".
  await page.keyboard.press("Escape");
  await sign.waitFor({ state: "hidden" });
  expect((await focused(page)).text).toBe("Sign assessment");
  expect(await page.getByRole("button", { name: "Sign assessment" }).count()).toBe(1);
  // Opened again from there, it starts on the reason again.
  await page.keyboard.press("Enter");
  await sign.waitFor();
  await focusOn(page, "#screen-attestation");
  await sign.getByRole("button", { name: "Cancel" }).click();
  await sign.waitFor({ state: "hidden" });
  await focusOn(page, "button:not([data-confirm])");
  expect((await focused(page)).text).toBe("Sign assessment");

  // Discharging: no field asks for focus, so the confirm button has it (once the summary is up to date).
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Discharge…" }).click();
  await page.getByRole("heading", { name: /^Discharge: Left knee/ }).waitFor();
  await page.getByLabel("Reason for discharge").selectOption("self_discharged");
  const dischargeButton = page.getByRole("button", { name: "Discharge episode" });
  await dischargeButton.click();
  const discharge = page.getByRole("dialog", { name: "Discharge this episode?" });
  await discharge.waitFor();
  await focusOn(page, "dialog [data-confirm]");
  expect((await focused(page)).text).toBe("Discharge");
  await page.keyboard.press("Escape");
  await discharge.waitFor({ state: "hidden" });
  expect((await focused(page)).text).toBe("Discharge episode");
  expect(await page.getByText("The discharge is part of the record.").count()).toBe(0);
  await context.close();
});
