/**
 * From screen to care (issue 14): treatment given at each visit, then a
 * discharge with its reason and the outcome against the baseline, shown on
 * the record and in GET /api/v1/patients/{id}.
 */
import type { Browser } from "playwright-core";
import { BASE_URL, httpSession, launch, newContext, registerRunnerWithEpisode, signAssessmentInForm, signIn, tourShot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("records treatment given, then discharges with a reason and the outcome", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const mrn = `E2E-CARE-${Date.now()}`;
  const patientUrl = await registerRunnerWithEpisode(page, {
    from: "link",
    mrn,
    given: "Dora",
    family: "Discharged",
    birthDate: "1988-03-09",
    complaint: "Inner knee pain on long runs",
    mechanism: "gradual",
  });

  // Intake with treatment: gait retraining needs its cadence target, named next to the field.
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("6");
  await page.getByRole("checkbox", { name: "Education about the condition" }).check();
  await page.getByRole("checkbox", { name: "Gait retraining" }).check();
  await page.getByText("Enter the cadence target of the gait retraining (steps/min)").waitFor();
  await page.getByLabel("Cadence target (steps/min)").fill("172");
  await page.getByLabel("Gait retraining: notes").fill("Metronome on easy runs");
  await signAssessmentInForm(page, "Examination deferred to the next visit");
  expect(await page.getByTestId("treatment-given").innerText()).toMatch(
    /Education about the condition\s+Gait retraining \(cadence target 172 steps\/min\): Metronome on easy runs/,
  );

  // Follow-up: pain 6 -> 1.
  await page.getByRole("link", { name: "Back to the patient" }).click();
  await page.getByRole("link", { name: "Record follow-up" }).click();
  await page.getByRole("heading", { name: "Follow-up assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("1");
  await page.getByRole("checkbox", { name: "Gait retraining" }).check();
  await page.getByLabel("Cadence target (steps/min)").fill("176");
  await signAssessmentInForm(page, "Examination deferred to the next visit");
  await page.goto(patientUrl);
  expect(await page.getByTestId("treatment-line").innerText()).toMatch(
    /Education about the condition \(1 visit\) · Gait retraining \(2 visits\)/,
  );

  // Discharge: the outcome first; without a reason it is refused naming the field.
  await page.getByRole("link", { name: "Discharge…" }).click();
  await page.getByRole("heading", { name: /^Discharge: Left knee/ }).waitFor();
  const pain = page.getByTestId("discharge-outcome").getByRole("row", { name: /Pain now/ });
  expect(await pain.innerText()).toMatch(/6\/10\s+1\/10\s+−5 points\s+2 points \(lower is better\)\s+Improved/);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Reason for discharge").selectOption("returned_to_full_running");
  await page.getByLabel("Returned to running on (if they did)").fill(today);
  await tourShot(page, "12-discharge");
  await page.getByLabel("Reason for discharge").selectOption("");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  await page.getByText("Choose why the episode ends").first().waitFor();
  await page.getByLabel("Reason for discharge").selectOption("other");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  await page.getByText("Write why the episode ends when the reason is Other").first().waitFor();
  await page.getByLabel("Reason for discharge").selectOption("returned_to_full_running");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  // Discharging asks first, saying what it freezes; cancelling sends nothing.
  const confirm = page.getByRole("dialog", { name: "Discharge this episode?" });
  await confirm.waitFor();
  const asked = await confirm.innerText();
  expect(asked).toContain("Returned to full running");
  expect(asked).toMatch(/Returned to running\s+\d{1,2} [A-Z][a-z]{2} \d{4}/);
  expect(asked).toMatch(/1 measure, baseline .*, final /);
  await page.keyboard.press("Escape");
  await confirm.waitFor({ state: "hidden" });
  expect(await page.getByText("The discharge is part of the record.").count()).toBe(0);
  await page.getByRole("button", { name: "Discharge episode" }).click();
  await confirm.getByRole("button", { name: "Discharge", exact: true }).click();
  // The page now shows the discharge, kept on the record.
  await page.getByText("The discharge is part of the record.").waitFor();
  await page.getByTestId("discharge").waitFor();
  await page.getByRole("link", { name: "Back to the patient" }).click();
  await page.getByRole("button", { name: "Reopen" }).waitFor();
  const discharge = page.getByTestId("discharge");
  await discharge.waitFor();
  expect(await discharge.innerText()).toMatch(/Returned to full running/);
  expect(await page.getByRole("link", { name: "Discharge…" }).count()).toBe(0);

  // The API gives the discharge with its outcome.
  const cookie = await httpSession("clinician@riverside.example");
  const patientId = new URL(patientUrl).pathname.split("/")[2]!;
  const res = await fetch(`${BASE_URL()}/api/v1/patients/${patientId}`, { headers: { Cookie: cookie } });
  const body = (await res.json()) as { episodes: { discharge: { reason: string; returnToRunningOn: string; outcome: unknown } | null }[] };
  expect(body.episodes[0]!.discharge).toMatchObject({
    reason: "returned_to_full_running",
    outcome: { measures: [{ measure: "painNow", baseline: 6, final: 1, difference: -5, change: "improved" }] },
  });
  await context.close();
});
