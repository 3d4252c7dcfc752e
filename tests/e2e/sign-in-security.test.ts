/**
 * Sign-in security in a real browser over real HTTP: the open redirect
 * refused, sign-out ending the session on the server (a copied cookie is
 * refused everywhere, next-auth's own session endpoint included), two-factor
 * enrolment and sign-in with codes computed here by the same library, the
 * admin reset, the sign-in text built from the configured lockout, and the
 * per-request nonce, no-store and HSTS headers.
 */
import AxeBuilder from "@axe-core/playwright";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { signInFailedMessage } from "@/lib/sign-in-messages";
import { BASE_URL, DEMO_PASSWORD, launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const lockout = { threshold: Number(process.env.LOCKOUT_THRESHOLD || 5), minutes: Number(process.env.LOCKOUT_MINUTES || 15) };

/** Serious or critical WCAG 2.1 A/AA violations on the page (as tests/e2e/accessibility.test.ts counts them). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** The password step of the sign-in form (already on /login). */
async function enterPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

describe("after sign-in, only places in this app", () => {
  for (const callbackUrl of [
    "/%5Cevil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/patients",
    "/%2F%2Fevil.example",
  ]) {
    it(`refuses callbackUrl=${callbackUrl} and goes to the caseload`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await enterPassword(page, "viewer@riverside.example");
      await page.getByRole("heading", { name: "Caseload" }).waitFor();
      const url = new URL(page.url());
      expect(url.origin).toBe(new URL(BASE_URL()).origin);
      expect(url.pathname).toBe("/patients");
      await context.close();
    });
  }

  it("still returns to a page of the app after sign-in", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/referrals?status=draft")}`);
    await enterPassword(page, "viewer@riverside.example");
    await page.waitForURL((url) => url.pathname === "/referrals");
    expect(new URL(page.url()).search).toBe("?status=draft");
    await context.close();
  });
});

describe("sign-out", () => {
  it("ends the session on the server: a copied cookie is refused by pages, the API and next-auth's session endpoint", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "clinician@riverside.example");
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie).toBeDefined();
    const copied = { Cookie: `next-auth.session-token=${cookie!.value}` };
    const get = (path: string) => fetch(`${BASE_URL()}${path}`, { headers: copied, redirect: "manual" });

    expect((await get("/api/v1/patients?limit=1")).status).toBe(200);
    expect((await get("/patients")).status).toBe(200);
    expect(await (await get("/api/auth/session")).json()).toHaveProperty("expires");

    await signOut(page);

    expect((await get("/api/v1/patients?limit=1")).status).toBe(401);
    const pageRes = await get("/patients");
    expect(pageRes.status).toBe(307);
    expect(new URL(pageRes.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
    const session = await get("/api/auth/session");
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({});
    // next-auth clears the dead cookie.
    expect(session.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=;"))).toBe(true);
    await context.close();
  });
});

describe("two-factor sign-in", () => {
  const email = "totp.tester@riverside.example";
  const password = "a long enough passphrase";

  it("enrols with the QR setup key, signs in with a code, refuses a wrong one, and an admin can reset it", async () => {
    // An account of its own, made by the admin (the demo clinic does not require two-factor sign-in).
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, "admin@riverside.example");
    await admin.goto("/admin/users");
    const create = admin.locator("form", { has: admin.getByRole("button", { name: "Create account" }) });
    await create.getByLabel("Full name").fill("Tess Totp");
    await create.getByLabel("Email").fill(email);
    await create.getByLabel("Initial password").fill(password);
    await create.getByRole("button", { name: "Create account" }).click();
    await admin.getByText("Account created for Tess Totp").waitFor();

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, email, password);
    await page.getByRole("link", { name: "Two-factor sign-in" }).click();
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const qr = page.getByRole("img", { name: "QR code to add Knee Clinic to your authenticator app" });
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.locator("#totp-secret").innerText()).replace(/\s+/g, "");
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    await page.getByLabel("Code from the app").fill("12345");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByText("Enter the 6-digit code from your authenticator app (digits only)").first().waitFor();
    await page.getByLabel("Code from the app").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await accessibilityProblems(page)).toEqual([]);
    const recoveryCode = await codes.nth(4).innerText();
    await page.getByRole("link", { name: "I have saved them: continue" }).click();
    await page.getByRole("heading", { name: "Caseload" }).waitFor();
    await signOut(page);

    // Password first; the code is asked only then. The next step's code: the current one was used to enrol.
    await enterPassword(page, email, password);
    const code = page.getByLabel("Authentication code");
    await code.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await code.fill("000000");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    expect(await page.getByRole("alert").filter({ hasText: "Sign-in failed" }).innerText()).toContain(signInFailedMessage(lockout, true));
    await code.fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: "Caseload" }).waitFor();
    await signOut(page);

    // A recovery code instead of the app.
    await enterPassword(page, email, password);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCode);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: "Caseload" }).waitFor();

    // The admin resets it (a lost phone): the user's session ends, and password alone signs in again.
    await admin.goto("/admin/users");
    const row = admin.getByRole("row", { name: /Tess Totp/ });
    expect(await row.getByRole("cell", { name: "On", exact: true }).count()).toBe(1);
    await row.getByRole("button", { name: "Edit Tess Totp" }).click();
    await admin.getByRole("button", { name: "Reset two-factor sign-in" }).click();
    await admin.getByText("Two-factor sign-in of Tess Totp was reset").waitFor();
    await page.reload();
    await page.waitForURL((url) => url.pathname === "/login");
    await signIn(page, email, password);
    await page.getByRole("heading", { name: "Caseload" }).waitFor();
    await context.close();
    await admin.context().close();
  });
});

describe("sign-in page", () => {
  it("never sends the password in the address, even when submitted before the page's script has taken over", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The app's scripts never load: the form stays the server's HTML, as it is for a moment on every slow load.
    await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
    await page.goto("/login");
    await page.getByLabel("Email").fill("viewer@riverside.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    const submitted = page.waitForRequest((r) => new URL(r.url()).pathname === "/login" && r.isNavigationRequest());
    await page.getByRole("button", { name: "Sign in" }).click();
    const request = await submitted;
    expect(request.method()).toBe("POST");
    expect(request.url()).not.toContain("password");
    await page.waitForLoadState("load");
    expect(page.url()).not.toContain("password");
    expect(page.url()).not.toContain(encodeURIComponent(DEMO_PASSWORD));
    expect((await context.cookies()).map((c) => c.name)).not.toContainEqual(expect.stringContaining("session-token"));
    await context.close();
  });

  it("states the configured lockout in its one failure message", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/login");
    await enterPassword(page, "nobody@riverside.example", "not the password");
    const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(signInFailedMessage(lockout));
    await context.close();
  });
});

describe("response headers", () => {
  it("allows scripts by a fresh nonce per response, never 'unsafe-inline', and puts the nonce on the page's scripts", async () => {
    const first = await fetch(`${BASE_URL()}/login`);
    const second = await fetch(`${BASE_URL()}/login`);
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce!);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends Cache-Control: no-store on pages and API answers, and no HSTS over plain http", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "viewer@riverside.example");
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
    const headers = { Cookie: `next-auth.session-token=${cookie.value}` };
    for (const path of ["/login", "/patients", "/api/v1/patients?limit=1", "/api/auth/session", "/api/v1/nothing-here"]) {
      const res = await fetch(`${BASE_URL()}${path}`, { headers, redirect: "manual" });
      expect([path, res.headers.get("cache-control")]).toEqual([path, expect.stringContaining("no-store")]);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    await context.close();
  });
});
