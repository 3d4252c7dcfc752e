/**
 * Helpers for the runner's links in e2e tests: the clinicians' JSON API with a
 * session cookie (to make links without clicking through the patient page),
 * a demo runner's open episode, a phone-sized page (390x844), and answering
 * the questionnaire's steps as a keyboard user does.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { BASE_URL, newContext } from "./browser";

// The API's answers, read loosely: each test names the fields it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A caller of the clinicians' API as the signed-in user of `cookie` (httpSession). */
export function clinicApi(cookie: () => string) {
  return async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${BASE_URL()}${path}`, {
      method,
      headers: { Cookie: cookie(), "Content-Type": "application/json", Origin: BASE_URL() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
}

/**
 * An open episode of the demo clinic: the first runner from number `skip` on (by name) who has
 * one, found through the patients API (the demo data discharges some runners).
 */
export async function openEpisode(api: ReturnType<typeof clinicApi>, skip: number): Promise<{ episodeId: string; patientId: string }> {
  const { json } = await api("GET", `/api/v1/patients?limit=${skip + 20}`);
  for (const item of json.items.slice(skip) as { id: string }[]) {
    const record = await api("GET", `/api/v1/patients/${item.id}`);
    const episode = record.json.episodes.find((e: { status: string }) => e.status === "open");
    if (episode) return { episodeId: episode.id, patientId: item.id };
  }
  throw new Error(`no runner from number ${skip} on has an open episode`);
}

/** A fresh context's page on a phone-sized viewport (390x844). */
export async function phone(browser: Browser): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

/** Chooses an answer as a keyboard user does: focus the radio button, press Space. */
export async function choose(radio: Locator): Promise<void> {
  await radio.focus();
  await radio.page().keyboard.press("Space");
  expect(await radio.isChecked()).toBe(true);
}

/** Answers every question of the step on screen: the chosen answer of a few, the first (or "No") of the others. */
export async function answerStep(page: Page, chosen: Record<string, string> = {}): Promise<void> {
  const groups = page.locator("main section fieldset");
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator("legend").first().innerText()).trim();
    if (await group.locator("fieldset").count()) continue; // PSFS: its inner scales are fieldsets of their own
    const radios = group.getByRole("radio");
    if ((await radios.count()) === 0) {
      const days = group.getByRole("spinbutton");
      if (await days.count()) await days.fill(chosen[legend] ?? "0");
      continue;
    }
    const want = chosen[legend];
    const radio: Locator = want
      ? group.getByRole("radio", { name: want, exact: true })
      : legend.startsWith("Pain during")
        ? radios.nth(2)
        : radios.last();
    await choose(radio);
  }
  // PSFS before the intake: the runner names an activity.
  const activity = page.getByLabel("Activity 1");
  if ((await activity.count()) && !(await activity.inputValue())) await activity.fill("Running 5 km");
}
