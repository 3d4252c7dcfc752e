import type { Browser } from "playwright-core";
import { BASE_URL, launch, newContext, signIn, tourShot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("signs a clinician in and shows the caseload of their clinic only", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await tourShot(page, "01-sign-in");
  await signIn(page, "clinician@riverside.example");
  await page.getByRole("heading", { name: "Caseload" }).waitFor();
  expect(await page.getByText("open episodes at Riverside Sports Medicine").count()).toBe(1);
  expect(await page.getByText("Harbour Physiotherapy").count()).toBe(0);
  await tourShot(page, "02-caseload");
  await context.close();
});

it("refuses a wrong password with a message that does not reveal whether the email exists", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("viewer@riverside.example");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const known = await page.getByRole("alert").filter({ hasText: "Sign-in failed" }).innerText();
  await page.getByLabel("Email").fill("nobody@riverside.example");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForTimeout(500);
  const unknown = await page.getByRole("alert").filter({ hasText: "Sign-in failed" }).innerText();
  expect(unknown).toBe(known);
  expect(new URL(page.url()).pathname).toBe("/login");
  await context.close();
});

it("names the field when the form is incomplete", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect(await page.getByText("Enter your email address").isVisible()).toBe(true);
  expect(await page.getByText("Enter your password").isVisible()).toBe(true);
  await context.close();
});

it("sends an anonymous visit to a patient page to sign-in, and back after signing in", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/patients/00000000-0000-4000-8000-000000000000");
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/patients/00000000-0000-4000-8000-000000000000");
  await page.getByLabel("Email").fill("viewer@riverside.example");
  await page.getByLabel("Password").fill("knee-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Not found (404)" }).waitFor();
  await context.close();
});

it("answers 401 JSON to an anonymous API call", async () => {
  const res = await fetch(`${BASE_URL()}/api/v1/patients`);
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: "unauthenticated", message: "Sign in required" });
});

it("keeps a viewer out of the admin pages (403) and hides the Admin menu", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "viewer@riverside.example");
  expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
  for (const path of ["/admin/users", "/admin/settings", "/admin/audit"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
    await page.getByRole("heading", { name: "Access denied (403)" }).waitFor();
  }
  await context.close();
});

it("lets the admin see the audit log with the sign-ins", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "admin@riverside.example");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  expect(await page.getByRole("cell", { name: "auth.login" }).count()).toBeGreaterThan(0);
  await tourShot(page, "09-audit-log");
  await context.close();
});
