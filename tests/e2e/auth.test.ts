import type { Browser } from "playwright-core";
import { BASE_URL, cspViolations, launch, newContext, signIn, tourShot, until } from "./browser";

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
  // Each attempt: its own answer from the server, then the message it shows
  // (the form clears the message when it submits, so each one read is new).
  const attempt = async (email: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/callback/credentials" && r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
    await alert.waitFor();
    return { status: answer.status(), message: await alert.innerText() };
  };
  const known = await attempt("viewer@riverside.example");
  const unknown = await attempt("nobody@riverside.example");
  expect(unknown).toEqual(known);
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

it("blocks a script from another origin under the Content-Security-Policy (and the suite notices)", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.src = "https://scripts.example.invalid/steal.js";
    document.head.appendChild(s);
  });
  // The context's console listener records the refusal (tests/e2e/browser.ts).
  await until(() => cspViolations.some((v) => /scripts\.example\.invalid/.test(v)), "the CSP refusal in the console");
  // The check after every test (tests/setup/e2e-each-file.ts) would fail on this; take it off the list.
  expect(cspViolations.splice(0).join("\n")).toMatch(/scripts\.example\.invalid/);
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
  for (const path of ["/admin/users", "/admin/settings", "/admin/exercises", "/admin/audit"]) {
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
  expect(await page.getByTestId("audit-event").filter({ hasText: "Signed in" }).count()).toBeGreaterThan(0);
  await tourShot(page, "09-audit-log");
  await context.close();
});

it("lets the admin create a user (with field errors first) and change a clinic threshold", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "admin@riverside.example");
  await page.goto("/admin/users");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create account" }) });
  await form.getByLabel("Full name").fill("Pat Physio");
  await form.getByLabel("Email").fill("pat.physio@riverside.example");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create account" }).click();
  await form.getByText("Enter a password of at least 12 characters").first().waitFor();
  expect(await form.getByLabel("Full name").inputValue()).toBe("Pat Physio"); // kept after the refusal
  await form.getByLabel("Initial password").fill("a long enough passphrase");
  await form.getByRole("button", { name: "Create account" }).click();
  await page.getByText("Account created for Pat Physio").waitFor();
  await page.getByRole("cell", { name: "pat.physio@riverside.example" }).waitFor();

  await page.goto("/admin/settings");
  await page.getByLabel(/Persistent pain/).fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Enter the persistent pain days as a whole number from 1 to 365").first().waitFor();
  await page.getByLabel(/Persistent pain/).fill("21");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText(/Clinic settings saved/).waitFor();
  await page.reload();
  expect(await page.getByLabel(/Persistent pain/).inputValue()).toBe("21");
  await page.getByLabel(/Persistent pain/).fill("14");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText(/Clinic settings saved/).waitFor();
  await context.close();
});
