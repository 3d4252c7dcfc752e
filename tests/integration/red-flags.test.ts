import { markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { getCaseload } from "@/lib/data/caseload";
import { createEpisode, createPatient, getPatientRecord } from "@/lib/data/patients";
import { episodeRedFlags, recordRedFlagAction } from "@/lib/data/red-flags";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { redFlagActionSchema } from "@/lib/validation/red-flags";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, SCREEN_NOT_DONE, testDb, type TestClinic } from "../helpers/fixtures";
import { dischargeEpisode } from "@/lib/data/discharges";

/**
 * Red flags stay open until someone records what was done (issue 9 item 2):
 * one open item per episode and code, raised by the first signed assessment
 * that fires it; a follow-up without the flag does not clear it; an action
 * closes it and a later firing opens a new one; entered in error closes the
 * items of that assessment. Actions are append-only in PostgreSQL.
 */
let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

type Answers = Parameters<typeof saveDraft>[1]["answers"];
const LOCKED = { symptoms: { locking: true, painNow: 6 } } as Answers;
const NOT_LOCKED = { symptoms: { locking: false, painNow: 3 } } as Answers;

async function episode(t: TestClinic = c) {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  return { patientId: p.id, episodeId: e.id };
}

async function sign(episodeId: string, kind: "intake" | "follow_up", daysAgo: number, answers: Answers, t: TestClinic = c) {
  const d = await saveDraft(t.clinician, { episodeId, kind, assessedOn: isoDaysAgo(daysAgo), answers });
  return signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

const act = (input: Record<string, unknown>) => redFlagActionSchema.parse(input);

async function state(episodeId: string) {
  return episodeRedFlags(c.viewer, episodeId);
}

async function caseloadRow(episodeId: string) {
  const { items, counts } = await getCaseload(c.viewer, caseloadQuerySchema.parse({ limit: 100 }));
  return { row: items.find((r) => r.episodeId === episodeId), counts };
}

describe("red flags stay open until actioned", () => {
  it("a follow-up without the flag does not clear it; an action closes it; a later firing opens a new item", async () => {
    const { patientId, episodeId } = await episode();
    const intake = await sign(episodeId, "intake", 10, LOCKED);
    expect((await state(episodeId)).openRedFlags).toEqual([
      { code: "locked_knee", urgency: "urgent", assessmentId: intake.id, raisedOn: isoDaysAgo(10) },
    ]);
    expect((await caseloadRow(episodeId)).row).toMatchObject({ openUrgentFlags: ["locked_knee"] });

    // A follow-up that no longer finds it: still open, still raised by the intake.
    const quiet = await sign(episodeId, "follow_up", 7, NOT_LOCKED);
    expect(quiet.evaluation?.redFlags.map((f) => f.code)).not.toContain("locked_knee");
    expect((await state(episodeId)).openRedFlags).toEqual([
      { code: "locked_knee", urgency: "urgent", assessmentId: intake.id, raisedOn: isoDaysAgo(10) },
    ]);
    // A second firing while it is open is the same item.
    await sign(episodeId, "follow_up", 6, LOCKED);
    expect((await state(episodeId)).openRedFlags).toHaveLength(1);
    expect((await state(episodeId)).openRedFlags[0]!.assessmentId).toBe(intake.id);

    // Discharge is refused while it is open, naming the flag; nothing changes.
    const refused = await dischargeEpisode(c.clinician, episodeId, { reason: "returned_to_full_running" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/cannot be discharged.*Locked knee.*urgent/);
    expect((await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).status).toBe("open");

    const recorded = await recordRedFlagAction(
      c.clinician,
      episodeId,
      act({ code: "locked_knee", action: "urgent_referral", note: "Orthopaedic knee clinic, this week" }),
    );
    expect(recorded).toMatchObject({
      code: "locked_knee",
      assessmentId: intake.id,
      action: "urgent_referral",
      reason: null,
      note: "Orthopaedic knee clinic, this week",
      actedBy: { id: c.clinician.userId, name: c.clinician.name },
    });
    expect((await state(episodeId)).openRedFlags).toEqual([]);
    expect((await caseloadRow(episodeId)).row).toMatchObject({ openUrgentFlags: [] });
    const events = await testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, action: "red_flag.action", entityId: episodeId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.patientId).toBe(patientId);

    // Nothing open: a second action about it is refused naming the field.
    const again = await recordRedFlagAction(c.clinician, episodeId, act({ code: "locked_knee", action: "sent_to_ed" })).catch((e) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).issues[0]!.path).toBe("code");

    // A later firing, after the action, opens a new item.
    const later = await sign(episodeId, "follow_up", 2, LOCKED);
    expect((await state(episodeId)).openRedFlags).toEqual([
      { code: "locked_knee", urgency: "urgent", assessmentId: later.id, raisedOn: isoDaysAgo(2) },
    ]);
    const record = await getPatientRecord(c.viewer, patientId);
    expect(record.episodes[0]!.openRedFlags).toEqual([
      { code: "locked_knee", urgency: "urgent", assessmentId: later.id, raisedOn: isoDaysAgo(2) },
    ]);
    expect(record.episodes[0]!.redFlagActions.map((a) => a.id)).toEqual([recorded.id]);

    // Recorded with "not applicable" and its reason, the episode can be discharged.
    await recordRedFlagAction(
      c.clinician,
      episodeId,
      act({
        code: "locked_knee",
        assessmentId: later.id,
        action: "not_applicable",
        reason: "Stiffness, not a block: full extension on examination",
      }),
    );
    await dischargeEpisode(c.clinician, episodeId, { reason: "returned_to_full_running" });
  });

  it("marking the assessment that raised a flag entered in error closes its item", async () => {
    const { episodeId } = await episode();
    const intake = await sign(episodeId, "intake", 5, LOCKED);
    expect((await state(episodeId)).openRedFlags).toHaveLength(1);
    await markEnteredInError(c.clinician, intake.id, "Wrong runner");
    expect((await state(episodeId)).openRedFlags).toEqual([]);
    expect((await caseloadRow(episodeId)).row).toMatchObject({ openUrgentFlags: [] });
  });

  it("refuses bad input naming the field, writing nothing", async () => {
    const { episodeId } = await episode();
    await sign(episodeId, "intake", 5, LOCKED);
    const noReason = redFlagActionSchema.safeParse({ code: "locked_knee", action: "not_applicable" });
    expect(noReason.success).toBe(false);
    expect(noReason.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    const badAction = redFlagActionSchema.safeParse({ code: "locked_knee", action: "ignored" });
    expect(badAction.error?.issues.map((i) => i.path.join("."))).toEqual(["action"]);
    const notOpen = await recordRedFlagAction(
      c.clinician,
      episodeId,
      act({ code: "septic_arthritis_suspected", action: "sent_to_ed" }),
    ).catch((e) => e);
    expect(notOpen).toBeInstanceOf(ValidationError);
    expect((notOpen as ValidationError).issues[0]).toMatchObject({ path: "code" });
    const wrongAssessment = await recordRedFlagAction(
      c.clinician,
      episodeId,
      act({ code: "locked_knee", assessmentId: "00000000-0000-4000-8000-000000000000", action: "sent_to_ed" }),
    ).catch((e) => e);
    expect((wrongAssessment as ValidationError).issues[0]).toMatchObject({ path: "assessmentId" });
    expect(await testDb().redFlagAction.count({ where: { clinicId: c.clinicId, episodeId } })).toBe(0);
  });

  it("is clinic-scoped: another clinic's episode is not found", async () => {
    const { episodeId } = await episode(other);
    await sign(episodeId, "intake", 5, LOCKED, other);
    const refused = await recordRedFlagAction(c.clinician, episodeId, act({ code: "locked_knee", action: "sent_to_ed" })).catch((e) => e);
    expect(refused).toBeInstanceOf(NotFoundError);
    await expect(episodeRedFlags(c.viewer, episodeId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await testDb().redFlagAction.count({ where: { episodeId } })).toBe(0);
  });

  it("is append-only in PostgreSQL, and the reason of not applicable is required there too", async () => {
    const { episodeId } = await episode();
    const intake = await sign(episodeId, "intake", 5, LOCKED);
    const a = await recordRedFlagAction(c.clinician, episodeId, act({ code: "locked_knee", action: "discussed_with_doctor", note: "GP" }));
    const db = appDb();
    await expect(db.redFlagAction.update({ where: { id: a.id }, data: { note: "changed" } })).rejects.toThrow(
      /permission denied|never be changed/,
    );
    await expect(db.redFlagAction.delete({ where: { id: a.id } })).rejects.toThrow(/permission denied|never be changed/);
    // Even the owner (who may disable nothing the app cannot) is refused by the trigger.
    await expect(testDb().redFlagAction.update({ where: { id: a.id }, data: { note: "changed" } })).rejects.toThrow(/never be changed/);
    await expect(testDb().redFlagAction.delete({ where: { id: a.id } })).rejects.toThrow(/never be changed/);
    await expect(
      db.redFlagAction.create({
        data: {
          clinicId: c.clinicId,
          episodeId,
          assessmentId: intake.id,
          code: "locked_knee",
          action: "not_applicable",
          actedById: c.clinician.userId,
          actedByName: "x",
        },
      }),
    ).rejects.toThrow(/RedFlagAction_reason_required|check constraint/);
    // The name is stamped by PostgreSQL from the user row.
    const stamped = await testDb().redFlagAction.findUniqueOrThrow({ where: { id: a.id } });
    expect(stamped.actedByName).toBe(c.clinician.name);
    expect(await testDb().redFlagAction.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ note: "GP" });
  });
});
