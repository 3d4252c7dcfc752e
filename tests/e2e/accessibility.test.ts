/**
 * Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every main page,
 * reached by clicking through the app as the demo clinician and admin, in
 * the states a user sees (charts drawn, field errors shown, live evaluation
 * filled in), and the runner's own pages (questionnaire and diary) on a
 * 390x844 phone. Any serious or critical violation fails the test, listed with
 * its rule, element and page. Then the intake form is filled with the
 * keyboard alone: the three-state yes/no/not-asked questions and the KOOS grid.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { drawCharts, httpSession, hydrated, launch, newContext, registerRunnerWithEpisode, signIn } from "./browser";
import { answerStep, clinicApi, openEpisode, phone } from "./runner";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);
/** A11Y_REPORT_ALL=1 also prints (without failing) moderate and minor violations and axe's best-practice rules. */
const REPORT_ALL = !!process.env.A11Y_REPORT_ALL;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects the serious and critical violations of each audited page, one line per element. */
class Audit {
  readonly problems: string[] = [];
  readonly audited: string[] = [];

  /** Audits the page as its user sees it: loaded (styles included) and hydrated, so what React changes on hydration is not read half done. */
  async check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState("load");
    await hydrated(page.locator("body"));
    const results = await new AxeBuilder({ page }).withTags(REPORT_ALL ? [...WCAG_TAGS, "best-practice"] : WCAG_TAGS).analyze();
    this.audited.push(name);
    const others: string[] = [];
    for (const v of results.violations) {
      const failing = FAILING_IMPACTS.has(v.impact ?? "") && v.tags.some((t) => WCAG_TAGS.includes(t));
      for (const node of v.nodes) {
        const line = `[${name}] ${new URL(page.url()).pathname} — ${v.id} (${v.impact}): ${node.target.join(" ")} — ${node.failureSummary?.replace(/\s+/g, " ") ?? v.help}`;
        (failing ? this.problems : others).push(line);
      }
    }
    if (REPORT_ALL) {
      const review = results.incomplete.flatMap((v) =>
        v.nodes.map(
          (n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${[...n.any, ...n.all, ...n.none].map((c) => c.message).join("; ")}`,
        ),
      );
      console.log(
        `[${name}] ${results.passes.length} rules passed; not failing the test:\n${others.join("\n")}\nneeds review:\n${review.join("\n")}`,
      );
    }
  }

  /** Fails with every violation found, so one run shows them all. */
  expectNone(): void {
    expect(this.audited.length).toBeGreaterThan(0);
    if (this.problems.length)
      throw new Error(`${this.problems.length} serious or critical accessibility violation(s):\n${this.problems.join("\n")}`);
  }
}

async function clinicianPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "clinician@riverside.example");
  return { context, page };
}

/**
 * From the new-runner form: registers a runner, opens an episode (calling
 * `onEpisodeForm` while its form is open) and opens the intake form.
 */
async function registerAndStartIntake(page: Page, familyName: string, onEpisodeForm?: (page: Page) => Promise<void>): Promise<void> {
  await registerRunnerWithEpisode(page, {
    from: "form on screen",
    mrn: `A11Y-${Date.now()}`,
    given: "Ada",
    family: familyName,
    birthDate: "1990-03-11",
    complaint: "Medial knee pain on descents",
    onEpisodeForm,
  });
  await page.getByRole("link", { name: "Record intake" }).click();
  await page.getByRole("heading", { name: "Intake assessment" }).waitFor();
}

/** Until the client-side charts have replaced their placeholders (each is drawn when scrolled near). */
async function chartsDrawn(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  await drawCharts(page);
}

it("sign-in page, empty and with field errors", async () => {
  const audit = new Audit();
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await audit.check(page, "sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Enter your email address").waitFor();
  await audit.check(page, "sign-in with errors");
  await context.close();
  audit.expectNone();
});

it("caseload, directory, registration and a new runner's intake form", async () => {
  const audit = new Audit();
  const { context, page } = await clinicianPage();
  await page.getByRole("heading", { name: "Caseload" }).waitFor();
  await audit.check(page, "caseload");

  await page.getByRole("link", { name: "All runners" }).click();
  await page.waitForURL(/\/patients\/directory/);
  await audit.check(page, "patient directory");

  await page.getByRole("link", { name: "Caseload" }).click();
  await page.getByRole("link", { name: "Register a runner" }).click();
  await page.getByRole("button", { name: "Register runner" }).waitFor();
  await audit.check(page, "new patient form");
  await page.getByRole("button", { name: "Register runner" }).click();
  await page.getByText("Enter the MRN").first().waitFor();
  await audit.check(page, "new patient form with errors");

  await registerAndStartIntake(page, "Axe", (p) => audit.check(p, "new runner with the episode form open"));
  await audit.check(page, "new intake assessment");
  await page.getByLabel("Pain now (NRS)").selectOption("7");
  await page
    .getByRole("group", { name: /True locking/ })
    .getByText("Yes", { exact: true })
    .click();
  await page.getByRole("complementary", { name: "Live evaluation" }).getByTestId("red-flags").getByText("Locked knee").waitFor();
  await audit.check(page, "new intake assessment with a red flag");
  await page.getByRole("button", { name: "Sign assessment" }).click();
  await page.getByRole("dialog", { name: /^Sign this intake/ }).waitFor();
  await audit.check(page, "signing confirmation with the screen incomplete");
  await page.getByRole("textbox", { name: /Reason the red-flag screen is incomplete/ }).fill("Examination deferred: acute pain");
  await page.getByRole("button", { name: "Sign with the screen incomplete" }).click();
  await page.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();
  await audit.check(page, "signed intake with its red flag");
  await page.getByRole("link", { name: "Back to the patient" }).click();
  await page.getByRole("link", { name: "Record follow-up" }).click();
  await page.getByRole("heading", { name: "Follow-up assessment" }).waitFor();
  await page.getByLabel("Pain now (NRS)").selectOption("3");
  await page.getByRole("complementary", { name: "Live evaluation" }).getByText("Improved").first().waitFor();
  await audit.check(page, "new follow-up assessment with changes");
  await context.close();
  audit.expectNone();
});

it("a runner's timeline, edit, run log, signed assessment and referrals", async () => {
  const audit = new Audit();
  const { context, page } = await clinicianPage();
  // A worsening runner has at least two signed assessments (and, in the demo data, a run log) to chart.
  await page.getByRole("link", { name: /Worsening/ }).click();
  await page.waitForURL(/worsening=1/);
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await chartsDrawn(page);
  await page
    .getByRole("img", { name: /Weekly distance/i })
    .first()
    .waitFor();
  for (const toggle of await page.getByText("Show the data as a table").all()) await toggle.click();
  await audit.check(page, "patient page with timeline charts");
  const patientUrl = page.url();

  await page.getByRole("link", { name: "Edit demographics" }).click();
  await page.waitForURL(/\/edit$/);
  await audit.check(page, "patient edit");

  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Run log" }).click();
  await page.waitForURL(/\/runs$/);
  // Its charts drawn too: axe must not read them half drawn, each chart drawing in turn after the page is shown.
  await drawCharts(page);
  await audit.check(page, "run log");

  await page.goto(patientUrl);
  const signed = page.getByRole("row").filter({ hasText: "Signed" }).first();
  await signed.getByRole("link").first().click();
  await page.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();
  await audit.check(page, "signed assessment");

  await page.goto(patientUrl);
  await page.getByRole("main").getByRole("link", { name: "Referrals", exact: true }).last().click();
  await page.waitForURL(/\/referrals$/);
  await audit.check(page, "patient referrals");

  await page.getByRole("link", { name: "Caseload" }).click();
  await page.getByRole("link", { name: /Unsigned drafts/ }).click();
  await page.waitForURL(/drafts=1/);
  await page.getByTestId("caseload").locator("tbody tr").first().getByRole("link").first().click();
  await page.getByRole("link", { name: "Continue draft" }).first().click();
  await page.getByRole("heading", { name: /\(draft\)/ }).waitFor();
  await audit.check(page, "draft assessment");
  await context.close();
  audit.expectNone();
});

it("referrals list and referral pages, draft and signed", async () => {
  const audit = new Audit();
  const { context, page } = await clinicianPage();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals" }).click();
  await page.getByRole("heading", { name: "Referrals" }).waitFor();
  await audit.check(page, "referrals list");

  for (const [filter, status] of [
    ["Drafts", "draft"],
    ["Signed, not sent", "signed"],
    ["Sent", "sent"],
  ] as const) {
    await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: filter, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === status);
    await page.getByTestId("referrals").locator("tbody tr").first().getByRole("link").click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: /^Referral( \(draft\))?$/ }).waitFor();
    await audit.check(page, `referral (${status})`);
    if (status === "sent") {
      await page.getByRole("link", { name: "Printable page" }).click();
      await page.getByRole("button", { name: "Print" }).waitFor();
      await audit.check(page, "printable referral");
    }
    await page.goto("/referrals");
  }
  await context.close();
  audit.expectNone();
});

it("admin users, settings and audit log", async () => {
  const audit = new Audit();
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "admin@riverside.example");
  await page.getByRole("link", { name: "Admin" }).click();
  const admin = page.getByRole("navigation", { name: "Administration" });
  await admin.getByRole("link", { name: "Users" }).click();
  await page.waitForURL(/\/admin\/users/);
  await audit.check(page, "admin users");
  await admin.getByRole("link", { name: "Clinic settings" }).click();
  await page.waitForURL(/\/admin\/settings/);
  await audit.check(page, "admin settings");
  await admin.getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL(/\/admin\/audit/);
  await audit.check(page, "admin audit");
  await context.close();
  audit.expectNone();
});

/** What has the keyboard focus: its role-ish description and, for a radio, its group's name. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | HTMLSelectElement | null;
    const group = el?.closest("fieldset")?.querySelector("legend")?.textContent ?? "";
    const label = el?.closest("label") ?? (el?.id ? document.querySelector(`label[for="${el.id}"]`) : null);
    const ring = el?.type === "radio" ? el.closest("label") : el;
    return {
      tag: el?.tagName.toLowerCase(),
      type: (el as HTMLInputElement | null)?.type,
      id: el?.id ?? "",
      value: el?.value,
      checked: (el as HTMLInputElement | null)?.checked,
      group,
      label: label?.textContent?.trim() ?? "",
      text: el?.textContent?.trim() ?? "",
      outline: ring ? getComputedStyle(ring).outlineStyle : "none",
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus matches, failing after `max` presses. */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, { back = false, max = 400 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error(`focus never reached the expected control in ${max} presses`);
}

it("the runner's questionnaire and diary on a phone (390x844), with their error messages and the neutral 404 page", async () => {
  const audit = new Audit();
  const cookie = await httpSession("clinician@riverside.example");
  const api = clinicApi(() => cookie);
  const { episodeId } = await openEpisode(api, 7);
  const request = await api("POST", `/api/v1/episodes/${episodeId}/questionnaire-requests`, {
    instruments: ["pain", "koos", "psfs", "tegner", "screen"],
  });
  expect(request.status).toBe(201);
  const page = await phone(browser);
  await page.goto(request.json.url);
  await page.getByText("Step 1 of 6").waitFor();
  await audit.check(page, "runner questionnaire, first step");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByText("Answer this question").first().waitFor();
  await audit.check(page, "runner questionnaire, a missing answer named");
  // Each further step as the runner sees it: every instrument's wording and answer options.
  for (const heading of [
    "Your knee in daily life and sport",
    "Activities that are hard for you",
    "Your activity level",
    "Important questions about your knee",
    "Check and send",
  ]) {
    await answerStep(page);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("heading", { name: heading }).waitFor();
    await audit.check(page, `runner questionnaire, ${heading}`);
  }

  const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const diary = await api("POST", `/api/v1/episodes/${episodeId}/diary-links`, { validUntil: until });
  expect(diary.status).toBe(201);
  await page.goto(diary.json.url);
  await page.getByRole("heading", { name: "Your running diary" }).waitFor();
  await audit.check(page, "runner diary");
  await page.getByRole("radio", { name: "I ran" }).check();
  await page.getByLabel("Distance").fill("abc");
  await page.getByRole("button", { name: "Save this day" }).click();
  await page.getByText("Write the distance as a number, like 5 or 6.5").waitFor();
  await audit.check(page, "runner diary, a wrong distance named");

  await page.goto("/r/not-a-token");
  await page.getByRole("heading", { name: "This link does not work" }).waitFor();
  await audit.check(page, "runner link 404");
  await page.context().close();
  audit.expectNone();
});

it("fills the intake's yes/no/not-asked questions and the whole KOOS with the keyboard alone", async () => {
  const { context, page } = await clinicianPage();
  // A new runner's intake form (reached with the mouse; the form itself is filled with the keyboard only).
  await page.goto("/patients/new");
  await hydrated(page.getByRole("button", { name: "Register runner" })); // before, the form would be posted without its handlers
  await registerAndStartIntake(page, "Keyboard");
  const locking = page.getByRole("group", { name: /True locking/ });

  // Tab reaches the question's group on its current answer ("Not asked"), with a visible focus ring.
  let f = await tabTo(page, (x) => x.type === "radio" && /True locking/.test(x.group));
  expect(f).toMatchObject({ value: "unasked", checked: true });
  expect(f.outline).not.toBe("none");
  // Arrow keys move the answer within the group (native radios); Space keeps the focused one.
  await page.keyboard.press("ArrowLeft");
  f = await focused(page);
  expect(f).toMatchObject({ value: "no", checked: true });
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Space");
  expect(await focused(page)).toMatchObject({ value: "yes", checked: true });
  expect(await locking.getByRole("radio", { name: "Yes" }).isChecked()).toBe(true);
  await page.getByRole("complementary", { name: "Live evaluation" }).getByTestId("red-flags").getByText("Locked knee").waitFor();
  // Tab leaves the group for the next question; Shift+Tab comes back to the chosen answer.
  f = await tabTo(page, (x) => !/True locking/.test(x.group));
  expect(f.type).toBe("radio");
  await page.keyboard.press("ArrowRight");
  expect(await focused(page)).toMatchObject({ value: "yes", checked: true });
  f = await tabTo(page, (x) => /True locking/.test(x.group), { back: true });
  expect(f).toMatchObject({ value: "yes", checked: true });
  await page.keyboard.press("ArrowRight"); // yes -> no
  await page.keyboard.press("ArrowRight"); // no -> not asked
  expect(await locking.getByRole("radio", { name: "Not asked" }).isChecked()).toBe(true);

  // KOOS, with the keyboard alone: each item is a group of radio buttons named by the item; a digit key answers
  // it and moves on to the next item, through all 42 items of the five subscales.
  f = await tabTo(page, (x) => x.type === "radio" && /^S1\b/.test(x.group));
  expect(f.group).toMatch(/S1 Do you have swelling in your knee\?/);
  expect(f.outline).not.toBe("none");
  for (let i = 0; i < 42; i++) await page.keyboard.type(String(i % 5));
  const koos = page.locator("[data-instrument=koos]");
  for (const subscale of ["Symptoms", "Pain", "Function, daily living", "Function, sports and recreational activities", "Quality of life"])
    await koos.getByRole("group", { name: new RegExp(`^${subscale}: [\\d.]+ / 100`) }).waitFor();
  // Each item keeps its own answers: S4 and S5 are worded from "Always", P1 and Q1 by how often, Q2 and Q3 as published.
  const item = (name: RegExp) => koos.getByRole("group", { name });
  expect(await item(/^S1 /).getByRole("radio", { name: "0 Never" }).isChecked()).toBe(true);
  expect(await item(/^S4 /).getByRole("radio", { name: "3 Rarely" }).isChecked()).toBe(true);
  expect(
    await item(/^P1 /)
      .getByRole("radio", { name: /^2 Weekly$/ })
      .isChecked(),
  ).toBe(true);
  expect(
    await item(/^Q1 /)
      .getByRole("radio", { name: /Constantly$/ })
      .count(),
  ).toBe(1);
  expect(
    await item(/^Q2 /)
      .getByRole("radio", { name: /Totally$/ })
      .count(),
  ).toBe(1);
  expect(
    await item(/^Q3 /)
      .getByRole("radio", { name: /Extremely$/ })
      .count(),
  ).toBe(1);
  expect(
    await item(/^A1 /)
      .getByRole("radio", { name: /Extreme$/ })
      .count(),
  ).toBe(1);
  // The focus went on to the next instrument's first item (LEFS), which the digits did not answer.
  f = await focused(page);
  expect(f.type).toBe("radio");
  expect(f.group).toMatch(/Any of your usual work/);
  expect(f.checked).toBe(false);
  // Back to Q4 with Shift+Tab (on its answer), arrow keys change it, Delete clears it and moves on, as a digit does.
  f = await tabTo(page, (x) => /^Q4 /.test(x.group), { back: true });
  expect(f).toMatchObject({ value: "1", checked: true });
  await page.keyboard.press("ArrowRight");
  expect(await focused(page)).toMatchObject({ value: "2", checked: true });
  await page.keyboard.press("Delete");
  expect(await item(/^Q4 /).locator("input:checked").count()).toBe(0);
  await koos.getByRole("group", { name: /^Quality of life: [\d.]+ \/ 100/ }).waitFor();
  expect((await focused(page)).group).toMatch(/Any of your usual work/);
  // Tab and Shift+Tab go item to item: one stop per item.
  await page.keyboard.press("Tab");
  expect((await focused(page)).group).toMatch(/^2 Your usual hobbies/);
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page)).group).toMatch(/Any of your usual work/);

  // Back up to the sticky toolbar with Shift+Tab and save with Enter.
  f = await tabTo(page, (x) => x.tag === "button" && x.text === "Save draft", { back: true });
  expect(f.outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await page.getByTestId("save-status").filter({ hasText: "Draft saved" }).waitFor();
  await context.close();
});
