/**
 * The discharge summary and the GP letter (issue 14 item 4): signed after
 * discharge, frozen, their PDF made once at signing and served from the
 * stored bytes (ETag, 304), every download audited; a new version needs its
 * reason and leaves the earlier bytes as they were; a GP letter needs the
 * GP on the runner's record.
 */
import { GET as summaryPdf } from "@/app/api/v1/episodes/[episodeId]/discharge-summary/pdf/route";
import { GET as gpLetterPdf } from "@/app/api/v1/episodes/[episodeId]/gp-letter/pdf/route";
import { dischargeEpisode } from "@/lib/data/discharges";
import { letterForPrint, letterPdf, signLetter } from "@/lib/data/letters";
import { updatePatient } from "@/lib/data/patients";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { patientSchema } from "@/lib/validation/patients";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { signInAs } from "../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn, signedIn } from "../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  [c, other] = await Promise.all([createClinic(), createClinic()]);
});
afterAll(closeTestDb);

async function discharged() {
  const { episodeId, patientId } = await episodeIn(c);
  await dischargeEpisode(c.clinician, episodeId, {
    reason: "returned_to_full_running",
    returnToRunningOn: isoDaysAgo(2),
    notes: "Back to 30 km a week",
  });
  return { episodeId, patientId };
}

const issues = (e: unknown) => (e as ValidationError).issues;
const call = (route: typeof summaryPdf, episodeId: string, headers: Record<string, string> = {}, query = "") =>
  route(new Request(`http://localhost/api/v1/episodes/${episodeId}/x/pdf${query}`, { headers }), {
    params: Promise.resolve({ episodeId }),
  });

describe("the discharge summary", () => {
  it("is refused before discharge, signed after it with its PDF made once, and amended only as a new version with a reason", async () => {
    const open = await episodeIn(c);
    await expect(signLetter(c.clinician, open.episodeId, { kind: "discharge_summary" })).rejects.toThrow(ConflictError);

    const { episodeId } = await discharged();
    const v1 = await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });
    expect(v1).toMatchObject({ kind: "discharge_summary", version: 1, amendmentReason: null, signedBy: { name: c.clinician.name } });
    const first = await letterPdf(c.clinician, episodeId, "discharge_summary");
    const text = pdfText(first.document.bytes);
    expect(text).toContain("Discharge summary");
    expect(text).toContain("Returned to full running");
    expect(text).toContain("Back to 30 km a week");
    expect(text).toContain(`Signed`);

    const noReason = await signLetter(c.clinician, episodeId, { kind: "discharge_summary" }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(ValidationError);
    expect(issues(noReason)[0]?.path).toBe("amendmentReason");
    const v2 = await signLetter(c.clinician, episodeId, { kind: "discharge_summary", amendmentReason: "Return-to-running date corrected" });
    expect(v2.version).toBe(2);
    const second = await letterPdf(c.clinician, episodeId, "discharge_summary");
    expect(pdfText(second.document.bytes)).toContain("Return-to-running date corrected");
    const again = await letterPdf(c.clinician, episodeId, "discharge_summary", 1);
    expect(again.document.sha256).toBe(first.document.sha256);
    expect(Buffer.compare(again.document.bytes, first.document.bytes)).toBe(0);
  });

  it("is served from the stored bytes with an ETag and 304, every download audited; another clinic's is not found", async () => {
    const { episodeId } = await discharged();
    await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });
    await signInAs(c.viewer);
    const res = await call(summaryPdf, episodeId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const etag = res.headers.get("etag")!;
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(pdfText(bytes)).toContain("Discharge summary");
    expect((await call(summaryPdf, episodeId, { "if-none-match": etag })).status).toBe(304);
    expect((await call(gpLetterPdf, episodeId)).status).toBe(404);
    expect((await call(summaryPdf, episodeId, {}, "?version=0")).status).toBe(400);
    const downloads = await testDb().auditEvent.count({ where: { clinicId: c.clinicId, action: "letter.download", entityId: episodeId } });
    expect(downloads).toBe(2);
    await expect(letterPdf(other.clinician, episodeId, "discharge_summary")).rejects.toThrow(NotFoundError);
    await expect(signLetter(other.clinician, episodeId, { kind: "discharge_summary" })).rejects.toThrow(NotFoundError);
  });

  it("is write-once in PostgreSQL: the letter and its PDF can never be changed", async () => {
    const { episodeId } = await discharged();
    const v1 = await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });
    await expect(testDb().episodeLetter.update({ where: { id: v1.id }, data: { amendmentReason: "x" } })).rejects.toThrow(
      /never be changed/,
    );
    await expect(testDb().storedDocument.updateMany({ where: { letterId: v1.id }, data: { contentType: "text/plain" } })).rejects.toThrow();
  });
});

