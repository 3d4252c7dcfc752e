/**
 * Nothing typed is lost (issue 12, item 1): leaving a form with unsaved
 * changes asks first, a save that fails on the way keeps the entries and
 * says so, opening an intake creates no draft, and a second open episode of
 * the same knee is refused with a link to the open one; a duplicate made by
 * mistake is withdrawn as opened in error.
 */
import type { Browser, Page } from "playwright-core";
import { launch, newContext, openNewEpisode, registerRunner, signIn, until } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const registerNora = (page: Page, family: string) =>
  registerRunner(page, { mrn: `NL-${Date.now()}`, given: "Nora", family, birthDate: "1988-02-03" });

it("refuses a second open episode of the same knee with a link to the open one, and withdraws a duplicate as opened in error", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerNora(page, "Duplicate");

  await openNewEpisode(page, { complaint: "Lateral knee pain" });
  // A second click on "Open episode" for the same knee (or both knees) is refused, naming and linking the open one.
  const form = page.getByRole("form", { name: "New episode" });
  await form.getByLabel("Knee").selectOption("both");
  await form.getByLabel("Complaint").fill("Both knees ache");
  await form.getByRole("button", { name: "Open episode" }).click();
  await form.getByText(/the left knee is already in one \("Lateral knee pain"/).waitFor();
  expect(await form.getByLabel("Complaint").inputValue()).toBe("Both knees ache"); // kept
  const link = form.getByRole("link", { name: "Go to the open episode: Lateral knee pain" });
  expect(await link.getAttribute("href")).toMatch(/^\/patients\/[0-9a-f-]{36}#episode-[0-9a-f-]{36}$/);
  expect(await page.getByRole("heading", { name: /Both knees: Both knees ache/ }).count()).toBe(0);

  // The right knee is free; an episode opened by mistake is withdrawn, kept struck through, not discharged.
  await form.getByLabel("Knee").selectOption("right");
  await form.getByLabel("Complaint").fill("Opened by mistake");
  await form.getByRole("button", { name: "Open episode" }).click();
  await page.getByRole("heading", { name: /Right knee: Opened by mistake/ }).waitFor();
  const card = page.getByRole("region", { name: /Right knee: Opened by mistake/ });
  await card.getByRole("button", { name: "Opened in error…" }).click();
  const withdraw = page.getByRole("form", { name: "Withdraw as opened in error" });
  await withdraw.getByRole("button", { name: "Withdraw as opened in error" }).click();
  await withdraw.getByText("Enter the reason").waitFor();
  await withdraw.getByLabel("Why was it opened in error?").fill("Clicked the wrong knee");
  await withdraw.getByRole("button", { name: "Withdraw as opened in error" }).click();
  await page.getByTestId("opened-in-error").filter({ hasText: "Clicked the wrong knee" }).waitFor();
  expect(page.url()).toBe(patientUrl);
  await context.close();
});

it("asks before leaving a form with unsaved changes, and opening an intake creates no draft", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerNora(page, "Leaving");
  await openNewEpisode(page, { side: "right", complaint: "Inner knee pain" });
  await page.getByRole("heading", { name: /Right knee: Inner knee pain/ }).waitFor();

  // Opening the intake and leaving without entering anything: no question, no draft.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  const dialogs: string[] = [];
  let answer: "stay" | "leave" = "stay";
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void (answer === "stay" ? d.dismiss() : d.accept());
  });
  // Hydrated: the leave guard would be listening now (no fixed wait).
  await page.locator("html[data-navigation-progress=ready]").waitFor({ state: "attached" });
  await page.getByRole("link", { name: "Caseload" }).click();
  await page.waitForURL("**/patients");
  expect(dialogs).toEqual([]);
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Record intake" }).waitFor();
  expect(await page.getByRole("link", { name: "Continue draft" }).count()).toBe(0);

  // Something entered: a link within the app asks first; "stay" keeps the page and what was typed.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByLabel("Pain now (NRS)").selectOption("4");
  await page.getByRole("link", { name: "Caseload" }).click();
  await until(() => dialogs.length === 1, "the leave question");
  expect(dialogs[0]).toMatch(/^confirm: .*unsaved changes/);
  expect(page.url()).toMatch(/\/assessments\/new\?kind=intake$/);
  expect(await page.getByLabel("Pain now (NRS)").inputValue()).toBe("4");
  // The second time the clinician chooses to leave.
  answer = "leave";
  await page.getByRole("link", { name: "Caseload" }).click();
  await page.waitForURL("**/patients");
  expect(dialogs).toHaveLength(2);

  // A plain form (new episode) asks too; leaving the page (reload, another address, closing the tab) gets the browser's own question.
  answer = "stay";
  await page.goto(patientUrl);
  await page.getByRole("button", { name: "Open a new episode" }).click();
  await page.getByRole("form", { name: "New episode" }).getByLabel("Complaint").fill("Typed, not saved");
  await page.getByRole("link", { name: "Caseload" }).click();
  await until(() => dialogs.length === 3, "the leave question");
  expect(page.url()).toBe(patientUrl);
  expect(await page.getByRole("form", { name: "New episode" }).getByLabel("Complaint").inputValue()).toBe("Typed, not saved");
  await expect(page.goto("/referrals")).rejects.toThrow(/ERR_ABORTED/);
  await until(() => dialogs.length === 4, "the leave question");
  expect(dialogs[3]).toMatch(/^beforeunload/);
  expect(page.url()).toBe(patientUrl);
  expect(await page.getByRole("form", { name: "New episode" }).getByLabel("Complaint").inputValue()).toBe("Typed, not saved");
  await context.close();
});

