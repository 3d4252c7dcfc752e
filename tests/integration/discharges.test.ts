import { signLetter, letterForPrint } from "@/lib/data/letters";
import { markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { dischargeEpisode, dischargePreview } from "@/lib/data/discharges";
import { createEpisode, createPatient, getPatientRecord } from "@/lib/data/patients";
import { createQuestionnaireRequest } from "@/lib/data/questionnaires";
import { updateClinicSettings } from "@/lib/data/settings";
import { createRequestSchema } from "@/lib/validation/runner";
import { callRunnerApi, completeAnswers, tokenOf } from "../helpers/runner";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { dischargeSchema } from "@/lib/validation/discharge";
import { patientSchema } from "@/lib/validation/patients";
import { toFieldIssues } from "@/lib/validation/common";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, SCREEN_NOT_DONE, testDb, type TestClinic } from "../helpers/fixtures";

/**
 * Discharge (issue 14 item 4): a reason, the return to running, the outcome
 * against the baseline per measure with the clinic's important change;
 * refused while an emergency or urgent red flag is open, without a reason,
 * twice, or for another clinic's episode; append-only in PostgreSQL.
 */
let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
  await updateClinicSettings(c.admin, {
    persistentPainDays: 14,
    twoWeekIncreasePct: 30,
    spikePct: 10,
    minRestDaysPerWeek: 1,
    shoeReplaceKm: 800,
    maxRunPain: 3,
    importantChange: { painNow: 3, koos: 10, lefs: 9, psfs: 2, tegner: 1 },
    reviewIntervalDays: 14,
  });
});
afterAll(closeTestDb);

type Answers = Parameters<typeof saveDraft>[1]["answers"];
const lefs = (each: number) => Array.from({ length: 20 }, () => each);

async function episode(t: TestClinic = c) {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  return { patientId: p.id, episodeId: e.id };
}

