/**
 * PSFS as published (issue 9 item 5): no activity is scored by default, an
 * unscored activity is refused with a message naming it, and a follow-up
 * carries the intake's activities forward unchanged, each unscored until a
 * score is chosen, so each activity is compared with itself.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { launch, newContext, registerRunnerWithEpisode, signAssessmentInForm, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Chooses an answer as a keyboard user does: focus the radio button, press Space. */
async function choose(radio: Locator): Promise<void> {
  await radio.focus();
  await radio.page().keyboard.press("Space");
  expect(await radio.isChecked()).toBe(true);
}

const psfs = (page: Page) => page.locator("[data-instrument=psfs]");
const scoreOf = (page: Page, activity: string) => psfs(page).getByRole("group", { name: new RegExp(`^“${activity}”: score`) });

it("scores no PSFS activity by default, names an unscored one, and carries the intake's activities to the follow-up", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerRunnerWithEpisode(page, {
    from: "link",
    mrn: `E2E-PSFS-${Date.now()}`,
    given: "Pia",
    family: "Carried",
    birthDate: "1991-06-21",
    side: "right",
    complaint: "Front of knee pain on stairs",
    mechanism: "gradual",
  });

  // Intake: a new activity has no score; the form names it and will not sign until it has one.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("5");
  await psfs(page).getByRole("button", { name: "Add an activity" }).click();
  await page.getByLabel("Activity 1", { exact: true }).fill("Running 10 km");
  const running = scoreOf(page, "Running 10 km");
  await running.waitFor();
  expect(await running.getByRole("radio").count()).toBe(11);
  expect(await running.locator("input:checked").count()).toBe(0);
  expect(await running.locator("legend").innerText()).toMatch(/not scored/);
  await running.getByText("“Running 10 km”: Score the activity from 0 (unable) to 10").waitFor();
  expect(await page.getByRole("button", { name: "Sign assessment" }).isDisabled()).toBe(true);
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByText("Not saved: correct the fields marked in red first.").waitFor();
  // The words of both ends are the answers' names; the middle answers are their numbers.
  expect(await running.getByRole("radio", { name: "0: Unable to perform activity" }).count()).toBe(1);
  await choose(running.getByRole("radio", { name: "4", exact: true }));
  await psfs(page).getByRole("button", { name: "Add an activity" }).click();
  await page.getByLabel("Activity 2", { exact: true }).fill("Stairs");
  await choose(scoreOf(page, "Stairs").getByRole("radio", { name: "3", exact: true }));
  expect(await running.getByText(/: Score the activity/).count()).toBe(0);
  await signAssessmentInForm(page, "Examination at the next visit");
  expect(await page.getByText("PSFS: Running 10 km 4/10; Stairs 3/10").count()).toBe(1);

  // Follow-up: the intake's activities, by name and in order, not editable, none scored.
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Record follow-up" }).click();
  await page.getByRole("heading", { name: "Follow-up assessment" }).waitFor();
  await psfs(page)
    .getByText(/Carried forward from \d{1,2} [A-Z][a-z]{2} \d{4}/)
    .waitFor();
  const legends = await psfs(page).locator("[data-choice-row] legend").allInnerTexts();
  expect(legends.map((l) => l.replace(/:.*$/s, ""))).toEqual(["“Running 10 km”", "“Stairs”"]);
  expect(await psfs(page).getByRole("textbox").count()).toBe(0);
  expect(await psfs(page).getByRole("button", { name: "Add an activity" }).count()).toBe(0);
  expect(await psfs(page).locator("input:checked").count()).toBe(0);
  // Scoring one activity records PSFS at this visit: the other is then named until it has its own score.
  await page.getByLabel("Pain now (NRS)").selectOption("3");
  await choose(scoreOf(page, "Running 10 km").getByRole("radio", { name: "7", exact: true }));
  await scoreOf(page, "Stairs").getByText("“Stairs”: Score the activity").waitFor();
  expect(await page.getByRole("button", { name: "Sign assessment" }).isDisabled()).toBe(true);
  await choose(scoreOf(page, "Stairs").getByRole("radio", { name: "6", exact: true }));
  await signAssessmentInForm(page, "Examination at the next visit");
  expect(await page.getByText("PSFS: Running 10 km 7/10; Stairs 6/10").count()).toBe(1);
  await context.close();
});
