/**
 * The worklist, a runner's timeline, and a referral from draft to signed
 * PDF, on the demo data (seeded by the e2e global setup).
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { pdfPageCount, pdfText } from "@/tests/fixtures/referral/pdf-text";
import { drawCharts, launch, newContext, registerRunner, signIn, tourShot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function rowsText(page: Page): Promise<string[]> {
  return page.getByTestId("caseload").locator("tbody tr").allInnerTexts();
}

it("filters the caseload by urgency, review and trend, and pages with a cursor", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const flagged = Number(await page.getByTestId("count-flagged").innerText());
  expect(flagged).toBeGreaterThan(0);

  await page.getByRole("link", { name: /Flagged/ }).click();
  await page.waitForURL(/urgency=flagged/);
  const rows = await rowsText(page);
  expect(rows.length).toBe(Math.min(flagged, 25));
  for (const r of rows) expect(r).toMatch(/Emergency|Urgent|Soon/);

  await page.goto("/patients");
  await page.getByLabel("Review").selectOption("overdue");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/due=overdue/);
  const overdue = await rowsText(page);
  expect(overdue.length).toBe(Number(await page.getByTestId("count-overdue-review").innerText()));
  for (const r of overdue) expect(r).toMatch(/Overdue/);

  await page.goto("/patients?worsening=1");
  const worsening = await rowsText(page);
  expect(worsening.length).toBeGreaterThan(0);
  for (const r of worsening) expect(r).toMatch(/Worsening/);

  // Keyset pagination: two pages, no runner twice.
  await page.goto("/patients?sort=name");
  const first = await rowsText(page);
  await page.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/cursor=/);
  const second = await rowsText(page);
  expect(first.length).toBe(25);
  expect(second.length).toBeGreaterThan(0);
  expect(second.some((r) => first.includes(r))).toBe(false);

  // A bad filter value is named, not a crash.
  await page.goto("/patients?due=someday");
  await page.getByText(/Choose the review due/).waitFor();
  await context.close();
});

it("shows that a page is loading from the click on a link until the page is shown", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const link = page.getByTestId("caseload").locator("tbody tr").first().getByRole("link");
  const target = new URL((await link.getAttribute("href"))!, page.url()).pathname;
  // Hold the server's answer for the runner's page until the indicator has been seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === target,
    async (route) => {
      await held;
      await route.continue();
    },
  );
  expect(await page.locator("[data-navigation-pending]").count()).toBe(0);
  await page.locator("html[data-navigation-progress=ready]").waitFor({ state: "attached" }); // hydrated: links navigate in the app
  await link.click();
  await page.getByRole("status").filter({ hasText: "Loading the page" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/patients");
  release();
  await page.waitForURL((u) => u.pathname === target);
  await page.getByRole("link", { name: "Run log" }).waitFor();
  await page.locator("[data-navigation-pending]").waitFor({ state: "detached" });
  await context.close();
});

it("shows a runner's timeline with charts and their data tables", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  // A demo runner with at least three signed assessments and a run log.
  const list = (await (await page.request.get("/api/v1/patients?limit=30")).json()) as { items: { id: string }[] };
  let chosen: string | undefined;
  for (const p of list.items) {
    const t = (await (await page.request.get(`/api/v1/patients/${p.id}/timeline`)).json()) as {
      assessments: { status: string }[];
      runs: unknown[];
    };
    if (t.assessments.filter((a) => a.status === "signed").length >= 3 && t.runs.length > 0) {
      chosen = p.id;
      break;
    }
  }
  expect(chosen).toBeDefined();
  await page.goto(`/patients/${chosen}`);
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  const painChart = page.getByRole("img", { name: /Pain NRS/ }).first();
  await painChart.waitFor();
  await page
    .getByRole("img", { name: /Weekly distance/i })
    .first()
    .waitFor();
  await drawCharts(page);
  expect(await page.locator("#timeline-measures .recharts-surface").count()).toBeGreaterThan(0);
  await page.getByRole("heading", { name: "Outcome measures over time" }).scrollIntoViewIfNeeded();
  await tourShot(page, "06-timeline");
  await page.getByText("Show the data as a table").first().click();
  expect(
    await page
      .locator("table caption")
      .filter({ hasText: /Pain NRS/ })
      .count(),
  ).toBeGreaterThan(0);
  await context.close();
});

it("builds, previews and signs a referral, then downloads its PDF and FHIR bundle", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients?urgency=urgent");
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").click();
  const patientName = await page.getByRole("heading", { level: 1 }).innerText();
  // The patient navigation's link (an "unsent urgent referral" notice may link there too).
  await page.getByRole("main").getByRole("link", { name: "Referrals", exact: true }).last().click();
  await page.getByRole("button", { name: "Start referral" }).click();
  await page.getByRole("heading", { name: "Referral (draft)" }).waitFor();
  // The reason is pre-filled from the evaluation; the question is required to sign.
  expect((await page.locator("#reason").inputValue()).length).toBeGreaterThan(5);
  // Signing asks first, with what it freezes; the server still refuses a referral without its question.
  await page.getByRole("button", { name: "Sign referral" }).click();
  const confirm = page.getByRole("dialog", { name: "Sign this referral?" });
  expect(await confirm.getByTestId("frozen-summary").innerText()).toMatch(/Question\s*Not written yet \(required\)/);
  await confirm.getByRole("button", { name: "Sign and freeze" }).click();
  await page.getByText("Write the question for the receiving clinician before signing").waitFor();
  // An edit the save refuses (the reason emptied): nothing is signed, the dialog stays closed, the entries stay.
  const reason = await page.locator("#reason").inputValue();
  await page.locator("#reason").fill("");
  await page.locator("#question").fill("Please assess for a meniscal tear and advise on imaging.");
  await page.getByRole("button", { name: "Sign referral" }).click();
  await page.getByText("Enter the reason for the referral").first().waitFor();
  expect(await confirm.isVisible()).toBe(false);
  expect(await page.locator("#question").inputValue()).toBe("Please assess for a meniscal tear and advise on imaging.");
  await page.locator("#reason").fill(reason);
  // The question typed and not saved: signing saves it first, and the confirmation shows it (never "missing").
  await page.locator("#question").fill("Please assess for a meniscal tear and advise on imaging.");
  await page.getByRole("button", { name: "Sign referral" }).click();
  await confirm.getByRole("button", { name: "Sign and freeze" }).waitFor();
  expect(await confirm.getByTestId("frozen-summary").innerText()).toMatch(
    /Question\s*Please assess for a meniscal tear and advise on imaging\./,
  );
  await page.getByText("Referral draft saved.").waitFor();
  expect(await page.getByText("Write the question for the receiving clinician before signing").count()).toBe(0);
  // Cancelled, the preview already shows the saved question; signing again needs no second save.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("referral-preview").getByText("Please assess for a meniscal tear and advise on imaging.").waitFor();
  await tourShot(page, "07-referral-preview");
  await page.getByRole("button", { name: "Sign referral" }).click();
  expect(await confirm.getByTestId("frozen-summary").innerText()).toMatch(/Please assess for a meniscal tear/);
  await confirm.getByRole("button", { name: "Sign and freeze" }).click();
  await page.getByTestId("referral-status").filter({ hasText: "Signed by" }).waitFor();
  await tourShot(page, "08-referral-signed");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  const file = await download.path();
  const pdf = fs.readFileSync(file!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(download.suggestedFilename()).toMatch(/^referral-.*\.pdf$/);
  expect(pdfText(pdf)).toContain("Please assess for a meniscal tear and advise on imaging.");
  expect(pdfText(pdf)).not.toMatch(/cancel/i);

  const fhirUrl = await page.getByRole("link", { name: "FHIR bundle (JSON)" }).getAttribute("href");
  const res = await page.request.get(fhirUrl!);
  expect(res.headers()["content-type"]).toMatch(/application\/fhir\+json/);
  const bundle = (await res.json()) as { resourceType: string; type: string; entry: { resource: { resourceType: string } }[] };
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.type).toBe("document");
  expect(bundle.entry[0]?.resource.resourceType).toBe("Composition");

  // Mark as sent; the printable page shows the frozen summary.
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await page.getByTestId("referral-status").filter({ hasText: "Sent" }).waitFor();
  await page.getByRole("link", { name: "Printable page" }).click();
  await page.getByRole("button", { name: "Print" }).waitFor();
  expect(await page.getByText(patientName.split(",")[0]!).count()).toBeGreaterThan(0);

  // Cancelled: the page, the PDF (every page) and the FHIR bundle say so, never as a live referral.
  await page.goBack();
  await page.getByRole("button", { name: "Cancel referral…" }).click();
  await page.getByLabel("Reason for cancelling").fill("Seen in the emergency department the same day");
  await page.getByRole("button", { name: "Cancel referral", exact: true }).click();
  await page.getByRole("heading", { name: "Referral (cancelled): medial knee pain" }).waitFor();
  const [cancelledDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(cancelledDownload.suggestedFilename()).toMatch(/^referral-.*-CANCELLED\.pdf$/);
  const cancelledPdf = fs.readFileSync((await cancelledDownload.path())!);
  const text = pdfText(cancelledPdf);
  const pages = pdfPageCount(cancelledPdf);
  expect(pages).toBeGreaterThan(0);
  expect(text.split("\n").filter((l) => /^CANCELLED on \d{1,2} \w{3} \d{4}: not a live referral, do not act on it$/.test(l))).toHaveLength(
    pages,
  );
  expect(text.split("\n")[0]).toBe("Referral (cancelled): medial knee pain");
  expect(text.replace(/\s+/g, " ")).toContain("Reason: Seen in the emergency department the same day");
  const cancelledBundle = (await (await page.request.get(fhirUrl!)).json()) as {
    entry: { resource: { resourceType: string; status?: string; title?: string } }[];
  };
  expect(cancelledBundle.entry.find((e) => e.resource.resourceType === "ServiceRequest")?.resource.status).toBe("revoked");
  expect(cancelledBundle.entry[0]?.resource.title).toMatch(/^CANCELLED referral note/);
  await page.getByRole("link", { name: "Printable page" }).click();
  await page.getByRole("heading", { name: "Referral (cancelled): medial knee pain" }).waitFor();
  await context.close();
});

it("finds runners the way clinicians type them, on the caseload and in the directory", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  await page.goto("/patients?sort=name");
  const first = page.getByTestId("caseload").locator("tbody tr").first();
  const listed = (await first.getByRole("link").first().innerText()).trim(); // "Family, Given", as the list shows it
  const [family, given] = listed.split(", ") as [string, string];
  const mrn = /[A-Z]{2}-(\d{6})/.exec(await first.innerText())!;
  // The list's format, given then family, the MRN without its prefix, and any case: each finds the runner.
  for (const q of [listed, `${given} ${family}`, mrn[1]!, `${family.toUpperCase()} ${given.toLowerCase()}`]) {
    await page.getByLabel("Name or MRN").fill(q);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get("q") === q);
    expect((await rowsText(page)).some((r) => r.includes(listed) && r.includes(mrn[0]))).toBe(true);
  }

  // Apostrophes and accents: a runner registered as "Siobhán O'Brien-Núñez" is found by "obrien siobhan" in the directory.
  const newMrn = `SB-${Date.now()}`;
  await registerRunner(page, { mrn: newMrn, given: "Siobhán", family: "O'Brien-Núñez", birthDate: "1990-04-05" });
  for (const q of ["obrien siobhan", "Nunez, Siobhan", newMrn.slice(3)]) {
    await page.goto(`/patients/directory?${new URLSearchParams({ q })}`);
    await page.getByRole("link", { name: "O'Brien-Núñez, Siobhán" }).waitFor();
  }
  await context.close();
});
