/**
 * A clinician's day in the browser: register a runner, record an intake
 * whose red flag appears live and then in the banner, sign it, fail to edit
 * it afterwards, add an addendum, and record a follow-up that shows its
 * changes against the baseline.
 */
import type { Browser, Page } from "playwright-core";
import {
  launch,
  newContext,
  openNewEpisode,
  registerRunner,
  registerRunnerWithEpisode,
  signAssessmentInForm,
  signIn,
  tourShot,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function answer(page: Page, question: RegExp, value: "Yes" | "No" | "Not asked") {
  await page.getByRole("group", { name: question }).getByText(value, { exact: true }).click();
}

it("records, signs, amends and follows up an assessment", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const mrn = `E2E-${Date.now()}`;

  // Register a runner.
  await page.getByRole("link", { name: "Register a runner" }).click();
  await page.getByRole("button", { name: "Register runner" }).click();
  await page.getByText("Enter the MRN").first().waitFor(); // bad input names the field, nothing saved
  await registerRunner(page, { from: "form on screen", mrn, given: "Edith", family: "Endtoend", birthDate: "1984-05-17" });
  expect(await page.getByTestId("red-flag-banner").getAttribute("data-urgency")).toBe("not_screened");

  // Open an episode.
  await openNewEpisode(page, { side: "right", complaint: "Inner knee pain after long runs", mechanism: "gradual" });
  await page.getByRole("link", { name: "Record intake" }).click();

  // Intake: the red flag appears in the live evaluation as it is answered.
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("6");
  await answer(page, /True locking/, "Yes");
  const live = page.getByRole("complementary", { name: "Live evaluation" });
  await live.getByTestId("red-flags").getByText("Locked knee").waitFor();
  expect(await live.getByText("Urgent", { exact: true }).count()).toBeGreaterThan(0);
  await answer(page, /Visible swelling/, "No");
  // Locked knee is urgent: running stops, and the screen is still incomplete.
  expect(await page.getByTestId("screen-status").innerText()).toMatch(/^Not yet screened: \d+ questions still to answer/);
  expect(await live.getByTestId("running-advice").getAttribute("data-mode")).toBe("stop");
  expect(await live.getByTestId("display-level").innerText()).toMatch(/Urgent\s*Screen incomplete/);
  await page.getByRole("checkbox", { name: /Reduce or modify running volume/ }).check();
  await page.evaluate(() => window.scrollTo(0, 0));
  await tourShot(page, "03-intake-live-red-flag");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByTestId("save-status").filter({ hasText: "Draft saved" }).waitFor();
  const draftUrl = page.url();
  expect(draftUrl).toMatch(/\/assessments\/[0-9a-f-]{36}$/);

  // A second tab holds the same draft open.
  const other = await context.newPage();
  await other.goto(draftUrl);
  await other.getByRole("heading", { name: /Intake assessment \(draft\)/ }).waitFor();

  // Sign in the first tab: the dialog says what will be frozen; Escape cancels and nothing is signed.
  await page.getByRole("button", { name: "Sign assessment" }).click();
  const dialog = page.getByRole("dialog", { name: /^Sign this intake of/ });
  await dialog.waitFor();
  const summary = await dialog.getByTestId("frozen-summary").innerText();
  expect(summary).toMatch(/Urgent\s*Screen incomplete/);
  expect(summary).toMatch(/Locked knee/);
  expect(summary).toMatch(/Red-flag screen\s*Incomplete: \d+ not assessed/);
  expect(summary).toMatch(/Stop running/);
  const reason = dialog.getByRole("textbox", { name: /Reason the red-flag screen is incomplete/ });
  expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true); // focus starts on the field it needs
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab"); // focus stays inside the dialog
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  expect(await page.getByRole("button", { name: "Save draft" }).count()).toBe(1); // still a draft
  // An incomplete screen is signed only with a reason: an empty one is refused, naming the field.
  await page.getByRole("button", { name: "Sign assessment" }).click();
  await dialog.getByRole("button", { name: "Sign with the screen incomplete" }).click();
  await dialog.getByText(/^Reason the red-flag screen is incomplete: state why/).waitFor();
  await reason.fill("Runner in acute pain: examination deferred to Friday");
  await dialog.getByRole("button", { name: "Sign with the screen incomplete" }).click();
  await page.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();
  expect(await page.getByTestId("record-screen-attestation").innerText()).toBe(
    "Screen incomplete: Runner in acute pain: examination deferred to Friday",
  );
  expect(await page.getByText("Signed assessments are read-only").count()).toBeGreaterThan(0);
  expect(await page.getByRole("button", { name: "Save draft" }).count()).toBe(0);
  // The banner now shows the red flag with its reason.
  const banner = page.getByTestId("red-flag-banner");
  expect(await banner.getAttribute("data-urgency")).toBe("urgent");
  expect(await banner.innerText()).toMatch(/Locked knee/);
  expect(await banner.getByTestId("screen-incomplete").innerText()).toBe(
    "Screen incomplete: Runner in acute pain: examination deferred to Friday",
  );
  await tourShot(page, "04-signed-with-banner");

  // Editing after signing is refused: the stale tab's save is rejected and nothing changes.
  await other.getByLabel("Pain now (NRS)").selectOption("2");
  await other.getByRole("button", { name: "Save draft" }).click();
  await other.getByRole("heading", { name: "This assessment has been signed" }).waitFor();
  await other.close();
  await page.reload();
  expect(await page.getByText("6 / 10").count()).toBeGreaterThan(0);

  // An addendum appears under the original.
  await page.getByLabel("Addendum", { exact: true }).fill("Runner recalled a twisting injury two weeks before onset.");
  await page.getByRole("button", { name: "Add addendum" }).click();
  await page.getByTestId("addenda").getByText("Runner recalled a twisting injury").waitFor();

  // The caseload marks the incomplete screen next to the flag that fired.
  await page.goto(`/patients?q=${mrn}`);
  const row = page.getByTestId("caseload").locator("tbody tr").first();
  expect(await row.locator("[data-screen-incomplete]").first().getAttribute("data-screen-incomplete")).toBe("true");
  expect(await row.innerText()).toMatch(/Urgent\s*Screen incomplete/);

  // Follow-up: pain 6 -> 2 is an important improvement against the baseline.
  await row.getByRole("link").first().click();
  await page.getByRole("link", { name: "Record follow-up" }).click();
  await page.getByRole("heading", { name: "Follow-up assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("2");
  // Start from the previous screen: each answer is offered, and counts only once confirmed or answered again.
  const status = page.getByTestId("screen-status");
  const unanswered = async () => Number(/Not yet screened: (\d+)/.exec(await status.innerText())?.[1]);
  const before = await unanswered();
  await page.getByRole("button", { name: /^Unchanged since \d+ \w+ \d{4}\? Review the previous screen \(2 answers\)$/ }).click();
  const carry = page.getByTestId("screen-carry");
  expect(await carry.innerText()).toMatch(/True locking[^\n]*: Yes on/);
  expect(await carry.innerText()).toMatch(/Visible swelling[^\n]*: No on/);
  expect(await unanswered()).toBe(before); // nothing assumed yet
  await carry.getByRole("button", { name: /^Unchanged: Visible swelling/ }).click();
  expect(
    await page
      .getByRole("group", { name: /Visible swelling/ })
      .getByRole("radio", { name: "No", exact: true })
      .isChecked(),
  ).toBe(true);
  expect(await unanswered()).toBe(before - 1);
  await answer(page, /True locking/, "No"); // changed since the intake: answered again
  await carry.getByText("Every previous answer is confirmed or answered again.").waitFor();
  await page.getByLabel("Response to treatment").selectOption("better");
  const liveChanges = page.getByRole("complementary", { name: "Live evaluation" });
  await liveChanges.getByText("Improved").first().waitFor();
  await signAssessmentInForm(page, "Follow-up by telephone: pain and response only");
  const change = page.getByRole("row", { name: /Pain now/ });
  expect(await change.innerText()).toMatch(/Improved\s+Improved/);
  await change.scrollIntoViewIfNeeded();
  await tourShot(page, "05-follow-up-changes");

  // The patient page lists both, with the change badges, and the timeline.
  await page.getByRole("link", { name: "Back to the patient" }).click();
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  await context.close();
});

it("refuses the second of two concurrent saves of a draft, shows what changed and keeps what was typed", async () => {
  const context = await newContext(browser);
  const a = await context.newPage();
  await signIn(a, "clinician@riverside.example");
  await a.goto("/patients?drafts=1");
  await a.getByTestId("caseload").locator("tbody tr").first().getByRole("link").click();
  await a.getByRole("link", { name: "Continue draft" }).first().click();
  await a.getByRole("heading", { name: /\(draft\)/ }).waitFor();
  const b = await context.newPage();
  await b.goto(a.url());
  await b.getByRole("heading", { name: /\(draft\)/ }).waitFor();

  await a.getByLabel("Pain now (NRS)").selectOption("3");
  await a.getByRole("button", { name: "Save draft" }).click();
  await a.getByTestId("save-status").filter({ hasText: "Draft saved" }).waitFor();

  await b.getByLabel("Pain now (NRS)").selectOption("8");
  await b.getByRole("button", { name: "Save draft" }).click();
  await b.getByRole("heading", { name: "Someone else saved this draft" }).waitFor();
  expect(await b.getByTestId("conflict-fields").innerText()).toMatch(/Pain now \(NRS\): theirs 3, yours 8/);
  expect(await b.getByLabel("Pain now (NRS)").inputValue()).toBe("8"); // nothing typed is lost

  await b.getByRole("button", { name: "Keep my version" }).click();
  await b.getByRole("button", { name: "Save draft" }).click();
  await b.getByTestId("save-status").filter({ hasText: "Draft saved" }).waitFor();
  await a.reload();
  expect(await a.getByLabel("Pain now (NRS)").inputValue()).toBe("8");
  await context.close();
});

it("keeps the live evaluation 'not yet screened' until every red-flag question is answered, then gives running advice", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await registerRunnerWithEpisode(page, {
    from: "link",
    mrn: `E2E-SCREEN-${Date.now()}`,
    given: "Sasha",
    family: "Screened",
    birthDate: "1991-02-03",
    complaint: "Inner knee ache after long runs",
    mechanism: "gradual",
  });
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();

  const live = page.getByRole("complementary", { name: "Live evaluation" });
  const level = live.getByTestId("display-level");
  // Nothing answered: never a green "Routine", and no running advice.
  await level.filter({ hasText: /Not yet screened: \d+ questions/ }).waitFor();
  expect(await level.getAttribute("data-level")).toBe("not_screened");
  expect(await live.getByTestId("running-advice").getAttribute("data-mode")).toBe("screen_incomplete");
  const countOf = async () => Number(/Not yet screened: (\d+)/.exec(await level.innerText())?.[1]);
  const before = await countOf();

  for (const q of [
    /Visible swelling/,
    /True locking/,
    /Catching/,
    /Giving way/,
    /Sharp pain on weight-bearing/,
    /Unable to bear weight \(4 steps\) now/,
    /Pain at rest/,
    /Night pain/,
    /New numbness or weakness/,
    /Cold or pale limb/,
    /Did the kneecap dislocate/,
    /dislocation of the knee joint itself/,
    /Calf swelling or tenderness/,
    /Hot, swollen joint/,
  ])
    await answer(page, q, "No");
  expect(await countOf()).toBeLessThan(before);
  expect(await level.getAttribute("data-level")).toBe("not_screened"); // the examination is still to do
  await page.getByLabel("Days the pain has persisted despite reduced training (days)").fill("3");
  await page.getByLabel("Effusion").selectOption("none");
  await page.getByRole("checkbox", { name: "Palpated" }).check();
  await page.getByLabel("Valgus stress at 0°").selectOption("normal");
  await answer(page, /Reduced hip internal rotation/, "No");

  // Every red flag assessed, none found: routine, with the pain-monitoring advice at the clinic's limit.
  await level.filter({ hasText: "Routine" }).waitFor();
  expect(await level.getAttribute("data-level")).toBe("routine");
  expect(await page.getByTestId("screen-status").innerText()).toMatch(/Screen complete/);
  const advice = live.getByTestId("running-advice");
  expect(await advice.getAttribute("data-mode")).toBe("pain_monitored");
  expect(await advice.innerText()).toMatch(/Pain up to 3 of 10 during the run, settled by the next morning/);

  // Calf swelling: the Wells calculator decides between emergency and urgent.
  await answer(page, /Calf swelling or tenderness/, "Yes");
  await live.getByTestId("red-flags").getByText("Suspected deep vein thrombosis").waitFor();
  expect(await level.getAttribute("data-level")).toBe("emergency"); // no Wells score: the higher level
  await page.getByRole("button", { name: "Score the Wells criteria" }).click();
  await page.getByTestId("wells-score").filter({ hasText: "Wells score 0: DVT unlikely" }).waitFor();
  await level.filter({ hasText: "Urgent" }).waitFor();
  await page.getByRole("checkbox", { name: /Calf swelling at least 3 cm/ }).check();
  await page.getByRole("checkbox", { name: /Previously documented DVT/ }).check();
  await page.getByTestId("wells-score").filter({ hasText: "Wells score 2: DVT likely" }).waitFor();
  await level.filter({ hasText: "Emergency" }).waitFor();
  expect(await advice.getAttribute("data-mode")).toBe("stop");
  await context.close();
});

