/**
 * The exercise programme as a clinician and a runner use it (issue 14 item
 * 1): prescribed from the library on the patient page (a dosage out of range
 * named next to its field), changed (a new version; the history says who
 * changed what), the handout downloaded (stored bytes, ETag), ticked off by
 * the runner on their phone link, the adherence seen back on the patient
 * page, then stopped with a reason.
 */
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { pdfText } from "../fixtures/referral/pdf-text";
import { BASE_URL, httpSession, launch, newContext, registerRunnerWithEpisode, signIn, tourShot } from "./browser";

let browser: Browser;
let cookie: string;
beforeAll(async () => {
  browser = await launch();
  cookie = await httpSession("clinician@riverside.example");
});
afterAll(async () => {
  await browser?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${BASE_URL()}${path}`, { headers: { Cookie: cookie, ...headers } });

it("prescribe, change, download the handout, the runner ticks, the clinician sees adherence, stop", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const patientUrl = await registerRunnerWithEpisode(page, {
    from: "link",
    mrn: `E2E-PROG-${Date.now()}`,
    given: "Priya",
    family: "Programmed",
    birthDate: "1991-06-14",
    side: "right",
    complaint: "Inner knee pain after long runs",
    mechanism: "gradual",
  });
  const section = page.getByTestId("programme");
  await section.getByText("No exercise programme yet.").waitFor();
  expect(await section.getByRole("link", { name: "Download handout (PDF)" }).count()).toBe(0);

  // Prescribe: two exercises from the library; a dosage out of range is named next to its field, nothing saved.
  await section.getByRole("button", { name: "Prescribe exercises" }).click();
  const library = section.getByLabel("Exercise from the library");
  await library.selectOption("side_plank");
  await section.getByRole("button", { name: "Add exercise" }).click();
  await library.selectOption("calf_raise");
  await section.getByRole("button", { name: "Add exercise" }).click();
  const calf = section.getByRole("group", { name: "Calf raises" });
  expect(await calf.getByLabel("Repetitions per set").inputValue()).toBe("15");
  await calf.getByLabel("Sets").fill("11");
  await section.getByRole("button", { name: "Save programme" }).click();
  await section.getByTestId("error-summary").waitFor();
  await calf.getByText("Enter the sets as a whole number from 1 to 10 sets").waitFor();
  await calf.getByLabel("Sets").fill("3");
  await section.getByRole("group", { name: "Side plank" }).getByLabel("Notes for the runner").fill("Knees bent to start");
  await section.getByRole("button", { name: "Save programme" }).click();
  await section.getByText("Programme saved as version 1.").waitFor();
  await section.getByRole("button", { name: "Close" }).click();

  // Change: more repetitions, one more exercise; a new version, the history says what changed and who did it.
  await section.getByRole("button", { name: "Change programme" }).click();
  await section.getByRole("group", { name: "Calf raises" }).getByLabel("Repetitions per set").fill("20");
  await section.getByLabel("Exercise from the library").selectOption("wall_sit");
  await section.getByRole("button", { name: "Add exercise" }).click();
  await section.getByLabel("Programme notes").fill("Every other day; effort yes, pain no more than 3/10");
  await section.getByRole("button", { name: "Save programme" }).click();
  await section.getByText("Programme saved as version 2.").waitFor();
  await section.getByRole("button", { name: "Close" }).click();
  await section.getByText(/version 2 ·/).waitFor();
  await section.getByText("Programme history (2 versions)").click();
  const history = await section.getByTestId("programme-history").innerText();
  expect(history).toMatch(/Version 2 · .+ · Dr/);
  expect(history).toContain("Calf raises: 3 x 15, 4 days a week → 3 x 20, 4 days a week");
  expect(history).toContain("Added Wall sit (4 x 45 s hold, 4 days a week)");
  expect(history).toContain("Prescribed Side plank (3 x 30 s hold, 3 days a week)");

  // The handout: downloaded from the page; made once, served with its hash.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Download handout (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("exercise-programme-v2.pdf");
  const text = pdfText(fs.readFileSync((await download.path())!));
  expect(text).toContain("Your exercise programme");
  expect(text).toContain("For Priya, from Riverside Sports Medicine.");
  expect(text).toContain("Calf raises: 3 sets of 20, 4 days a week");
  expect(text).toContain("Note from your clinician: Knees bent to start");
  expect(text).not.toContain("Programmed");
  const episodeId = (await section.getByRole("link", { name: "Download handout (PDF)" }).getAttribute("href"))!.split("/")[4]!;
  const first = await get(`/api/v1/episodes/${episodeId}/handout/pdf`);
  const etag = first.headers.get("etag")!;
  expect(first.status).toBe(200);
  expect((await get(`/api/v1/episodes/${episodeId}/handout/pdf`, { "If-None-Match": etag })).status).toBe(304);

  // The runner ticks two of the three on their phone.
  const until = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  const made = await fetch(`${BASE_URL()}/api/v1/episodes/${episodeId}/diary-links`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", Origin: BASE_URL() },
    body: JSON.stringify({ validUntil: until }),
  });
  expect(made.status).toBe(201);
  const phone = await (await newContext(browser)).newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(((await made.json()) as { url: string }).url);
  const exercises = phone.getByTestId("runner-exercises");
  await exercises.getByRole("heading", { name: "Your exercises" }).waitFor();
  expect(await phone.locator("body").innerText()).not.toContain("Programmed");
  await exercises.getByRole("button", { name: /Calf raises/ }).click();
  await exercises.getByRole("button", { name: /Calf raises.*Done: tap to undo/ }).waitFor();
  expect(await exercises.getByRole("button", { name: /Calf raises/ }).getAttribute("aria-pressed")).toBe("true");
  await exercises.getByRole("button", { name: /Side plank/ }).click();
  await exercises.getByText("Today: 2 of 3 done").waitFor();
  // A mistaken tick is undone.
  await exercises.getByRole("button", { name: /Wall sit/ }).click();
  await exercises.getByText("Today: 3 of 3 done").waitFor();
  await exercises.getByRole("button", { name: /Wall sit/ }).click();
  await exercises.getByText("Today: 2 of 3 done").waitFor();
  await tourShot(phone, "31-runner-exercises-phone");
  await phone.context().close();

  // The clinician sees the adherence.
  await page.goto(patientUrl);
  const adherence = page.getByTestId("programme-adherence");
  await adherence.waitFor();
  const seen = await adherence.innerText();
  expect(seen).toMatch(/Runner's ticks: 2 of 3 sessions in the last 1 day \(67%\)/);
  expect(seen).toContain("Calf raises: 1 of 1 day");
  expect(seen).toContain("Wall sit: 0 of 1 day");
  await tourShot(page, "30-exercise-programme");

  // Stop, with the reason; the handout is gone, the history keeps it all.
  await section.getByRole("button", { name: "Stop programme…" }).click();
  await section.getByRole("button", { name: "Stop programme", exact: true }).click();
  await section.getByText("Enter the reason for stopping").first().waitFor();
  await section.getByLabel("Reason for stopping").fill("Pain settled; back to full training");
  await section.getByRole("button", { name: "Stop programme", exact: true }).click();
  await section.getByText(/^Stopped .+ by /).waitFor();
  await section.getByText("Reason: Pain settled; back to full training").waitFor();
  expect(await section.getByRole("link", { name: "Download handout (PDF)" }).count()).toBe(0);
  expect((await get(`/api/v1/episodes/${episodeId}/handout/pdf`)).status).toBe(409);
  await context.close();
});
