import { RED_FLAG_CODES } from "@/lib/clinical";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { getCaseload } from "@/lib/data/caseload";
import { reopenEpisode, updatePatient } from "@/lib/data/patients";
import {
  cancelReferral,
  createReferralDraft,
  deleteReferralDraft,
  exportReferral,
  getReferral,
  listReferrals,
  markReferralSent,
  previewReferral,
  signReferral,
  updateReferralDraft,
} from "@/lib/data/referrals";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic, SCREEN_NOT_DONE } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";
import { dischargeEpisode } from "@/lib/data/discharges";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

async function signedEpisode(t: TestClinic, answers: Parameters<typeof saveDraft>[1]["answers"], name = "Runner") {
  const { patientId, episodeId } = await episodeIn(t, { runner: { familyName: name } });
  const d = await saveDraft(t.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(7), answers });
  const a = await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
  return { patientId, episodeId, assessmentId: a.id };
}

describe("referrals", () => {
  it("pre-fills urgency and reason, requires the question, and freezes the snapshot at signing", async () => {
    const { patientId, episodeId } = await signedEpisode(c, { symptoms: { locking: true, painNow: 6 } }, "Frozen");
    const draft = await createReferralDraft(c.clinician, episodeId);
    expect(draft).toMatchObject({ status: "draft", urgency: "urgent", question: "" });
    expect(draft.reason).toMatch(/Locked knee/);
    const refused = await signReferral(c.clinician, draft.id, draft.version).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.issues).toEqual([{ path: "question", message: "Write the question for the receiving clinician before signing" }]);

    const edited = await updateReferralDraft(c.clinician, {
      referralId: draft.id,
      version: draft.version,
      assessmentId: draft.assessmentId,
      urgency: "urgent",
      reason: draft.reason,
      question: "Is there a displaced meniscal tear?",
      recipient: "Orthopaedic knee clinic",
      treatmentSoFar: "Load reduction",
      responseToTreatment: undefined,
      notes: undefined,
    });
    // A save from the version before that edit is refused.
    const stale = {
      referralId: draft.id,
      version: draft.version,
      assessmentId: draft.assessmentId,
      urgency: "urgent" as const,
      reason: "r",
      question: "q",
      recipient: undefined,
      treatmentSoFar: undefined,
      responseToTreatment: undefined,
      notes: undefined,
    };
    await expect(updateReferralDraft(c.clinician, stale)).rejects.toBeInstanceOf(ConflictError);
    const preview = await previewReferral(c.clinician, draft.id);
    expect(preview.question).toBe("Is there a displaced meniscal tear?");

    const signed = await signReferral(c.clinician, draft.id, edited.version);
    expect(signed.status).toBe("signed");
    const frozen = signed.snapshot!;
    expect(frozen.patient.familyName).toBe("Frozen");
    expect(frozen.redFlags.map((f) => f.code)).toEqual(["locked_knee"]);
    expect(frozen.redFlagsNotAssessed.length + frozen.redFlagsAbsent.length + frozen.redFlags.length).toBe(RED_FLAG_CODES.length);

    // Later changes to the patient and new assessments never alter it.
    await updatePatient(c.clinician, patientId, patientSchema.parse(patientInput({ familyName: "Renamed", mrn: frozen.patient.mrn })));
    const f = await saveDraft(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 1, locking: false } },
    });
    await signAssessment(c.clinician, f.id, f.version, SCREEN_NOT_DONE);
    expect((await getReferral(c.viewer, draft.id)).snapshot).toEqual(frozen);
    expect((await exportReferral(c.viewer, draft.id, "pdf")).snapshot).toEqual(frozen);

    // Editing after signing is refused; sent, then cancelled with a reason.
    await expect(updateReferralDraft(c.clinician, { ...stale, version: signed.version })).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteReferralDraft(c.clinician, draft.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await markReferralSent(c.clinician, draft.id)).status).toBe("sent");
    await expect(markReferralSent(c.clinician, draft.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await cancelReferral(c.clinician, draft.id, "Patient declined")).status).toBe("cancelled");
    await expect(cancelReferral(c.clinician, draft.id, "again")).rejects.toBeInstanceOf(ConflictError);

    const actions = (await testDb().auditEvent.findMany({ where: { entityId: draft.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "referral.create",
        "referral.update",
        "referral.preview",
        "referral.sign",
        "referral.view",
        "referral.export_pdf",
        "referral.send",
        "referral.cancel",
      ]),
    );
  });

  it("cannot be exported before signing, and a draft can be deleted", async () => {
    const { episodeId } = await signedEpisode(c, { symptoms: { painNow: 3 } });
    const draft = await createReferralDraft(c.clinician, episodeId);
    expect(draft.reason).toMatch(/No red flags/);
    await expect(exportReferral(c.clinician, draft.id, "fhir")).rejects.toBeInstanceOf(ConflictError);
    await deleteReferralDraft(c.clinician, draft.id);
    await expect(getReferral(c.clinician, draft.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("needs a signed assessment of the episode", async () => {
    const { episodeId } = await episodeIn(c, { episode: { side: "right", complaint: "x", mechanism: undefined } });
    const err = await createReferralDraft(c.clinician, episodeId).catch((x) => x);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues[0].path).toBe("assessmentId");
  });

  it("lists by status with a cursor and hides other clinics' referrals", async () => {
    const t = await createClinic();
    for (let i = 0; i < 3; i++) {
      const { episodeId } = await signedEpisode(t, { symptoms: { catching: true } });
      await createReferralDraft(t.clinician, episodeId);
    }
    const page1 = await listReferrals(t.viewer, { status: "draft", limit: 2 });
    const page2 = await listReferrals(t.viewer, { status: "draft", limit: 2, cursor: page1.nextCursor! });
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect((await listReferrals(t.viewer, { status: "signed" })).items).toHaveLength(0);
    const theirs = page1.items[0]!.id;
    await expect(getReferral(c.admin, theirs)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportReferral(c.admin, theirs, "pdf")).rejects.toBeInstanceOf(NotFoundError);
    await expect(signReferral(c.clinician, theirs, 1)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listReferrals(c.admin, { limit: 100 })).items.some((r) => r.id === theirs)).toBe(false);
    await expect(listReferrals(t.viewer, { cursor: "bad" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("caseload", () => {
  it("names unsent referrals by their most severe urgency until they are sent or cancelled", async () => {
    const t = await createClinic();
    const { episodeId } = await signedEpisode(t, { symptoms: { locking: true, painNow: 6 } }, "Unsent");
    const row = async () =>
      (await getCaseload(t.viewer, caseloadQuerySchema.parse({ unsent: "1" }))).items.find((r) => r.episodeId === episodeId);
    const urgent = await createReferralDraft(t.clinician, episodeId);
    expect(await row()).toMatchObject({ unsentUrgentReferrals: 1, unsentReferralUrgency: "urgent" });
    const emergency = await createReferralDraft(t.clinician, episodeId);
    await updateReferralDraft(t.clinician, {
      referralId: emergency.id,
      version: emergency.version,
      assessmentId: emergency.assessmentId,
      urgency: "emergency",
      reason: emergency.reason,
      question: "Same-day review?",
      recipient: undefined,
      treatmentSoFar: undefined,
      responseToTreatment: undefined,
      notes: undefined,
    });
    expect(await row()).toMatchObject({ unsentUrgentReferrals: 2, unsentReferralUrgency: "emergency" });
    await cancelReferral(t.clinician, emergency.id, "Seen in the emergency department");
    expect(await row()).toMatchObject({ unsentUrgentReferrals: 1, unsentReferralUrgency: "urgent" });
    await deleteReferralDraft(t.clinician, urgent.id);
    expect(await row()).toBeUndefined();
    const stored = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect({ n: stored.unsentUrgentReferrals, urgency: stored.unsentReferralUrgency }).toEqual({ n: 0, urgency: null });
  });

  it("counts, filters and pages the open episodes of the clinic only", async () => {
    const t = await createClinic();
    const flagged = await signedEpisode(t, { symptoms: { calfSwellingOrTenderness: true } }, "Alpha");
    await signedEpisode(t, { symptoms: { painNow: 2 } }, "Bravo");
    const overdue = await signedEpisode(t, { symptoms: { painNow: 2 } }, "Charlie");
    await reopenEpisode(t.clinician, overdue.episodeId, isoDaysAgo(3));
    const discharged = await signedEpisode(t, { symptoms: { painNow: 2 } }, "Delta");
    await dischargeEpisode(t.clinician, discharged.episodeId, { reason: "returned_to_full_running" });
    const q = (x: Record<string, string> = {}) => caseloadQuerySchema.parse(x);

    const all = await getCaseload(t.viewer, q());
    expect(all.counts).toMatchObject({ open: 3, flagged: 1, overdue: 1, dueToday: 0, drafts: 0 });
    expect(all.items[0]).toMatchObject({ episodeId: flagged.episodeId, urgency: "emergency" });
    expect(all.items.map((r) => r.familyName)).not.toContain("Delta");

    expect((await getCaseload(t.viewer, q({ urgency: "flagged" }))).items.map((r) => r.familyName)).toEqual(["Alpha"]);
    expect((await getCaseload(t.viewer, q({ due: "overdue" }))).items.map((r) => r.familyName)).toEqual(["Charlie"]);
    expect((await getCaseload(t.viewer, q({ q: "brav" }))).items.map((r) => r.familyName)).toEqual(["Bravo"]);

    // Keyset pagination in every sort returns each episode exactly once.
    for (const sort of ["urgency", "review", "seen", "name"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await getCaseload(t.viewer, q({ sort, limit: "1", ...(cursor ? { cursor } : {}) }));
        seen.push(...page.items.map((r) => r.episodeId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(3);
      expect(seen).toHaveLength(3);
    }
    const names = (await getCaseload(t.viewer, q({ sort: "name" }))).items.map((r) => r.familyName);
    expect(names).toEqual(["Alpha", "Bravo", "Charlie"]);
    await expect(getCaseload(t.viewer, q({ cursor: "not-a-cursor" }))).rejects.toBeInstanceOf(ValidationError);
    // Another clinic sees none of them.
    expect((await getCaseload(c.viewer, q({ q: "alpha" }))).items.find((r) => r.episodeId === flagged.episodeId)).toBeUndefined();
  });

  it("counts unsigned drafts and worsening episodes", async () => {
    const t = await createClinic();
    const { episodeId } = await signedEpisode(t, { symptoms: { painNow: 2 } });
    await saveDraft(t.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(0), answers: { symptoms: { painNow: 7 } } });
    const counts = (await getCaseload(t.viewer, caseloadQuerySchema.parse({}))).counts;
    expect(counts.drafts).toBe(1);
    expect(counts.worsening).toBe(0); // a draft is not a visit yet
    expect((await getCaseload(t.viewer, caseloadQuerySchema.parse({ drafts: "1" }))).items).toHaveLength(1);
  });
});