it("keeps the entries of a demographics edit whose save is refused or fails on the way, and says so", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerNora(page, "Offline");
  await page.goto(`${patientUrl}/edit`);
  // A refused save: the focus moves to the error summary, whose link takes it to the field; the entries stay.
  await page.getByLabel("Given name").fill("");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByTestId("error-summary");
  await summary.getByRole("link", { name: "Given name" }).waitFor();
  await page.getByText("Enter the given name").waitFor(); // the message, beside the field
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("error-summary");
  await summary.getByRole("link", { name: "Given name" }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("givenName");
  expect(await page.getByLabel("Phone").inputValue()).toBe("+44 20 7946 0000");
  await page.getByLabel("Given name").fill("Nora");
  await page.getByLabel("Family name").fill("Offline-Edited");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText(/did not reach the server/).waitFor();
  expect(await page.getByLabel("Family name").inputValue()).toBe("Offline-Edited");
  expect(await page.getByLabel("Phone").inputValue()).toBe("+44 20 7946 0000");
  // Back online, the same entries are saved.
  await context.setOffline(false);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("heading", { name: "Offline-Edited, Nora" }).waitFor();
  await context.close();
});

it("asks before the browser's back or forward button leaves a form with unsaved changes", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerNora(page, "Backward");
  await openNewEpisode(page, { complaint: "Outer knee pain" });
  await page.getByRole("heading", { name: /Left knee: Outer knee pain/ }).waitFor();
  const dialogs: string[] = [];
  let answer: "stay" | "leave" = "stay";
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void (answer === "stay" ? d.dismiss() : d.accept());
  });

  // In-app navigation to the intake, something entered (clicked and chosen, as a clinician does), then Back: asked first.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").click();
  await page.getByLabel("Pain now (NRS)").selectOption("5");
  const intakeUrl = page.url();
  await page.evaluate(() => history.back());
  await until(() => dialogs.length === 1, "the leave question");
  expect(dialogs[0]).toMatch(/^confirm: .*unsaved changes/);
  // "Stay": the same page, what was typed still there.
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  expect(page.url()).toBe(intakeUrl);
  expect(await page.getByLabel("Pain now (NRS)").inputValue()).toBe("5");
  // "Leave": back to the runner's page.
  answer = "leave";
  await page.getByLabel("Pain now (NRS)").click();
  await page.evaluate(() => history.back());
  await page.waitForURL(patientUrl);
  expect(dialogs).toHaveLength(2);

  // Forward from a page with a form typed in asks as well; nothing typed, no question.
  answer = "stay";
  await page.getByRole("button", { name: "Open a new episode" }).click();
  await page.getByRole("form", { name: "New episode" }).getByLabel("Complaint").click();
  await page.keyboard.type("Typed, not saved");
  await page.evaluate(() => history.forward());
  await until(() => dialogs.length === 3, "the leave question");
  expect(page.url()).toBe(patientUrl);
  expect(await page.getByRole("form", { name: "New episode" }).getByLabel("Complaint").inputValue()).toBe("Typed, not saved");
  await context.close();
});