describe("the GP letter", () => {
  it("needs the GP on the runner's record, then names the GP and the practice", async () => {
    const { episodeId, patientId } = await discharged();
    const noGp = await signLetter(c.clinician, episodeId, { kind: "gp_letter" }).catch((e: unknown) => e);
    expect(issues(noGp)).toEqual([{ path: "gpName", message: expect.stringMatching(/Record the runner's GP/) }]);
    const p = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    await updatePatient(
      c.clinician,
      patientId,
      patientSchema.parse(
        patientInput({
          mrn: p.mrn,
          givenName: p.givenName,
          familyName: p.familyName,
          gpName: "Dr Amara Okafor",
          gpPractice: "Harbour Medical Practice",
          gpAddress: "1 Quay Street, Portsmouth",
        }),
      ),
    );
    const audited = await testDb().auditEvent.findFirst({
      where: { action: "patient.update", entityId: patientId },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(audited?.detail)).toContain("Dr Amara Okafor");
    await signLetter(c.clinician, episodeId, { kind: "gp_letter" });
    const { document } = await letterPdf(c.clinician, episodeId, "gp_letter");
    const text = pdfText(document.bytes);
    expect(text).toContain("Letter to the GP");
    expect(text).toContain("Dr Amara Okafor");
    expect(text).toContain("Harbour Medical Practice");
    expect(text).toContain("Dear colleague");
  });
});

describe("the print page", () => {
  it("shows the signed version's frozen words, only under its patient, audited; later changes to the record do not reach it", async () => {
    const { episodeId, patientId } = await signedIn(c, {
      symptoms: { painNow: 4 },
      treatment: {
        given: [
          { code: "gait_retraining", cadenceTargetSpm: 172 },
          { code: "taping", notes: "Medial unloading" },
        ],
      },
    } as Parameters<typeof signedIn>[1]);
    const p = await testDb().patient.findUniqueOrThrow({ where: { id: patientId } });
    const withRace = (goalEvent: string) =>
      updatePatient(
        c.clinician,
        patientId,
        patientSchema.parse(
          patientInput({
            mrn: p.mrn,
            givenName: p.givenName,
            familyName: p.familyName,
            goalEvent,
            goalEventDate: isoDaysAgo(-70),
            goalEventDistanceKm: 21.1,
          }),
        ),
      );
    await withRace("Harbour Half");
    await dischargeEpisode(c.clinician, episodeId, { reason: "goal_race_completed" });
    await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });
    await withRace("Renamed Half");

    const printed = await letterForPrint(c.viewer, patientId, episodeId, "discharge_summary");
    const words = JSON.stringify(printed.letter);
    expect(words).toContain("Gait retraining");
    expect(words).toContain("172");
    expect(words).toContain("Taping");
    expect(words).toContain("Harbour Half");
    expect(words).not.toContain("Renamed Half");
    expect(printed.versions).toEqual([1]);
    // The PDF was made from the same words.
    const pdf = pdfText((await letterPdf(c.viewer, episodeId, "discharge_summary")).document.bytes);
    for (const s of ["Harbour Half", "Taping", "172"]) expect(pdf).toContain(s);

    const prints = await testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, action: "letter.print", entityId: episodeId } });
    expect(prints).toHaveLength(1);
    expect(prints[0]).toMatchObject({ userId: c.viewer.userId, patientId });

    const elsewhere = await episodeIn(c);
    await expect(letterForPrint(c.viewer, elsewhere.patientId, episodeId, "discharge_summary")).rejects.toThrow(NotFoundError);
    await expect(letterForPrint(c.viewer, patientId, episodeId, "gp_letter")).rejects.toThrow(NotFoundError);
    await expect(letterForPrint(c.viewer, patientId, episodeId, "discharge_summary", 2)).rejects.toThrow(NotFoundError);
    await expect(letterForPrint(other.viewer, patientId, episodeId, "discharge_summary")).rejects.toThrow(NotFoundError);
  });
});
