/**
 * The return-to-run plan in Chromium (issue 14 item 2): a plan is made from
 * the clinic's ladder; no running stage starts while there is no running
 * advice (the plan says why); under pain-monitored advice the first stage
 * starts once every entry criterion is recorded; a diary day over the pain
 * limit makes the app propose a step back, with its reason, which the
 * clinician confirms; a decision other than the proposal needs a reason,
 * kept in the history. An admin edits the clinic's ladder: a bad value is
 * refused naming the field, a good one saved.
 */
import type { Browser, Page } from "playwright-core";
import { BASE_URL, httpSession, launch, newContext, registerRunnerWithEpisode, signIn, tourShot } from "./browser";
import { clinicApi, type Json } from "./runner";

let browser: Browser;
let cookie: string;
beforeAll(async () => {
  browser = await launch();
  cookie = await httpSession("clinician@riverside.example");
});
afterAll(async () => {
  await browser?.close();
});

const api = clinicApi(() => cookie);

/** A demo runner's open episode without a plan or diary days whose latest signed assessment advises pain-monitored running. */
async function painMonitoredEpisode(): Promise<{ episodeId: string; patientId: string }> {
  const { json } = await api("GET", "/api/v1/patients?limit=80");
  for (const item of json.items as { id: string }[]) {
    const record = await api("GET", `/api/v1/patients/${item.id}`);
    const open = (record.json.episodes as Json[]).filter((e) => e.status === "open" && !e.returnToRun);
    if (!open.length) continue;
    const timeline = await api("GET", `/api/v1/patients/${item.id}/timeline`);
    for (const e of open) {
      const latest = (timeline.json.assessments as Json[])
        .filter((a) => a.episodeId === e.id && a.status === "signed")
        .sort((a, b) => String(b.assessedOn).localeCompare(String(a.assessedOn)))[0];
      if (latest?.evaluation?.runningAdvice?.mode !== "pain_monitored") continue;
      // Today's diary day is this test's: an episode whose runner already logged days is left to other tests.
      const diary = await api("GET", `/api/v1/episodes/${e.id}/diary`);
      if (diary.json.entries.length === 0) return { episodeId: e.id, patientId: item.id };
    }
  }
  throw new Error("no demo runner with an open episode under pain-monitored advice and no plan");
}

const section = (page: Page) => page.getByTestId("return-to-run").first();
const today = () => new Date().toISOString().slice(0, 10);

it("refuses a running stage while there is no running advice, saying why", async () => {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, "clinician@riverside.example");
  await registerRunnerWithEpisode(page, {
    from: "link",
    mrn: `E2E-RTR-${Date.now()}`,
    given: "Noor",
    family: "Unscreened",
    birthDate: "1991-05-14",
    side: "right",
    complaint: "Inner knee pain after long runs",
    mechanism: "gradual",
  });
  await page.getByRole("button", { name: "Make a return-to-run plan" }).click();
  await section(page).getByTestId("rtr-stage").filter({ hasText: "Not running yet" }).waitFor();
  const proposal = await section(page).getByTestId("rtr-proposal").innerText();
  expect(proposal).toContain(
    "Proposed: nothing yet. Keep the runner at not running: the running advice in force (No running advice until the screen is complete) allows no running stage.",
  );
  // Starting anyway is refused with the reason.
  await section(page).getByRole("radio", { name: "Start running (stage 1)" }).check();
  for (const c of ["Walks 30 minutes", "10 single-leg hops", "Controlled single-leg squat"])
    await section(page)
      .getByRole("checkbox", { name: new RegExp(c) })
      .check();
  await section(page)
    .getByRole("button", { name: /Confirm|Record this decision/ })
    .click();
  await section(page)
    .getByTestId("error-summary")
    .filter({
      hasText:
        "Keep the runner at not running: the running advice in force (No running advice until the screen is complete) allows no running stage",
    })
    .waitFor();
  expect(await section(page).getByTestId("rtr-stage").innerText()).toMatch(/Not running yet/);
  await page.context().close();
});

