/**
 * Browser helpers for the e2e project: Debian's chromium driven by
 * playwright-core (never a downloaded browser), against the `next start`
 * server that the e2e global setup started (E2E_BASE_URL).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import type { Mechanism, Side } from "@/lib/domain/codes";
import { SIDE_LABELS } from "@/lib/domain/labels";

export const BASE_URL = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run through the e2e project (npm run test:e2e)");
  return url;
};

export const DEMO_PASSWORD = "knee-demo-2026";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  // playwright gives every launch a fresh, empty profile directory.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * What the browser refused under the app's Content-Security-Policy, on any
 * page of any context made by newContext(); tests/setup/e2e-each-file.ts
 * fails the test that caused one.
 */
export const cspViolations: string[] = [];

export async function newContext(browser: Browser, baseURL = BASE_URL()): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    baseURL,
    acceptDownloads: true,
    // The app honours reduced motion; with it no check (axe's colour contrast above all) reads a colour mid-transition.
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(20_000);
  context.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${msg.page()?.url() ?? "?"}: ${msg.text()}`);
  });
  return context;
}

/**
 * Draws every chart of the page. A chart is drawn when it comes near the
 * viewport, in its turn once the page is idle (app/_components/charts/
 * chart-frame.tsx, draw-queue.ts), so each "Loading chart…" placeholder is
 * scrolled into view in turn, and waited for until it is replaced, until none
 * is left.
 */
export async function drawCharts(page: Page): Promise<void> {
  const loading = page.getByText("Loading chart…");
  while ((await loading.count()) > 0) {
    const placeholder = await loading
      .first()
      .elementHandle({ timeout: 1_000 })
      .catch(() => null); // the last one drawn meanwhile
    if (!placeholder) continue;
    await placeholder.scrollIntoViewIfNeeded().catch(() => undefined); // already replaced: nothing to scroll to
    await placeholder.waitForElementState("hidden");
  }
}

/**
 * Until React has hydrated `target`: attached its props and event handlers to
 * the element the server rendered. A page loaded in full is shown, and its
 * "load" event fired, before that is done on a busy machine; until then a
 * click on a button submits its form natively (the sign-in form: a POST to
 * /login that signs no one in), a typed key or a chosen radio button
 * reaches no handler, and the page may still change. Elements rendered in the
 * browser (a page reached by a link in the app) are hydrated when shown.
 */
export async function hydrated(target: Locator): Promise<void> {
  const element = await target.elementHandle();
  await target.page().waitForFunction((el) => !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$")), element);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await hydrated(page.getByRole("button", { name: "Sign in" }));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Signs in over plain HTTP (next-auth's credentials flow) and returns the session cookie, for API and page requests without a browser. */
export async function httpSession(email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrfRes = await fetch(`${BASE_URL()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${BASE_URL()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const token = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!token) throw new Error(`sign-in of ${email} failed (${res.status})`);
  return token.split(";")[0]!;
}

/** Screenshots for the README tour: docs/tour when UPDATE_TOUR=1, else test-results/tour. */
export async function tourShot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(__dirname, "..", "..", process.env.UPDATE_TOUR ? "docs/tour" : "test-results/tour");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** Polls `check` until it holds (at most 10 s): for what happens outside the page, where there is no event to wait for. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Signs the assessment open in the form: "Sign assessment", then the
 * confirmation dialog (with the reason when the red-flag screen is
 * incomplete), and waits for the signed record.
 */
export async function signAssessmentInForm(page: Page, screenAttestation?: string): Promise<void> {
  await page.getByRole("button", { name: "Sign assessment" }).click();
  const dialog = page.getByRole("dialog", { name: /^Sign this/ });
  await dialog.waitFor();
  // The reason is asked only while the red-flag screen is incomplete.
  const reason = dialog.getByRole("textbox", { name: /Reason the red-flag screen is incomplete/ });
  if (screenAttestation !== undefined && (await reason.count())) await reason.fill(screenAttestation);
  await dialog.getByRole("button", { name: /^Sign (and freeze|with the screen incomplete)$/ }).click();
  await page.getByTestId("assessment-status").filter({ hasText: "Signed by" }).waitFor();
}

/** A runner registered through the form; the family name makes the heading waited for ("Family, Given"). */
export type NewRunner = {
  mrn: string;
  given: string;
  family: string;
  birthDate: string;
  sex?: "female" | "male";
  /** How the form is reached: by its address (the default), by the "Register a runner" link of the page on screen (the caseload), or it is on screen already. */
  from?: "address" | "link" | "form on screen";
  /** Fills more of the form (goal race, GP, …) before it is sent. */
  more?: (page: Page) => Promise<void>;
};

/** Registers a runner through the form (`/patients/new`); returns their page's address. */
export async function registerRunner(page: Page, runner: NewRunner): Promise<string> {
  if (runner.from === "link") await page.getByRole("link", { name: "Register a runner" }).click();
  else if (runner.from !== "form on screen") {
    await page.goto("/patients/new");
    await hydrated(page.getByRole("button", { name: "Register runner" }));
  }
  await page.getByLabel("MRN (clinic record number)").fill(runner.mrn);
  await page.getByLabel("Given name").fill(runner.given);
  await page.getByLabel("Family name").fill(runner.family);
  await page.getByLabel("Date of birth").fill(runner.birthDate);
  await page.getByLabel("Sex").selectOption(runner.sex ?? "female");
  await runner.more?.(page);
  await page.getByRole("button", { name: "Register runner" }).click();
  await page.getByRole("heading", { name: `${runner.family}, ${runner.given}` }).waitFor();
  return page.url();
}

export type NewEpisode = {
  complaint: string;
  side?: Side;
  mechanism?: Mechanism;
  /** Called while the episode form is open, before it is filled. */
  onEpisodeForm?: (page: Page) => Promise<void>;
};

/** On a runner's page: opens an episode (the left knee unless `side` says otherwise) and waits for its heading. */
export async function openNewEpisode(page: Page, episode: NewEpisode): Promise<void> {
  const side = episode.side ?? "left";
  await page.getByRole("button", { name: "Open a new episode" }).click();
  await episode.onEpisodeForm?.(page);
  const episodeForm = page.getByRole("form", { name: "New episode" });
  await episodeForm.getByLabel("Knee").selectOption(side);
  await episodeForm.getByLabel("Complaint").fill(episode.complaint);
  if (episode.mechanism) await episodeForm.getByLabel("Mechanism").selectOption(episode.mechanism);
  await episodeForm.getByRole("button", { name: "Open episode" }).click();
  await page.getByRole("heading", { name: `${SIDE_LABELS[side]}: ${episode.complaint}` }).waitFor();
}

/** registerRunner, then openNewEpisode on their page; returns the patient page's address. */
export async function registerRunnerWithEpisode(page: Page, runner: NewRunner & NewEpisode): Promise<string> {
  const patientUrl = await registerRunner(page, runner);
  await openNewEpisode(page, runner);
  return patientUrl;
}
