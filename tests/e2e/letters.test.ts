/**
 * The discharge letters in a real browser (issue 14 item 4): discharge an
 * episode, sign the discharge summary and the GP letter on the patient page,
 * open the summary's print page (the frozen words), download both PDFs (the
 * same stored bytes every time, with their hash as ETag) and find the
 * downloads and the print in the audit log.
 */
import fs from "node:fs";
import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { BASE_URL, httpSession, launch, newContext, registerRunnerWithEpisode, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function downloadBytes(page: Page, link: string, nth = 0): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).nth(nth).click()]);
  return fs.readFileSync((await download.path())!);
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

it("discharges, signs both letters, prints the summary and downloads the same PDF bytes twice, all audited", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  const mrn = `E2E-LETTERS-${Date.now()}`;
  const patientUrl = await registerRunnerWithEpisode(page, {
    from: "link",
    mrn,
    given: "Lena",
    family: "Letters",
    birthDate: "1986-07-21",
    more: async (form) => {
      await form.getByLabel("Goal race", { exact: true }).fill("Riverside 10K");
      await form.getByLabel("GP's name").fill("Dr Priya Nair");
      await form.getByLabel("Practice", { exact: true }).fill("Weir Lane Surgery");
      await form.getByLabel("Practice address").fill("4 Weir Lane, Kingston");
    },
    side: "right",
    complaint: "Medial knee pain after hills",
    mechanism: "gradual",
  });

  // Discharge: self-discharged, confirmed.
  await page.getByRole("link", { name: "Discharge…" }).click();
  await page.getByLabel("Reason for discharge").selectOption("self_discharged");
  await page.getByRole("button", { name: "Discharge episode" }).click();
  await page.getByRole("dialog", { name: "Discharge this episode?" }).getByRole("button", { name: "Discharge", exact: true }).click();
  await page.getByText("The discharge is part of the record.").waitFor();
  await page.goto(patientUrl);

  // Sign both letters from the letters panel.
  const letters = page.getByTestId("letters");
  await letters.getByRole("button", { name: "Sign the discharge summary" }).click();
  await letters.getByRole("link", { name: "Download PDF, version 1" }).first().waitFor();
  await letters.getByRole("button", { name: "Sign the letter to the gp" }).click();
  await letters.getByRole("link", { name: "Download PDF, version 1" }).nth(1).waitFor();
  expect(await letters.getByRole("button", { name: /^Sign a new version of the discharge summary/ }).count()).toBe(1);

  // The print page: the frozen words, the PDF beside it.
  await letters.getByRole("link", { name: "Print the discharge summary, version 1" }).click();
  await page.getByRole("heading", { name: "Discharge summary: Lena Letters" }).waitFor();
  const printed = await page.getByRole("article").innerText();
  expect(printed).toContain("Self-discharged");
  expect(printed).toContain("Riverside 10K");
  expect(printed).toContain(mrn);
  await page.getByRole("button", { name: "Print" }).waitFor();

  // Downloading twice gives the same stored bytes; the ETag is their hash and answers 304.
  const first = await downloadBytes(page, "Download the PDF");
  const second = await downloadBytes(page, "Download the PDF");
  expect(Buffer.compare(first, second)).toBe(0);
  expect(pdfText(first)).toContain("Self-discharged");
  const episodeId = new URL(page.url()).pathname.split("/")[4]!;
  const cookie = await httpSession("clinician@riverside.example");
  const res = await fetch(`${BASE_URL()}/api/v1/episodes/${episodeId}/discharge-summary/pdf`, { headers: { Cookie: cookie } });
  const etag = res.headers.get("etag")!;
  expect(etag).toContain(sha256(first));
  expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), first)).toBe(0);
  const again = await fetch(`${BASE_URL()}/api/v1/episodes/${episodeId}/discharge-summary/pdf`, {
    headers: { Cookie: cookie, "If-None-Match": etag },
  });
  expect(again.status).toBe(304);

  // The GP letter names the GP and the practice.
  await page.goto(patientUrl);
  const gpText = pdfText(await downloadBytes(page, "Download PDF, version 1", 1));
  expect(gpText).toContain("Letter to the GP");
  expect(gpText).toContain("Dr Priya Nair");
  expect(gpText).toContain("Weir Lane Surgery");

  // The audit log shows the downloads and the print of this runner's letters.
  const admin = await newContext(browser);
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@riverside.example");
  await adminPage.goto(`/admin/audit?action=letter.download&mrn=${mrn}`);
  const downloads = adminPage.getByTestId("audit-event").filter({ hasText: "Downloaded a discharge summary or GP letter" });
  await downloads.first().waitFor();
  // Two from the print page, the API's 200 and 304, and the GP letter.
  expect(await downloads.count()).toBe(5);
  await adminPage.goto(`/admin/audit?action=letter.print&mrn=${mrn}`);
  await adminPage.getByTestId("audit-event").filter({ hasText: "Opened the print page of a discharge summary" }).first().waitFor();
  await admin.close();
  await context.close();
});
