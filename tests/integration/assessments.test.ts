import { addAddendum, discardDraft, getAssessmentDetail, markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { getPatientHeader } from "@/lib/data/patients";
import { getTimeline } from "@/lib/data/timeline";
import { saveRun } from "@/lib/data/runs";
import { updateClinicSettings } from "@/lib/data/settings";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Answers } from "@/lib/validation/assessment";
import { SCREEN_NO } from "@/prisma/seed/generators";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic, SCREEN_NOT_DONE } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

const newEpisode = (t: TestClinic = c, mechanism: "gradual" | "acute_trauma" = "gradual") =>
  episodeIn(t, { runner: { birthDate: "1960-03-01" }, episode: { side: "right", complaint: "Inner knee pain", mechanism } });

const intakeAnswers: Answers = {
  symptoms: { painNow: 6, visibleSwelling: true, hotSwollenJoint: false },
  exam: { tenderness: ["pes_anserine"] },
  measures: { koos: { P1: 2, P2: 2, P3: 2, P4: 2, P5: 2 }, tegner: 4 },
  plan: { items: ["reduce_running_volume"], nextReviewDate: isoDaysAgo(-14) },
};

describe("drafts", () => {
  it("creates and updates a draft, bumping the version and storing a draft evaluation", async () => {
    const { episodeId } = await newEpisode();
    const d1 = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: intakeAnswers });
    expect(d1).toMatchObject({ status: "draft", version: 1, urgency: "soon" });
    expect(d1.evaluation?.redFlags.map((f) => f.code)).toEqual(["visible_swelling"]);
    const d2 = await saveDraft(c.clinician, {
      assessmentId: d1.id,
      version: 1,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: { ...intakeAnswers, symptoms: { painNow: 5 } },
    });
    expect(d2.version).toBe(2);
    const ep = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(ep.draftCount).toBe(1);
  });

  it("refuses a save that started from an older version, returns the other user's answers, and changes nothing", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: intakeAnswers });
    const mine = await saveDraft(c.admin, {
      assessmentId: d.id,
      version: 1,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 2 } },
    });
    expect(mine.version).toBe(2);
    const err = await saveDraft(c.clinician, {
      assessmentId: d.id,
      version: 1,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 9 } },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.detail).toMatchObject({ version: 2, status: "draft", answers: { symptoms: { painNow: 2 } }, updatedBy: c.admin.name });
    const row = await testDb().assessment.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.answers).toEqual({ symptoms: { painNow: 2 } });
    expect(row.version).toBe(2);
  });

  it("rejects a future date, a second intake and a follow-up before a signed intake", async () => {
    const { episodeId } = await newEpisode();
    const future = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(-3), answers: {} }).catch((e) => e);
    expect(future).toBeInstanceOf(ValidationError);
    expect(future.issues).toEqual([{ path: "assessedOn", message: "Enter an assessment date that is today or earlier" }]);
    const early = await saveDraft(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(0), answers: {} }).catch((e) => e);
    expect(early.issues[0]).toEqual({ path: "kind", message: "Sign the intake of this episode before recording a follow-up" });
    await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    const second = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} }).catch((e) => e);
    expect(second.issues[0].path).toBe("kind");
    expect(await testDb().assessment.count({ where: { episodeId } })).toBe(1);
  });

  it("discards a draft (audited) but never a signed assessment", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    await discardDraft(c.clinician, d.id, 1);
    expect(await testDb().assessment.findUnique({ where: { id: d.id } })).toBeNull();
    expect(await testDb().auditEvent.count({ where: { entityId: d.id, action: "assessment.discard_draft" } })).toBe(1);

    const other = await newEpisode();
    const draft = await saveDraft(c.clinician, { episodeId: other.episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    const signed = await signAssessment(c.clinician, draft.id, draft.version, SCREEN_NOT_DONE);
    const refused = await discardDraft(c.clinician, signed.id, signed.version).catch((e) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe("Mark a signed assessment entered in error instead: only a draft can be discarded");
    expect(await testDb().assessment.findUnique({ where: { id: signed.id }, select: { status: true, version: true } })).toEqual({
      status: "signed",
      version: signed.version,
    });
    expect(await testDb().auditEvent.count({ where: { entityId: signed.id, action: "assessment.discard_draft" } })).toBe(0);
  });
});