it("sets the day the run log is complete from on the run log page", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await registerRunner(page, {
    from: "link",
    mrn: `E2E-LOG-${Date.now()}`,
    given: "Lou",
    family: "Logger",
    birthDate: "1988-08-08",
    sex: "male",
  });
  await page.getByRole("link", { name: "Run log" }).click();
  const start = page.getByTestId("run-log-start");
  await start.getByText("not known: no runs recorded").waitFor();
  const addRun = page.getByRole("form", { name: "Add a run" });
  await addRun.getByLabel("Date").fill("2026-01-10");
  await addRun.getByLabel("Distance").fill("8");
  await addRun.getByRole("button", { name: "Add run" }).click();
  await start.getByText("10 Jan 2026 (proposed from the first run)").waitFor();
  await start.getByLabel("Run log complete from").fill("2025-12-01");
  await start.getByRole("button", { name: "Save" }).click();
  await start.getByText("Run log complete from 1 Dec 2025.").waitFor();
  await start.getByText("1 Dec 2025 (set by a clinician)").waitFor();
  await start.getByLabel("Run log complete from").fill("2099-01-01");
  await start.getByRole("button", { name: "Save" }).click();
  await start.getByText("Enter a date the run log is complete from that is today or earlier").waitFor();
  await context.close();
});
