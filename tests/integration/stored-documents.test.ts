/**
 * Exports from stored bytes (lib/data/documents.ts): a referral's PDF and
 * FHIR bundle are made once when it is signed, and once more (a Cancelled
 * version with its own hash) when it is cancelled, the signed bytes kept;
 * downloads serve the stored bytes with their SHA-256 as ETag (the same
 * bytes every time; If-None-Match gives 304), each audited; PostgreSQL
 * checks the hash and refuses any change or deletion; referrals signed
 * before are backfilled, lazily on the first download or by the backfill.
 */
jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../helpers/actions").nextCache);

import { createHash } from "node:crypto";
import { GET as getPdf } from "@/app/api/v1/referrals/[referralId]/pdf/route";
import { GET as getFhir } from "@/app/api/v1/referrals/[referralId]/fhir/route";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import {
  backfillReferralDocuments,
  cancelReferral,
  createReferralDraft,
  exportReferralDocument,
  signReferral,
  updateReferralDraft,
} from "@/lib/data/referrals";
import { matchesIfNoneMatch } from "@/lib/document-response";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { signInAs } from "../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, SCREEN_NOT_DONE, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function signedReferral(t: TestClinic, familyName = "Stored") {
  const { episodeId } = await episodeIn(t, { runner: { familyName } });
  const d = await saveDraft(t.clinician, {
    episodeId,
    kind: "intake",
    assessedOn: isoDaysAgo(3),
    answers: { symptoms: { locking: true } },
  });
  await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
  const draft = await createReferralDraft(t.clinician, episodeId);
  const edited = await updateReferralDraft(t.clinician, {
    referralId: draft.id,
    version: draft.version,
    assessmentId: draft.assessmentId,
    urgency: draft.urgency,
    reason: draft.reason,
    question: "Is there a displaced meniscal tear?",
    recipient: undefined,
    treatmentSoFar: undefined,
    responseToTreatment: undefined,
    notes: undefined,
  });
  return signReferral(t.clinician, draft.id, edited.version);
}

const rows = (referralId: string) =>
  testDb().storedDocument.findMany({ where: { referralId }, orderBy: [{ variant: "asc" }, { kind: "asc" }] });

/** Makes a referral look as if it was signed before exports were stored (the owner, bypassing the trigger). */
async function forgetDocuments(referralId: string) {
  await testDb().$transaction([
    testDb().$executeRawUnsafe(`ALTER TABLE "StoredDocument" DISABLE TRIGGER stored_document_guard`),
    testDb().storedDocument.deleteMany({ where: { referralId } }),
    testDb().$executeRawUnsafe(`ALTER TABLE "StoredDocument" ENABLE TRIGGER stored_document_guard`),
  ]);
}