describe("signing, addenda and entered in error", () => {
  it("signs with the server's evaluation, rulesVersion and the clinic settings, then refuses edits", async () => {
    const t = await createClinic();
    await updateClinicSettings(t.admin, {
      persistentPainDays: 10,
      twoWeekIncreasePct: 30,
      spikePct: 10,
      minRestDaysPerWeek: 1,
      shoeReplaceKm: 800,
      maxRunPain: 2,
      importantChange: { painNow: 2, koos: 10, lefs: 9, psfs: 2, tegner: 1 },
      reviewIntervalDays: 14,
    });
    const { episodeId, patientId } = await newEpisode(t);
    await saveRun(t.clinician, { patientId, date: isoDaysAgo(3), distanceKm: 10, durationSec: null, surface: "road" });
    const d = await saveDraft(t.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { daysPersistingDespiteReducedTraining: 11 }, plan: { nextReviewDate: isoDaysAgo(-10) } },
    });
    const s = await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
    expect(s).toMatchObject({ status: "signed", rulesVersion: "2", urgency: "soon", signedById: t.clinician.userId });
    expect(s.evaluation?.redFlags.map((f) => f.code)).toEqual(["persistent_pain"]);
    const row = await testDb().assessment.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.settingsUsed).toMatchObject({ persistentPainDays: 10, maxRunPain: 2 });
    expect((row.evaluationInput as { training: { runs: unknown[] } }).training.runs).toEqual([
      { date: isoDaysAgo(3), distanceKm: 10, surface: "road" },
    ]);
    const ep = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(ep).toMatchObject({ urgency: "soon", draftCount: 0 });
    expect(ep.nextReviewDate?.toISOString().slice(0, 10)).toBe(isoDaysAgo(-10));

    const edit = await saveDraft(t.clinician, {
      assessmentId: d.id,
      version: s.version,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: {},
    }).catch((e) => e);
    expect(edit).toBeInstanceOf(ConflictError);
    expect(edit.message).toMatch(/signed/);
    await expect(signAssessment(t.clinician, d.id, s.version, SCREEN_NOT_DONE)).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses to sign a version that is not the latest", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    await saveDraft(c.admin, {
      assessmentId: d.id,
      version: 1,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 1 } },
    });
    await expect(signAssessment(c.clinician, d.id, 1, SCREEN_NOT_DONE)).rejects.toBeInstanceOf(ConflictError);
    expect((await testDb().assessment.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("draft");
  });

  it("answers a save or a signature sent again after its answer was lost as done, once, and still refuses anyone else's", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: intakeAnswers });
    const second = {
      assessmentId: d.id,
      version: 1,
      episodeId,
      kind: "intake" as const,
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 3 } },
    };
    expect((await saveDraft(c.clinician, second)).version).toBe(2);
    const auditCount = () => testDb().auditEvent.count({ where: { entityId: d.id } });
    const events = await auditCount();
    // The form never heard back and sends the same entries from version 1 again.
    const repeat = await saveDraft(c.clinician, second);
    expect(repeat).toMatchObject({ id: d.id, version: 2, answers: { symptoms: { painNow: 3 } } });
    expect(await auditCount()).toBe(events);
    // Different entries from version 1, or the same entries from someone else, are a conflict.
    await expect(saveDraft(c.clinician, { ...second, answers: { symptoms: { painNow: 4 } } })).rejects.toBeInstanceOf(ConflictError);
    await expect(saveDraft(c.admin, second)).rejects.toBeInstanceOf(ConflictError);
    await expect(saveDraft(c.clinician, { ...second, assessedOn: isoDaysAgo(1) })).rejects.toBeInstanceOf(ConflictError);

    const signed = await signAssessment(c.clinician, d.id, 2, SCREEN_NOT_DONE);
    expect(signed).toMatchObject({ status: "signed", version: 3 });
    const afterSign = await auditCount();
    expect(await signAssessment(c.clinician, d.id, 2, SCREEN_NOT_DONE)).toMatchObject({ status: "signed", version: 3 });
    expect(await auditCount()).toBe(afterSign);
    await expect(signAssessment(c.admin, d.id, 2, SCREEN_NOT_DONE)).rejects.toBeInstanceOf(ConflictError);
    await expect(signAssessment(c.clinician, d.id, 1, SCREEN_NOT_DONE)).rejects.toBeInstanceOf(ConflictError);
  });

  it("adds addenda under a signed assessment and marks it entered in error, leaving it out of later evaluations", async () => {
    const { episodeId } = await newEpisode();
    const intake = await saveDraft(c.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(30),
      answers: { symptoms: { painNow: 7 } },
    });
    await signAssessment(c.clinician, intake.id, intake.version, SCREEN_NOT_DONE);
    await expect(addAddendum(c.clinician, intake.id, "Patient later reported a fall.")).resolves.toMatchObject({
      text: "Patient later reported a fall.",
    });
    const f1 = await saveDraft(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(15),
      answers: { symptoms: { painNow: 1 } },
    });
    const f1s = await signAssessment(c.clinician, f1.id, f1.version, SCREEN_NOT_DONE);
    expect(f1s.evaluation?.changes?.painNow).toEqual({ vsBaseline: "improved", vsPrevious: "improved" });
    await markEnteredInError(c.clinician, f1.id, "Recorded on the wrong patient");
    const f2 = await saveDraft(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(0),
      answers: { symptoms: { painNow: 6 } },
    });
    // The entered-in-error follow-up (pain 1) is not the "previous" any more: 7 -> 6 is unchanged.
    expect(f2.evaluation?.changes?.painNow).toEqual({ vsBaseline: "unchanged", vsPrevious: "unchanged" });
    const detail = await getAssessmentDetail(c.viewer, intake.id);
    expect(detail.addenda.map((a) => a.text)).toEqual(["Patient later reported a fall."]);
    await expect(markEnteredInError(c.clinician, f1.id, "again")).rejects.toBeInstanceOf(ConflictError);
    await expect(addAddendum(c.clinician, f2.id, "on a draft")).rejects.toBeInstanceOf(ConflictError);
  });

  it("marks worsening on the episode when a measure worsened since the previous visit", async () => {
    const { episodeId } = await newEpisode();
    const i = await saveDraft(c.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(20),
      answers: { symptoms: { painNow: 3 } },
    });
    await signAssessment(c.clinician, i.id, i.version, SCREEN_NOT_DONE);
    const f = await saveDraft(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(1),
      answers: { symptoms: { painNow: 6 } },
    });
    await signAssessment(c.clinician, f.id, f.version, SCREEN_NOT_DONE);
    const ep = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(ep.worsening).toBe(true);
    expect(ep.lastSeenOn?.toISOString().slice(0, 10)).toBe(isoDaysAgo(1));
  });

  it("keeps another clinic's assessments out of reach", async () => {
    const other = await createClinic();
    const { episodeId } = await newEpisode(other);
    const d = await saveDraft(other.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    await expect(getAssessmentDetail(c.admin, d.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(signAssessment(c.clinician, d.id, 1, SCREEN_NOT_DONE)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(addAddendum(c.clinician, d.id, "x")).rejects.toBeInstanceOf(NotFoundError);
    await expect(markEnteredInError(c.clinician, d.id, "xxxxx")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("evaluations of rules version 1 stay readable", () => {
  /** An evaluation as rules version 1 stored it. */
  const v1 = {
    rulesVersion: "1",
    ageYears: 66,
    urgency: "urgent",
    redFlags: [{ code: "scfe_suspected", urgency: "urgent", because: ["ageYears", "symptoms.limp"] }],
    redFlagsAbsent: ["dvt_suspected"],
    redFlagsNotAssessed: ["tumour_suspected"],
    riskFactors: [],
    considerations: [],
    scores: { painNow: 5 },
  };

  it("a stored v1 signed assessment and draft read as version 1; re-saving the draft and signing make version 2", async () => {
    const { episodeId, patientId } = await newEpisode();
    const common = { clinicId: c.clinicId, episodeId, createdById: c.clinician.userId, updatedById: c.clinician.userId };
    // Inserted as a draft and then signed, as PostgreSQL requires of every assessment.
    const stored = await testDb().assessment.create({
      data: {
        ...common,
        kind: "intake",
        assessedOn: new Date(`${isoDaysAgo(20)}T00:00:00Z`),
        answers: { symptoms: { painNow: 5, limp: true } },
        evaluation: v1,
        rulesVersion: "1",
        urgency: "urgent",
      },
    });
    const signed = await testDb().assessment.update({
      where: { id: stored.id },
      data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date(), version: { increment: 1 } },
    });
    const draft = await testDb().assessment.create({
      data: {
        ...common,
        kind: "follow_up",
        assessedOn: new Date(`${isoDaysAgo(1)}T00:00:00Z`),
        answers: {},
        evaluation: v1,
        rulesVersion: "1",
        urgency: "urgent",
      },
    });
    const detail = await getAssessmentDetail(c.viewer, signed.id);
    expect(detail.assessment.evaluation).toEqual(v1);
    expect(detail.assessment.evaluation?.rulesVersion).toBe("1");
    expect((await getAssessmentDetail(c.viewer, draft.id)).assessment.evaluation?.rulesVersion).toBe("1");
    const header = await getPatientHeader(c.viewer, patientId);
    expect(header.episodes[0]?.signed?.evaluation.rulesVersion).toBe("1");
    const timeline = await getTimeline(c.viewer, patientId);
    expect(timeline.assessments.map((a) => a.evaluation?.rulesVersion)).toEqual(["1", "1"]);

    const resaved = await saveDraft(c.clinician, {
      assessmentId: draft.id,
      version: draft.version,
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(1),
      answers: { symptoms: { painNow: 3 } },
    });
    expect(resaved.evaluation?.rulesVersion).toBe("2");
    expect(resaved.rulesVersion).toBe("2");
    const signedNow = await signAssessment(c.clinician, resaved.id, resaved.version, SCREEN_NOT_DONE);
    expect(signedNow).toMatchObject({ rulesVersion: "2" });
    expect(signedNow.evaluation?.rulesVersion === "2" && signedNow.evaluation.runningAdvice.mode).toBe("screen_incomplete");
    // The version 1 record is unchanged.
    expect((await testDb().assessment.findUniqueOrThrow({ where: { id: signed.id } })).evaluation).toEqual(v1);
  });

  it("a stored evaluation no version wrote is refused by the reader, naming the record kind", async () => {
    const { episodeId } = await newEpisode();
    const bad = await testDb().assessment.create({
      data: {
        clinicId: c.clinicId,
        episodeId,
        createdById: c.clinician.userId,
        updatedById: c.clinician.userId,
        kind: "intake",
        assessedOn: new Date(`${isoDaysAgo(2)}T00:00:00Z`),
        answers: {},
        evaluation: { ...v1, rulesVersion: "9" },
      },
    });
    await expect(getAssessmentDetail(c.viewer, bad.id)).rejects.toThrow(/stored evaluation is not readable: rulesVersion/);
  });
});

describe("answers asked once are derived on the server too", () => {
  it("swelling timing decides haemarthrosis and the Wells criteria the DVT tier, as stored", async () => {
    const { episodeId } = await newEpisode(c, "acute_trauma");
    const d = await saveDraft(c.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: {
        // A client that sends a contradiction: the one question wins.
        symptoms: { swellingWithin2hOfInjury: false, calfSwellingOrTenderness: true },
        exam: { wellsDvt: 9 },
        context: { swellingTiming: "within_2h", wellsDvtCriteria: ["previous_dvt"] },
      },
    });
    const flags = d.evaluation?.redFlags.map((f) => [f.code, f.urgency]);
    expect(flags).toContainEqual(["dvt_suspected", "urgent"]); // Wells 1: unlikely
    expect(flags).toContainEqual(["haemarthrosis_suspected", "urgent"]);
    expect(d.answers.symptoms?.swellingWithin2hOfInjury).toBe(true);
    expect(d.answers.exam?.wellsDvt).toBe(1);
  });
});

describe("honest screens: signing an incomplete red-flag screen needs an attestation", () => {
  /** Every red-flag question answered "no" and the examination the screen needs: nothing left to assess. */
  const screened: Answers = {
    symptoms: { ...SCREEN_NO, painNow: 3, daysPersistingDespiteReducedTraining: 3 },
    history: { recentJointInjection: false, immunosuppressed: false, historyOfCancer: false },
    exam: { effusion: "none", tenderness: [], valgusStress0: "normal", hipInternalRotationReduced: false },
  };

  const fieldsOf = (e: unknown) => (e instanceof ValidationError ? e.issues.map((i) => i.path) : e);

  it("refuses to sign without an attestation (or a blank one), naming the field, and writes nothing", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: intakeAnswers });
    expect(d.evaluation?.redFlagsNotAssessed.length).toBeGreaterThan(0);
    const refused = await signAssessment(c.clinician, d.id, d.version).catch((e: unknown) => e);
    expect(fieldsOf(refused)).toEqual(["screenAttestation"]);
    expect((refused as Error).message).toMatch(/red-flag screen is incomplete \(not assessed: .+\): state why/);
    expect(fieldsOf(await signAssessment(c.clinician, d.id, d.version, "   ").catch((e: unknown) => e))).toEqual(["screenAttestation"]);
    const row = await testDb().assessment.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: "draft", version: d.version, screenAttestation: null, signedAt: null });
    expect(await testDb().auditEvent.count({ where: { entityId: d.id, action: "assessment.sign" } })).toBe(0);
  });

  it("stores the attestation with the signed record, audits it, and PostgreSQL seals it", async () => {
    const { episodeId, patientId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: intakeAnswers });
    const s = await signAssessment(c.clinician, d.id, d.version, "  Runner in acute pain: examination deferred to Friday  ");
    expect(s).toMatchObject({ status: "signed", screenAttestation: "Runner in acute pain: examination deferred to Friday" });
    expect((await getAssessmentDetail(c.clinician, d.id)).assessment.screenAttestation).toBe(
      "Runner in acute pain: examination deferred to Friday",
    );
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { entityId: d.id, action: "assessment.sign" } });
    expect(event.detail).toMatchObject({ screenAttestation: "Runner in acute pain: examination deferred to Friday" });
    // The banner reads it with the signed evaluation; the caseload keeps the incomplete screen marked although a flag fires.
    const header = await getPatientHeader(c.clinician, patientId);
    expect(header.episodes[0]?.signed?.screenAttestation).toBe("Runner in acute pain: examination deferred to Friday");
    expect(await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).toMatchObject({
      urgency: "soon",
      screenIncomplete: true,
    });
    // Sealed: the attestation of a signed record never changes, even in SQL.
    await expect(testDb().$executeRaw`UPDATE "Assessment" SET "screenAttestation" = 'changed' WHERE id = ${d.id}::uuid`).rejects.toThrow(
      /signed: it can never change/,
    );
  });

  it("keeps no attestation when the screen is complete; PostgreSQL refuses one on a draft or a complete screen", async () => {
    const { episodeId } = await newEpisode();
    const d = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: screened });
    expect(d.evaluation?.redFlagsNotAssessed).toEqual([]);
    const s = await signAssessment(c.clinician, d.id, d.version, "not needed");
    expect(s.screenAttestation).toBeNull();

    const other = await newEpisode();
    const draft = await saveDraft(c.clinician, {
      episodeId: other.episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: screened,
    });
    await expect(testDb().$executeRaw`UPDATE "Assessment" SET "screenAttestation" = 'early' WHERE id = ${draft.id}::uuid`).rejects.toThrow(
      /a draft assessment has no signer, signing time, screen attestation/,
    );
    await expect(
      testDb().$executeRaw`UPDATE "Assessment" SET status = 'signed', "signedById" = ${c.clinician.userId}::uuid, "signedAt" = now(),
        "screenAttestation" = 'no reason to' WHERE id = ${draft.id}::uuid`,
    ).rejects.toThrow(/only when red flags are not assessed/);
    const third = await newEpisode();
    const blank = await saveDraft(c.clinician, {
      episodeId: third.episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(0),
      answers: intakeAnswers,
    });
    await expect(
      testDb().$executeRaw`UPDATE "Assessment" SET status = 'signed', "signedById" = ${c.clinician.userId}::uuid, "signedAt" = now(),
        "screenAttestation" = '  ' WHERE id = ${blank.id}::uuid`,
    ).rejects.toThrow(/cannot be blank/);
  });
});