it("starts the plan, proposes a step back from the diary, confirms it, and keeps the reason of an override", async () => {
  const { episodeId, patientId } = await painMonitoredEpisode();
  const page = await (await newContext(browser)).newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto(`${BASE_URL()}/patients/${patientId}`);
  const plan = page.getByTestId("return-to-run").filter({ has: page.locator(`#rtr-${episodeId}-title`) });
  await plan.getByRole("button", { name: "Make a return-to-run plan" }).click();
  await plan.getByTestId("rtr-proposal").filter({ hasText: "Proposed: start running (stage 1)." }).waitFor();
  expect(await plan.getByRole("list", { name: "Stages of the plan" }).getByRole("listitem").count()).toBe(7);

  // Every entry criterion must be met: the unticked one is named.
  await plan.getByRole("checkbox", { name: /Walks 30 minutes/ }).check();
  await plan.getByRole("checkbox", { name: /10 single-leg hops/ }).check();
  await plan.getByRole("button", { name: "Confirm" }).click();
  await plan.getByText("Record every entry criterion as met before the first running stage").first().waitFor();
  await plan.getByRole("checkbox", { name: /Controlled single-leg squat/ }).check();
  await plan.getByRole("button", { name: "Confirm" }).click();
  await plan.getByTestId("rtr-stage").filter({ hasText: "Stage 1 of 7" }).waitFor();
  expect(await plan.getByTestId("rtr-stage").innerText()).toMatch(/Walk 4 min, run 1 min, 6 times \(30 min\), 3 sessions a week/);

  // The runner logs today's run at 6/10 during it: above the limit of 3.
  const link = await api("POST", `/api/v1/episodes/${episodeId}/diary-links`, {
    validUntil: new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(link.status).toBe(201);
  const token = String(link.json.url).slice(String(link.json.url).indexOf("/r/") + 3);
  const day = await fetch(`${BASE_URL()}/api/r/${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      date: today(),
      kind: "run",
      distance: 3,
      duration: "30:00",
      surface: "road",
      painDuring: 6,
      painAfter: 5,
      swelling: false,
    }),
  });
  expect(day.status).toBe(201);
  await page.reload();
  const proposal = plan.getByTestId("rtr-proposal");
  await proposal.filter({ hasText: "Proposed: step back a stage." }).waitFor();
  expect(await proposal.innerText()).toMatch(/Pain 6\/10 during the run on .*: above the limit of 3\/10\. Step back to not running\./);
  await plan.getByRole("heading", { name: "Return to running" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
  await tourShot(page, "32-return-to-run-plan");
  expect(await plan.getByRole("radio", { name: /Step back a stage/ }).isChecked()).toBe(true);
  await plan.getByRole("button", { name: "Confirm" }).click();
  await plan.getByText("Recorded: step back a stage. Now not running yet.").waitFor();

  // Choosing other than the proposal (start) needs a reason, kept in the history.
  await plan.getByTestId("rtr-proposal").filter({ hasText: "Proposed: start running (stage 1)." }).waitFor();
  await plan.getByRole("radio", { name: "Hold this stage" }).check();
  await plan.getByRole("button", { name: "Record this decision" }).click();
  await plan
    .getByText(/Give your reason for choosing differently from the proposal \(start\)/)
    .first()
    .waitFor();
  await plan.getByLabel("Your reason for choosing differently (required)").fill("Walking only until the review on Friday");
  await plan.getByRole("button", { name: "Record this decision" }).click();
  await plan.getByText("Recorded: hold this stage. Now not running yet.").waitFor();
  const history = plan.getByRole("table", { name: "History of the plan" });
  const rows = await history.getByRole("row").allInnerTexts();
  expect(rows[1]).toMatch(/Hold this stage[\s\S]*Walking only until the review on Friday/);
  expect(rows[2]).toMatch(/Step back a stage[\s\S]*stage 1 → not running[\s\S]*Pain 6\/10 during the run[\s\S]*As proposed/);
  expect(rows[3]).toMatch(/Start running \(stage 1\)[\s\S]*Entry criteria met: walks 30 minutes briskly without pain; 10 single-leg hops/);

  // The timeline shows the stages against the diary's pain (the table under the chart: today, stage 0 after the step back).
  const table = page.locator("#timeline-diary-chart-table");
  expect(await table.locator("thead").textContent()).toContain("Return-to-run stage");
  expect(await page.getByRole("img", { name: /^Runner's diary pain, .*; return-to-run stage 0\.$/ }).count()).toBe(1);

  // The API gives the same history.
  const got = await api("GET", `/api/v1/episodes/${episodeId}/return-to-run`);
  expect(got.json.returnToRun.history.map((d: Json) => [d.step, d.toStage, d.reason])).toEqual([
    ["start", 1, null],
    ["step_back", 0, null],
    ["hold", 0, "Walking only until the review on Friday"],
  ]);
  await page.context().close();
});

it("an admin edits the clinic's ladder: a bad value is refused naming the field, a good one saved", async () => {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, "admin@riverside.example");
  await page.goto(`${BASE_URL()}/admin/settings`);
  const form = page.getByRole("form", { name: "Return-to-run ladder" });
  await form.getByLabel("Stage 2: run (min)").fill("500");
  await form.getByRole("button", { name: "Save the ladder" }).click();
  await form.getByText("Enter the run minutes as a whole number from 1 to 120 minutes").first().waitFor();
  expect(await form.getByLabel("Stage 2: run (min)").getAttribute("aria-invalid")).toBe("true");
  // The stage's words follow the fields; a good value is saved (the default's, so other tests' plans are unchanged).
  await form.getByLabel("Stage 2: run (min)").fill("2");
  await form.getByRole("button", { name: "Save the ladder" }).click();
  await form.getByText(/^Return-to-run ladder saved \(7 stages\)\. It applies to plans made from now on/).waitFor();
  await page.reload();
  expect(await form.getByLabel("Stage 2: run (min)").inputValue()).toBe("2");
  await page.context().close();
});
