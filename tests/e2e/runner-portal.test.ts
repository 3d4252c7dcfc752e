/**
 * The runner's own voice (issue 13), in Chromium on a phone-sized viewport
 * (390x844): a questionnaire answered step by step, left and resumed on the
 * same link, checked and sent once; the neutral 404 page for a used, wrong or
 * malformed link; a diary day that raises an alert. The links are made over
 * the clinicians' API (the patient page's forms are covered with the loop).
 */
import type { Browser } from "playwright-core";
import { BASE_URL, httpSession, launch, newContext, registerRunnerWithEpisode, signIn, tourShot } from "./browser";
import { answerStep, choose, clinicApi, openEpisode as openEpisodeOf, phone as phoneOf } from "./runner";

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
const openEpisode = (skip: number) => openEpisodeOf(api, skip);
const phone = () => phoneOf(browser);

it("a runner answers a questionnaire on a phone: plain steps, a missing answer named, resumed later, sent once", async () => {
  const { episodeId } = await openEpisode(3);
  const made = await api("POST", `/api/v1/episodes/${episodeId}/questionnaire-requests`, {
    instruments: ["pain", "koos", "psfs", "tegner", "screen"],
    expiresInDays: 7,
  });
  expect(made.status).toBe(201);
  const url: string = made.json.url;

  const page = await phone();
  await page.goto(url);
  await page.getByRole("heading", { name: "Questions about your knee" }).waitFor();
  await page.getByText("Step 1 of 6").waitFor();
  // Nothing of the app: no sign-in, no navigation.
  expect(await page.getByRole("link").count()).toBe(0);
  expect(await page.getByText(/sign in/i).count()).toBe(0);
  await tourShot(page, "12-runner-questionnaire-phone");

  // A missing answer is named beside its question, in plain words.
  await page.getByRole("button", { name: "Save and continue" }).click();
  const painNow = page.getByRole("group", { name: "Pain now" });
  await painNow.getByText("Answer this question").waitFor();
  await answerStep(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Your knee in daily life and sport" }).waitFor();
  await answerStep(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Activities that are hard for you" }).waitFor();

  // Leave and come back on the same link: the saved answers are kept, the page opens where the runner stopped.
  await page.goto(url);
  await page.getByRole("heading", { name: "Activities that are hard for you" }).waitFor();
  await answerStep(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Your activity level" }).waitFor();
  await answerStep(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Important questions about your knee" }).waitFor();
  await answerStep(page, {
    "Is your knee swollen, so that you can see it?": "Yes",
    "Does your knee get stuck, so that you cannot straighten it?": "Yes",
  });
  await tourShot(page, "13-runner-red-flag-screen");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Check and send" }).waitFor();
  await page.getByText("Is your knee swollen, so that you can see it?: Yes").waitFor();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.getByRole("heading", { name: /Thank you/ }).waitFor();

  // Used: the one neutral page, a 404 that names nothing.
  const again = await page.goto(url);
  expect(again?.status()).toBe(404);
  await page.getByRole("heading", { name: "This link does not work" }).waitFor();
  expect(await page.locator("body").innerText()).not.toMatch(/Riverside|sign in/i);

  const list = await api("GET", `/api/v1/episodes/${episodeId}/questionnaire-requests`);
  expect(list.json.items[0]).toMatchObject({ status: "completed", reportedRedFlags: ["symptoms.visibleSwelling", "symptoms.locking"] });
  await page.context().close();
});

it("a second submit is refused with the reason, the answers still on screen", async () => {
  const { episodeId } = await openEpisode(4);
  const made = await api("POST", `/api/v1/episodes/${episodeId}/questionnaire-requests`, { instruments: ["pain"] });
  const page = await phone();
  await page.goto(made.json.url);
  await answerStep(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("heading", { name: "Check and send" }).waitFor();
  // Sent meanwhile from another tab.
  const token = new URL(made.json.url).pathname.slice(3);
  const other = await fetch(`${BASE_URL()}/api/r/${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers: { symptoms: { painNow: 1, painWorstWeek: 2 } } }),
  });
  expect(other.status).toBe(201);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.getByRole("alert").filter({ hasText: "Already sent" }).waitFor();
  await page.getByText(/you have already sent your answers/).waitFor();
  await page.getByText("Pain now: 10 of 10").waitFor();
  await page.context().close();
});

it("a wrong, malformed or withdrawn link shows the same neutral 404 page", async () => {
  const { episodeId } = await openEpisode(5);
  const made = await api("POST", `/api/v1/episodes/${episodeId}/questionnaire-requests`, { instruments: ["pain"] });
  expect((await api("POST", `/api/v1/episodes/${episodeId}/questionnaire-requests/${made.json.id}/withdraw`)).status).toBe(200);
  const url: string = made.json.url;
  const wrong = url.slice(0, -4) + (url.endsWith("AAAA") ? "BBBB" : "AAAA");
  const page = await phone();
  const texts: string[] = [];
  for (const target of [url, wrong, `${BASE_URL()}/r/not-a-token`, `${BASE_URL()}/r/${"q".repeat(66)}/more`, `${BASE_URL()}/r`]) {
    const res = await page.goto(target);
    expect(res?.status()).toBe(404);
    // The page's own words once drawn (not the body's: Next's route announcer in it fills in after hydration, on its own time).
    await page.getByRole("heading", { name: "This link does not work" }).waitFor();
    texts.push(await page.locator("main").innerText());
  }
  expect(new Set(texts).size).toBe(1);
  expect(texts[0]).toMatch(/This link does not work/);
  await page.context().close();
});

it("a diary day with swelling raises an alert the caseload shows", async () => {
  const { episodeId } = await openEpisode(6);
  const until = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  const made = await api("POST", `/api/v1/episodes/${episodeId}/diary-links`, { validUntil: until });
  expect(made.status).toBe(201);
  const page = await phone();
  await page.goto(made.json.url);
  await page.getByRole("heading", { name: "Your running diary" }).waitFor();
  await choose(page.getByRole("radio", { name: "I ran" }));
  await page.getByLabel("Distance").fill("abc");
  await page.getByRole("button", { name: "Save this day" }).click();
  await page.getByText("Write the distance as a number, like 5 or 6.5").waitFor();
  await page.getByLabel("Distance").fill("6.5");
  await page.getByLabel("Time (optional)").fill("38:30");
  await choose(page.getByRole("group", { name: "Knee pain during the run" }).getByRole("radio", { name: "2", exact: true }));
  await choose(page.getByRole("group", { name: "Knee pain right after the run" }).getByRole("radio", { name: "3", exact: true }));
  await choose(page.getByRole("group", { name: "Was your knee swollen?" }).getByRole("radio", { name: "Yes" }));
  await tourShot(page, "14-runner-diary-phone");
  await page.getByRole("button", { name: "Save this day" }).click();
  await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
  await page.getByText("Your clinic will look at this entry").waitFor();
  await page.getByText("Run, 6.5 km in 38 min 30 s").waitFor();

  const diary = await api("GET", `/api/v1/episodes/${episodeId}/diary`);
  expect(diary.json.alerts.map((a: { code: string }) => a.code)).toContain("swelling");
  await page.context().close();
});

it("the whole loop: a clinician asks, the runner answers on a phone, the caseload shows it, the intake is pre-filled and signed", async () => {
  const clinic = await (await newContext(browser)).newPage();
  await signIn(clinic, "clinician@riverside.example");
  // A family name of its own, so that a second run against the same server finds its own row.
  const family = `Loop${Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
  const patientUrl = await registerRunnerWithEpisode(clinic, {
    from: "link",
    mrn: `LOOP-${Date.now()}`,
    given: "Rosa",
    family,
    birthDate: "1990-03-14",
    complaint: "Inner knee pain on long runs",
    mechanism: "gradual",
  });

  // The request: pain and the red-flag screen, a week.
  await clinic.getByRole("heading", { name: "Questionnaires by link" }).waitFor();
  for (const name of ["KOOS", "PSFS", "Tegner activity level"]) await clinic.getByRole("checkbox", { name, exact: true }).uncheck();
  await clinic.getByRole("button", { name: "Make questionnaire link" }).click();
  const made = clinic.getByTestId("made-link");
  await made.waitFor();
  const url = await made.getByRole("textbox").inputValue();
  expect(url).toMatch(/\/r\/q[A-Za-z0-9_-]{65}$/);
  await made.locator("[data-print-slip] svg").waitFor();
  await tourShot(clinic, "15-clinician-makes-link");

  // The runner, on a phone.
  const phonePage = await phone();
  await phonePage.goto(url);
  await phonePage.getByRole("heading", { name: "Your pain" }).waitFor();
  await answerStep(phonePage);
  await phonePage.getByRole("button", { name: "Save and continue" }).click();
  await phonePage.getByRole("heading", { name: "Important questions about your knee" }).waitFor();
  await answerStep(phonePage, {
    "Is your knee swollen, so that you can see it?": "Yes",
    "Does your knee get stuck, so that you cannot straighten it?": "Yes",
  });
  await phonePage.getByRole("button", { name: "Save and continue" }).click();
  await phonePage.getByRole("button", { name: "Send my answers" }).click();
  await phonePage.getByRole("heading", { name: "Thank you, Rosa" }).waitFor();
  await phonePage.context().close();

  // At once on the caseload: the tile, the row's marker, sorted with the red flags.
  await clinic.goto("/patients?returned=1");
  const row = clinic
    .getByTestId("caseload")
    .locator("tbody tr")
    .filter({ hasText: `${family}, Rosa` });
  await row.getByTestId("row-runner-reported").filter({ hasText: "Runner reported: swelling, locking" }).waitFor();
  expect(Number(await clinic.getByTestId("count-questionnaires-returned").innerText())).toBeGreaterThan(0);
  await tourShot(clinic, "16-caseload-runner-reported");

  // The intake starts from the runner's answers, each marked; a change keeps the runner's answer beside it.
  await clinic.goto(patientUrl);
  await clinic.getByTestId("runner-reported").filter({ hasText: "Runner reported: swelling, locking" }).waitFor();
  // In the header of every page of the runner's record, too, until it is reviewed.
  await clinic.getByTestId("header-runner-reported").filter({ hasText: "swelling, locking" }).waitFor();
  await clinic.getByRole("link", { name: "Record intake" }).click();
  await clinic.getByRole("heading", { name: "Intake assessment" }).waitFor();
  await clinic.getByText("Pre-filled from what the runner sent").waitFor();
  expect(await clinic.getByLabel("Pain now (NRS)").inputValue()).toBe("10");
  await clinic.getByLabel("Pain now (NRS)").selectOption("7");
  await clinic.getByText("changed; the runner answered: 10").waitFor();
  expect(await clinic.locator('[data-runner-reported="symptoms.locking"]').count()).toBe(1);
  await tourShot(clinic, "17-intake-prefilled-from-runner");
  await clinic.getByRole("button", { name: "Save draft" }).click();
  await clinic.getByTestId("save-status").filter({ hasText: "Draft saved" }).waitFor();
  // The draft reopened keeps where its answers came from: the marks, and the runner's answer beside the changed one.
  await clinic.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  await clinic.reload();
  await clinic.getByRole("heading", { name: "Intake assessment (draft)" }).waitFor();
  await clinic.getByText("Pre-filled from what the runner sent").waitFor();
  expect(await clinic.getByLabel("Pain now (NRS)").inputValue()).toBe("7");
  await clinic.getByText("changed; the runner answered: 10").waitFor();
  expect(await clinic.locator('[data-runner-reported="symptoms.locking"]').count()).toBe(1);
  await clinic.getByRole("button", { name: "Sign assessment" }).click();
  // The examination is not recorded in this test: the screen is incomplete, and the signer says why.
  const dialog = clinic.getByRole("dialog", { name: /^Sign this intake of/ });
  await dialog.getByRole("textbox", { name: /Reason the red-flag screen is incomplete/ }).fill("Examination at the visit tomorrow");
  await dialog.getByRole("button", { name: "Sign with the screen incomplete" }).click();
  await clinic.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();

  // The record keeps the runner's answer beside the one recorded.
  await clinic.getByTestId("runner-differences").waitFor();
  await clinic.getByText(/the runner answered 10, recorded 7/).waitFor();

  // Signed: the request is used by it and reviewed, so neither the header nor the caseload flags it any more.
  await clinic.goto(patientUrl);
  await clinic.getByRole("heading", { name: `${family}, Rosa` }).waitFor();
  expect(await clinic.getByTestId("header-runner-reported").count()).toBe(0);
  await clinic.goto("/patients?returned=1");
  expect(
    await clinic
      .getByTestId("caseload")
      .locator("tbody tr")
      .filter({ hasText: `${family}, Rosa` })
      .count(),
  ).toBe(0);
  await clinic.context().close();
});
