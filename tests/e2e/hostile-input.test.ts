/**
 * Hostile input over real HTTP: every list page and API gets query parameters
 * and ids an attacker would try (NUL bytes, malformed percent-encoding,
 * numbers out of range, tampered cursors, over-long text). None may cost a
 * 500: a page answers 200 with the problem named, or 404; an API answers 400
 * naming the parameter, or 404. Also: a signed referral's print page answers
 * only under the patient it belongs to.
 */
import { BASE_URL, httpSession } from "./browser";

let clinician: string;
let admin: string;
let harbour: string;
const ids = { patient: "", otherPatient: "", episode: "", assessment: "", referral: "", harbourReferral: "" };

const get = (p: string, cookie: string) => fetch(`${BASE_URL()}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });
const json = async <T>(p: string, cookie: string): Promise<T> => {
  const res = await get(p, cookie);
  if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  [clinician, admin, harbour] = await Promise.all([
    httpSession("clinician@riverside.example"),
    httpSession("admin@riverside.example"),
    httpSession("clinician@harbour.example"),
  ]);
  const referrals = await json<{ items: { id: string; patientId: string }[] }>("/api/v1/referrals?status=signed", clinician);
  ids.referral = referrals.items[0]!.id;
  ids.patient = referrals.items[0]!.patientId;
  const patients = await json<{ items: { id: string }[] }>("/api/v1/patients?limit=5", clinician);
  ids.otherPatient = patients.items.find((p) => p.id !== ids.patient)!.id;
  const record = await json<{ episodes: { id: string; assessments: { id: string }[] }[] }>(`/api/v1/patients/${ids.patient}`, clinician);
  ids.episode = record.episodes[0]!.id;
  ids.assessment = record.episodes[0]!.assessments[0]!.id;
  ids.harbourReferral = (await json<{ items: { id: string }[] }>("/api/v1/referrals?status=signed", harbour)).items[0]!.id;
});

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** Cursors a client could forge: not base64 JSON, the wrong shape, or the right shape with values no column can hold. */
const TAMPERED_CURSORS = [
  "garbage!",
  "%00",
  "9999999999999999999",
  "-1",
  b64("not json"),
  b64({ f: 1 }),
  b64(["x", "y", "z"]),
  b64(["x", "y"]),
  b64([0, "9999-99-99", "00000000-0000-4000-8000-000000000000"]),
  b64([99999999999, "2026-01-01", "00000000-0000-4000-8000-000000000000"]),
  b64(["a\u0000b", "00000000-0000-4000-8000-000000000000"]),
  b64({ f: "a\u0000", g: "b", i: "00000000-0000-4000-8000-000000000000" }),
  b64({ t: "+275760-09-13T00:00:00.000Z", i: "00000000-0000-4000-8000-000000000000" }),
  b64({ t: "-271821-04-20T00:00:00.000Z", i: "00000000-0000-4000-8000-000000000000" }),
  b64({ t: "2026-01-01T00:00:00.000Z", i: "not-a-uuid" }),
];

/** Values for any text, enum or number parameter; a NUL byte is refused wherever it is sent. */
const NUL_VALUES = ["%00", "a%00b"];
const HOSTILE_VALUES = [
  ...NUL_VALUES,
  "%E0%A4%A",
  "%FF",
  "x".repeat(3000),
  "1e309",
  "99999999999999999999",
  "-5",
  "<script>",
  "'; DROP TABLE x;--",
];

/** Every list page and API with its parameters (the audit log needs an administrator). */
const LISTS: { path: string; params: string[]; api: boolean; admin?: boolean }[] = [
  { path: "/patients", params: ["q", "urgency", "due", "worsening", "drafts", "sort", "limit", "cursor"], api: false },
  { path: "/patients?sort=review", params: ["cursor"], api: false },
  { path: "/patients/directory", params: ["q", "cursor"], api: false },
  { path: "/referrals", params: ["status", "limit", "cursor"], api: false },
  { path: "/admin/audit", params: ["user", "mrn", "patient", "record", "action", "from", "to", "cursor"], api: false, admin: true },
  { path: "/api/v1/patients", params: ["q", "limit", "cursor"], api: true },
  { path: "/api/v1/referrals", params: ["status", "limit", "cursor"], api: true },
];

const withParam = (path: string, name: string, raw: string) => `${path}${path.includes("?") ? "&" : "?"}${name}=${raw}`;

/** What is wrong with the answer to a hostile request; null when it was refused properly. */
async function problem(
  path: string,
  cookie: string,
  api: boolean,
  param?: string,
  mustName?: string,
  mustRefuse = !!mustName,
): Promise<string | null> {
  const res = await get(path, cookie);
  const body = await res.text();
  const where = `GET ${path.length > 140 ? `${path.slice(0, 140)}…` : path}: ${res.status}`;
  if (res.status >= 500) return where;
  if (api) {
    if (![200, 400, 404].includes(res.status) || (mustRefuse && res.status === 200)) return `${where} (expected 400 or 404)`;
    if (param && res.status === 400) {
      const paths = (JSON.parse(body) as { issues: { path: string }[] }).issues.map((i) => i.path);
      if (!paths.every((p) => p === param)) return `${where} names ${paths.join(", ")} instead of ${param}`;
    }
    if (mustName && res.status !== 400) return `${where} (expected 400 naming ${param})`;
  } else {
    if (![200, 404].includes(res.status)) return `${where} (expected 200 with the problem named, or 404)`;
    if (mustName && !body.includes(mustName)) return `${where} does not say "${mustName}"`;
  }
  return null;
}

async function sweep(requests: (() => Promise<string | null>)[]): Promise<string[]> {
  const found: string[] = [];
  for (const request of requests) {
    const p = await request();
    if (p) found.push(p);
  }
  return found;
}

describe("hostile query parameters on every list page and API", () => {
  for (const list of LISTS) {
    it(`${list.path}: no value of any parameter costs a 500`, async () => {
      const cookie = list.admin ? admin : clinician;
      const requests = list.params.flatMap((param) =>
        HOSTILE_VALUES.map(
          (raw) => () => problem(withParam(list.path, param, raw), cookie, list.api, param, undefined, NUL_VALUES.includes(raw)),
        ),
      );
      expect(await sweep(requests)).toEqual([]);
    });

    it(`${list.path}: a tampered cursor is refused naming the cursor`, async () => {
      const cookie = list.admin ? admin : clinician;
      const requests = TAMPERED_CURSORS.map(
        (cursor) => () =>
          problem(
            withParam(list.path, "cursor", encodeURIComponent(cursor)),
            cookie,
            list.api,
            "cursor",
            "this cursor is not one the list gave",
          ),
      );
      expect(await sweep(requests)).toEqual([]);
    });
  }
});

describe("hostile ids in paths", () => {
  const BAD_IDS = ["%E0%A4%A", "%00", "%FF", "not-a-uuid", "9999999999999999999", "00000000-0000-4000-8000-000000000000"];

  const pages = () => [
    (id: string) => `/patients/${id}`,
    (id: string) => `/patients/${id}/runs`,
    (id: string) => `/patients/${id}/edit`,
    (id: string) => `/patients/${id}/referrals`,
    (id: string) => `/patients/${ids.patient}/referrals/${id}`,
    (id: string) => `/patients/${ids.patient}/referrals/${id}/print`,
    (id: string) => `/patients/${ids.patient}/episodes/${id}/assessments/new?kind=intake`,
    (id: string) => `/patients/${ids.patient}/episodes/${ids.episode}/assessments/${id}`,
  ];
  const apis = () => [
    (id: string) => `/api/v1/patients/${id}`,
    (id: string) => `/api/v1/patients/${id}/timeline`,
    (id: string) => `/api/v1/referrals/${id}`,
    (id: string) => `/api/v1/referrals/${id}/pdf`,
    (id: string) => `/api/v1/referrals/${id}/fhir`,
    (id: string) => `/api/v1/episodes/${id}/red-flag-actions`,
    (id: string) => `/api/v1/episodes/${id}/programme`,
    (id: string) => `/api/v1/episodes/${id}/diary`,
    (id: string) => `/api/v1/episodes/${id}/questionnaire-requests`,
  ];
  const notFound = async (path: string) => {
    const res = await get(path, clinician);
    return [400, 404].includes(res.status) ? null : `GET ${path}: ${res.status} (expected 404 or 400)`;
  };

  it("pages answer 404 (or 400), never 500", async () => {
    expect(await sweep(pages().flatMap((page) => BAD_IDS.map((id) => () => notFound(page(id)))))).toEqual([]);
  });

  it("APIs answer 404 (or 400), never 500", async () => {
    expect(await sweep(apis().flatMap((api) => BAD_IDS.map((id) => () => notFound(api(id)))))).toEqual([]);
  });
});

describe("the print page", () => {
  it("shows a signed referral only under its own patient", async () => {
    const own = await get(`/patients/${ids.patient}/referrals/${ids.referral}/print`, clinician);
    expect(own.status).toBe(200);
    const elsewhere = await get(`/patients/${ids.otherPatient}/referrals/${ids.referral}/print`, clinician);
    expect(elsewhere.status).toBe(404);
    const otherClinic = await get(`/patients/${ids.patient}/referrals/${ids.harbourReferral}/print`, clinician);
    expect(otherClinic.status).toBe(404);
  });
});