async function sign(episodeId: string, kind: "intake" | "follow_up", daysAgo: number, answers: Answers, t: TestClinic = c) {
  const d = await saveDraft(t.clinician, { episodeId, kind, assessedOn: isoDaysAgo(daysAgo), answers });
  return signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

const discharges = (episodeId: string) => testDb().discharge.findMany({ where: { episodeId } });
const status = async (episodeId: string) => (await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).status;

describe("discharge", () => {
  it("stores the reason and the outcome against the baseline, by the clinic's important change, ignoring entered in error", async () => {
    const { patientId, episodeId } = await episode();
    const intake = await sign(episodeId, "intake", 30, { measures: { painNow: 7, lefs: lefs(2), tegner: 4 } } as Answers);
    const wrong = await sign(episodeId, "follow_up", 10, { measures: { painNow: 0, lefs: lefs(4), tegner: 9 } } as Answers);
    await markEnteredInError(c.clinician, wrong.id, "Wrong runner's answers");
    const last = await sign(episodeId, "follow_up", 5, { measures: { painNow: 5, lefs: lefs(3), tegner: 2 } } as Answers);

    const preview = await dischargePreview(c.clinician, episodeId);
    expect(preview.blockedBy).toBe("");

    const d = await dischargeEpisode(c.clinician, episodeId, {
      reason: "returned_to_full_running",
      returnToRunningOn: isoDaysAgo(3),
      notes: "Back to 30 km a week",
    });
    expect(d).toMatchObject({
      reason: "returned_to_full_running",
      reasonText: null,
      returnToRunningOn: isoDaysAgo(3),
      notes: "Back to 30 km a week",
      dischargedBy: { id: c.clinician.userId, name: c.clinician.name },
    });
    expect(d.outcome).toEqual({
      version: 2,
      baseline: { assessmentId: intake.id, assessedOn: isoDaysAgo(30) },
      final: { assessmentId: last.id, assessedOn: isoDaysAgo(5) },
      measures: [
        // Pain 7 -> 5: 2 points lower, less than the clinic's 3.
        { measure: "painNow", baseline: 7, final: 5, difference: -2, importantChange: 3, change: "unchanged" },
        // LEFS 40 -> 60: 20 points higher, at least 9.
        { measure: "lefs", baseline: 40, final: 60, difference: 20, importantChange: 9, change: "improved" },
        // Tegner 4 -> 2: two levels lower.
        { measure: "tegner", baseline: 4, final: 2, difference: -2, importantChange: 1, change: "worsened" },
      ],
    });
    expect(d.outcome).toEqual(preview.outcome);
    expect(await status(episodeId)).toBe("discharged");

    // On the record and audited.
    const record = await getPatientRecord(c.viewer, patientId);
    expect(record.episodes[0]!.discharge).toMatchObject({ id: d.id, reason: "returned_to_full_running", date: d.date });
    const events = await testDb().auditEvent.findMany({
      where: { clinicId: c.clinicId, action: "episode.discharge", entityId: episodeId },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ patientId, userId: c.clinician.userId });

    // Twice: refused, nothing more written.
    await expect(dischargeEpisode(c.clinician, episodeId, { reason: "other", reasonText: "again" })).rejects.toBeInstanceOf(ConflictError);
    expect(await discharges(episodeId)).toHaveLength(1);

    // Append-only for the app's role.
    await expect(appDb().discharge.update({ where: { id: d.id }, data: { notes: "edited" } })).rejects.toThrow();
    await expect(appDb().discharge.delete({ where: { id: d.id } })).rejects.toThrow();
    await expect(testDb().discharge.update({ where: { id: d.id }, data: { notes: "edited" } })).rejects.toThrow(/part of the record/);
  });

  it("with only the intake signed, there are no final measures", async () => {
    const { episodeId } = await episode();
    await sign(episodeId, "intake", 3, { measures: { painNow: 4 } } as Answers);
    const d = await dischargeEpisode(c.clinician, episodeId, { reason: "lost_to_follow_up" });
    expect(d.outcome.final).toBeNull();
    expect(d.outcome.measures).toEqual([
      { measure: "painNow", baseline: 4, final: null, difference: null, importantChange: 3, change: null },
    ]);
  });

  it("is refused while an urgent red flag is open, naming it; nothing is written", async () => {
    const { episodeId } = await episode();
    await sign(episodeId, "intake", 2, { symptoms: { locking: true, painNow: 6 } } as Answers);
    expect((await dischargePreview(c.clinician, episodeId)).blockedBy).toMatch(/Locked knee/);
    const refused = await dischargeEpisode(c.clinician, episodeId, { reason: "self_discharged" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/cannot be discharged.*Locked knee.*urgent/);
    expect(await discharges(episodeId)).toEqual([]);
    expect(await status(episodeId)).toBe("open");
  });

  it("is refused while an emergency red flag is open, naming it", async () => {
    const { episodeId } = await episode();
    await sign(episodeId, "intake", 2, { symptoms: { coldOrPaleLimb: true, painNow: 6 } } as Answers);
    const refused = await dischargeEpisode(c.clinician, episodeId, { reason: "referred_on" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/cannot be discharged.*Neurovascular compromise.*emergency/);
    expect(await discharges(episodeId)).toEqual([]);
  });

  it("takes the final measures from the questionnaire the runner returned since the last assessment", async () => {
    const { episodeId } = await episode();
    const intake = await sign(episodeId, "intake", 20, { measures: { painNow: 7, tegner: 3 } } as Answers);
    const before = await dischargePreview(c.clinician, episodeId);
    expect(before.outcome.final).toBeNull();
    const made = await createQuestionnaireRequest(
      c.clinician,
      episodeId,
      createRequestSchema.parse({ instruments: ["pain", "tegner"] }),
      "http://x.example",
    );
    // Not returned yet: still no final measures.
    expect((await dischargePreview(c.clinician, episodeId)).outcome.final).toBeNull();
    const answers = completeAnswers(["pain", "tegner"]);
    expect((await callRunnerApi("POST", tokenOf(made.url), { answers })).status).toBe(201);
    const d = await dischargeEpisode(c.clinician, episodeId, { reason: "self_discharged" });
    expect(d.outcome).toMatchObject({
      version: 2,
      baseline: { assessmentId: intake.id },
      final: { assessmentId: null, questionnaireRequestId: made.id, assessedOn: isoDaysAgo(0) },
      measures: [
        { measure: "painNow", baseline: 7, final: 4, difference: -3, change: "improved" },
        { measure: "tegner", baseline: 3, final: 6, difference: 3, change: "improved" },
      ],
    });
    // Stored and read back through the reader.
    const { patientId } = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
    const record = await getPatientRecord(c.viewer, patientId);
    expect(record.episodes[0]!.discharge?.outcome.final).toEqual(d.outcome.final);
    // The discharge summary says whose answers the final measures are.
    await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });
    const printed = await letterForPrint(c.clinician, patientId, episodeId, "discharge_summary");
    expect(JSON.stringify(printed)).toContain("the runner's answers to a questionnaire sent at discharge");
  });

  it("is refused for another clinic's episode, and for a viewer's id that is not an id", async () => {
    const { episodeId } = await episode(other);
    await expect(dischargeEpisode(c.clinician, episodeId, { reason: "self_discharged" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(dischargePreview(c.clinician, episodeId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(dischargeEpisode(c.clinician, "not-an-id", { reason: "self_discharged" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await discharges(episodeId)).toEqual([]);
    expect(await status(episodeId)).toBe("open");
  });

  it("refuses bad input naming the field", async () => {
    const issues = (input: unknown) => {
      const r = dischargeSchema.safeParse(input);
      return r.success ? [] : toFieldIssues(r.error);
    };
    expect(issues({})).toEqual([{ path: "reason", message: "Choose why the episode ends" }]);
    expect(issues({ reason: "" })[0]!.path).toBe("reason");
    expect(issues({ reason: "cured" })[0]!.path).toBe("reason");
    expect(issues({ reason: "other" })).toEqual([{ path: "reasonText", message: "Write why the episode ends when the reason is Other" }]);
    expect(issues({ reason: "other", reasonText: "   " })[0]!.path).toBe("reasonText");
    expect(issues({ reason: "self_discharged", returnToRunningOn: "2026-02-30" })[0]!.path).toBe("returnToRunningOn");
    expect(issues({ reason: "self_discharged", returnToRunningOn: isoDaysAgo(-400) })[0]!.path).toBe("returnToRunningOn");
    expect(issues({ reason: "self_discharged", notes: "x".repeat(2001) })[0]!.path).toBe("notes");
    expect(issues({ reason: "self_discharged", extra: 1 })[0]!.path).toBe("");

    // The clinic's today decides a return to running "tomorrow" (the schema allows any date that is today somewhere).
    const { episodeId } = await episode();
    const refused = await dischargeEpisode(c.clinician, episodeId, { reason: "self_discharged", returnToRunningOn: isoDaysAgo(-2) }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues[0]!.path).toBe("returnToRunningOn");
    expect(await discharges(episodeId)).toEqual([]);
    // The database refuses "other" without its words too.
    await expect(
      testDb()
        .$executeRaw`INSERT INTO "Discharge" ("clinicId", "episodeId", reason, "dischargedOn", outcome, "dischargedById", "dischargedByName")
        VALUES (${c.clinicId}::uuid, ${episodeId}::uuid, 'other', CURRENT_DATE, '{}'::jsonb, ${c.clinician.userId}::uuid, '')`,
    ).rejects.toThrow(/reason_text_required/);
  });
});
