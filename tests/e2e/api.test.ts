/**
 * The JSON API over real HTTP against `next start`: sessions, validation,
 * size limits, clinic isolation, and the evaluate endpoint agreeing with the
 * library byte for byte.
 */
import fc from "fast-check";
import { evaluate } from "@/lib/clinical";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { EXAMPLES, readExample } from "@/tests/helpers/evaluate-examples";
import { inputArb } from "../unit/clinical/arbitraries";
import { BASE_URL, httpSession as session } from "./browser";

let riverside: string;
let harbour: string;
beforeAll(async () => {
  [riverside, harbour] = await Promise.all([session("clinician@riverside.example"), session("clinician@harbour.example")]);
});

const get = (p: string, cookie?: string) => fetch(`${BASE_URL()}${p}`, { headers: cookie ? { Cookie: cookie } : {} });
const post = (p: string, body: string, cookie?: string) =>
  fetch(`${BASE_URL()}${p}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
  });

const example = readExample("01-gradual-with-load.input.json");

describe("security headers", () => {
  it("sends a Content-Security-Policy and the other protective headers on pages and APIs", async () => {
    for (const path of ["/login", "/api/v1/patients"]) {
      const res = await get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-eval"); // production build
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("POST /api/v1/evaluate", () => {
  it("needs a session", async () => {
    const res = await post("/api/v1/evaluate", JSON.stringify(example));
    expect(res.status).toBe(401);
  });

  it("returns exactly the library's JSON", async () => {
    const res = await post("/api/v1/evaluate", JSON.stringify(example), riverside);
    expect(res.status).toBe(200);
    const parsed = parseEvaluationInput(example);
    if (!parsed.ok) throw new Error("fixture is invalid");
    expect(await res.text()).toBe(JSON.stringify(evaluate(parsed.value)));
  });

  it.each(EXAMPLES)("worked example %s (rules version 2): the library's JSON, with the contract's expected values", async (name) => {
    const input = readExample(`${name}.input.json`);
    const res = await post("/api/v1/evaluate", JSON.stringify(input), riverside);
    expect(res.status).toBe(200);
    const parsed = parseEvaluationInput(input);
    if (!parsed.ok) throw new Error("fixture is invalid");
    const text = await res.text();
    expect(text).toBe(JSON.stringify(evaluate(parsed.value)));
    const body = JSON.parse(text) as Record<string, unknown>;
    const expected = readExample(`${name}.expected.json`) as Record<string, unknown>;
    for (const key of ["rulesVersion", "urgency", "redFlagsAbsent", "redFlagsNotAssessed", "runningAdvice", "scores", "load", "changes"])
      expect([key, body[key]]).toEqual([key, expected[key]]);
  });

  it("agrees with the library on generated inputs", async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const res = await post("/api/v1/evaluate", JSON.stringify(input), riverside);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(JSON.stringify(evaluate(input)));
      }),
      { numRuns: 15 },
    );
  });

  it("answers 400 with the same issues as the library for invalid input", async () => {
    const bad = { assessedOn: "2026-02-30", patient: { birthDate: "1990-01-01" }, symptoms: { painnow: 3 } };
    const res = await post("/api/v1/evaluate", JSON.stringify(bad), riverside);
    expect(res.status).toBe(400);
    const body = await res.json();
    const expected = parseEvaluationInput(bad);
    expect(expected.ok).toBe(false);
    expect(body).toEqual({ error: "invalid input", issues: expected.ok ? [] : expected.issues });
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["assessedOn", "symptoms.painnow"]);
  });

  it("answers 400 for a body that is not JSON, and 413 for one over 256 kB", async () => {
    const notJson = await post("/api/v1/evaluate", "{not json", riverside);
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).issues[0].path).toBe("");
    const huge = await post("/api/v1/evaluate", JSON.stringify({ pad: "x".repeat(300 * 1024) }), riverside);
    expect(huge.status).toBe(413);
  });
});

describe("patients and referrals", () => {
  it("lists the clinic's runners with keyset pagination and validates the query", async () => {
    const p1 = await (await get("/api/v1/patients?limit=10", riverside)).json();
    expect(p1.items).toHaveLength(10);
    const p2 = await (await get(`/api/v1/patients?limit=10&cursor=${p1.nextCursor}`, riverside)).json();
    expect(p2.items.some((x: { id: string }) => p1.items.some((y: { id: string }) => y.id === x.id))).toBe(false);
    const bad = await get("/api/v1/patients?limit=1000", riverside);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toEqual([{ path: "limit", message: "Enter the limit as a whole number from 1 to 100" }]);
    const unknownParam = await get("/api/v1/patients?colour=blue", riverside);
    expect(unknownParam.status).toBe(400);
  });

  it("returns 404 for another clinic's patient, an unknown id and a malformed id", async () => {
    const theirs = (await (await get("/api/v1/patients?limit=1", harbour)).json()).items[0].id as string;
    const mine = (await (await get("/api/v1/patients?limit=1", riverside)).json()).items[0].id as string;
    expect((await get(`/api/v1/patients/${mine}`, riverside)).status).toBe(200);
    for (const id of [theirs, "00000000-0000-4000-8000-000000000000", "nope"]) {
      expect((await get(`/api/v1/patients/${id}`, riverside)).status).toBe(404);
      expect((await get(`/api/v1/patients/${id}/timeline`, riverside)).status).toBe(404);
    }
    const timeline = await (await get(`/api/v1/patients/${mine}/timeline`, riverside)).json();
    expect(Array.isArray(timeline.assessments)).toBe(true);
    expect(Array.isArray(timeline.runs)).toBe(true);
  });

  it("lists referrals by status and keeps other clinics' referrals and exports out of reach", async () => {
    const signed = await (await get("/api/v1/referrals?status=signed", harbour)).json();
    expect(signed.items.length).toBeGreaterThan(0);
    expect(signed.items.every((r: { status: string }) => r.status === "signed")).toBe(true);
    const id = signed.items[0].id as string;
    expect((await get(`/api/v1/referrals/${id}`, harbour)).status).toBe(200);
    for (const p of [`/api/v1/referrals/${id}`, `/api/v1/referrals/${id}/pdf`, `/api/v1/referrals/${id}/fhir`]) {
      expect((await get(p, riverside)).status).toBe(404);
    }
    const pdf = await get(`/api/v1/referrals/${id}/pdf`, harbour);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const bad = await get("/api/v1/referrals?status=lost", harbour);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe("status");
    const drafts = await (await get("/api/v1/referrals?status=draft", harbour)).json();
    expect((await get(`/api/v1/referrals/${drafts.items[0].id}/pdf`, harbour)).status).toBe(409);
  });
});