const call = (handler: typeof getPdf, referralId: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost/api/v1/referrals/${referralId}/x`, { headers }), { params: Promise.resolve({ referralId }) });

describe("stored referral exports", () => {
  it("are made once at signing and served as stored, with the SHA-256 as ETag and 304 for If-None-Match; audited", async () => {
    const r = await signedReferral(c);
    const stored = await rows(r.id);
    expect(stored.map((d) => [d.kind, d.variant])).toEqual([
      ["referral_pdf", "signed"],
      ["referral_fhir", "signed"],
    ]);
    for (const d of stored) {
      expect(d.sha256).toBe(sha(d.bytes));
      expect(d.byteLength).toBe(d.bytes.length);
      expect(d).toMatchObject({ clinicId: c.clinicId, episodeId: r.episodeId });
    }

    await signInAs(c.viewer);
    const first = await call(getPdf, r.id);
    expect(first.status).toBe(200);
    const bytes = Buffer.from(await first.arrayBuffer());
    const pdfRow = stored.find((d) => d.kind === "referral_pdf")!;
    expect(sha(bytes)).toBe(pdfRow.sha256);
    expect(first.headers.get("etag")).toBe(`"${pdfRow.sha256}"`);
    expect(first.headers.get("content-type")).toBe("application/pdf");
    expect(first.headers.get("content-disposition")).toMatch(/^attachment; filename="referral-.*\.pdf"$/);
    // The same bytes every time.
    const again = Buffer.from(await (await call(getPdf, r.id)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const notModified = await call(getPdf, r.id, { "If-None-Match": `"${pdfRow.sha256}"` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(`"${pdfRow.sha256}"`);
    expect((await notModified.arrayBuffer()).byteLength).toBe(0);
    expect((await call(getPdf, r.id, { "If-None-Match": '"0000"' })).status).toBe(200);

    const fhir = await call(getFhir, r.id);
    const fhirRow = stored.find((d) => d.kind === "referral_fhir")!;
    expect(fhir.headers.get("etag")).toBe(`"${fhirRow.sha256}"`);
    expect(fhir.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(JSON.parse(Buffer.from(await fhir.arrayBuffer()).toString("utf8"))).toMatchObject({ resourceType: "Bundle", type: "document" });

    const audits = await testDb().auditEvent.findMany({ where: { entityId: r.id, action: { startsWith: "referral.export_" } } });
    expect(audits.map((a) => a.action).sort()).toEqual([
      "referral.export_fhir",
      "referral.export_pdf",
      "referral.export_pdf",
      "referral.export_pdf",
      "referral.export_pdf",
    ]);
    expect(audits.find((a) => a.action === "referral.export_pdf")?.detail).toMatchObject({ variant: "signed", sha256: pdfRow.sha256 });
    expect((await rows(r.id)).length).toBe(2); // downloads made nothing new
  });

  it("a cancelled referral gets a Cancelled version with its own hash; the signed bytes are kept; downloads serve the Cancelled one", async () => {
    const r = await signedReferral(c, "Cancelled");
    const signed = await rows(r.id);
    await cancelReferral(c.clinician, r.id, "Seen in the emergency department instead");
    const all = await rows(r.id);
    expect(all.map((d) => [d.kind, d.variant])).toEqual([
      ["referral_pdf", "signed"],
      ["referral_fhir", "signed"],
      ["referral_pdf", "cancelled"],
      ["referral_fhir", "cancelled"],
    ]);
    expect(all.slice(0, 2)).toEqual(signed);
    const cancelledPdf = all[2]!;
    expect(cancelledPdf.sha256).not.toBe(signed[0]!.sha256);
    expect(pdfText(Buffer.from(cancelledPdf.bytes))).toContain("CANCELLED on ");
    const served = await exportReferralDocument(c.viewer, r.id, "referral_pdf");
    expect(served.document.sha256).toBe(cancelledPdf.sha256);
    const bundle = JSON.parse(Buffer.from((await exportReferralDocument(c.viewer, r.id, "referral_fhir")).document.bytes).toString("utf8"));
    expect(
      bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === "ServiceRequest").resource.status,
    ).toBe("revoked");
  });

  it("PostgreSQL checks the hash and refuses changing or deleting a stored document, even for the owner", async () => {
    const r = await signedReferral(c, "Sealed");
    const [doc] = await rows(r.id);
    await expect(testDb().storedDocument.update({ where: { id: doc!.id }, data: { bytes: new Uint8Array([1, 2, 3]) } })).rejects.toThrow(
      /can never be changed or deleted/,
    );
    await expect(testDb().storedDocument.delete({ where: { id: doc!.id } })).rejects.toThrow(/can never be changed or deleted/);
    const bytes = Buffer.from("not the signed bytes");
    await expect(
      testDb().storedDocument.create({
        data: {
          clinicId: c.clinicId,
          kind: "referral_pdf",
          variant: "cancelled",
          episodeId: r.episodeId,
          referralId: r.id,
          contentType: "application/pdf",
          bytes: new Uint8Array(bytes),
          sha256: "0".repeat(64),
          byteLength: bytes.length,
        },
      }),
    ).rejects.toThrow(/sha256 and byteLength must be those of its bytes/);
    await expect(
      testDb().storedDocument.create({
        data: {
          clinicId: c.clinicId,
          kind: "referral_pdf",
          variant: "cancelled",
          episodeId: r.episodeId,
          referralId: r.id,
          contentType: "application/pdf",
          bytes: new Uint8Array(bytes),
          sha256: sha(bytes),
          byteLength: bytes.length,
        },
      }),
    ).rejects.toThrow(/a Cancelled version belongs to a cancelled referral/);
  });

  it("referrals signed before are backfilled: lazily on the first download, or by the backfill; other clinics' untouched", async () => {
    const lazy = await signedReferral(c, "Lazy");
    const lazyRows = await rows(lazy.id);
    await forgetDocuments(lazy.id);
    expect(await rows(lazy.id)).toEqual([]);
    const first = await exportReferralDocument(c.viewer, lazy.id, "referral_pdf");
    expect(first.document.sha256).toBe(sha(first.document.bytes));
    expect(first.document.sha256).toBe(lazyRows[0]!.sha256); // the renderer is deterministic: the same bytes as at signing
    const second = await exportReferralDocument(c.viewer, lazy.id, "referral_pdf");
    expect(second.document.id).toBe(first.document.id);

    const t = await createClinic();
    const old = await signedReferral(t, "Old");
    const oldCancelled = await signedReferral(t, "OldCancelled");
    await cancelReferral(t.clinician, oldCancelled.id, "Patient declined");
    await forgetDocuments(old.id);
    await forgetDocuments(oldCancelled.id);
    const other = await signedReferral(c, "OtherClinic");
    await forgetDocuments(other.id);

    expect(await backfillReferralDocuments(t.clinicId, 1)).toEqual({ referrals: 2, documents: 6 });
    expect((await rows(old.id)).map((d) => d.variant)).toEqual(["signed", "signed"]);
    expect((await rows(oldCancelled.id)).map((d) => d.variant)).toEqual(["signed", "signed", "cancelled", "cancelled"]);
    expect(await rows(other.id)).toEqual([]); // another clinic's referral is not touched
    // Run again: nothing more to do, nothing replaced.
    expect(await backfillReferralDocuments(t.clinicId)).toEqual({ referrals: 2, documents: 0 });
  });

  it("matchesIfNoneMatch: strong and weak tags, lists and *", () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch("*", '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"abc"')).toBe(false);
  });
});
