/**
 * PostgreSQL itself refuses to rewrite history (triggers in the
 * immutability migration): these tests bypass lib/data and talk SQL directly.
 */
import { randomUUID } from "node:crypto";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
let episodeId: string;
beforeAll(async () => {
  c = await createClinic();
  const db = testDb();
  const p = await db.patient.create({
    data: { clinicId: c.clinicId, mrn: "IMM-1", givenName: "I", familyName: "Mutable", birthDate: new Date("1980-01-01"), sex: "male" },
  });
  const e = await db.episode.create({ data: { clinicId: c.clinicId, patientId: p.id, side: "left", complaint: "test" } });
  episodeId = e.id;
});
afterAll(closeTestDb);

const frozen = /KC001|append-only|can never|cannot|needs/;

async function signedAssessment() {
  return testDb().assessment.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      kind: "intake",
      assessedOn: new Date("2026-01-05"),
      answers: { symptoms: { painNow: 3 } },
      evaluation: { urgency: "routine" },
      rulesVersion: "1",
      status: "signed",
      signedById: c.clinician.userId,
      signedAt: new Date(),
      createdById: c.clinician.userId,
      updatedById: c.clinician.userId,
    },
  });
}

describe("AuditEvent is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const db = testDb();
    const e = await db.auditEvent.create({
      data: { clinicId: c.clinicId, userId: c.admin.userId, action: "test.event", entityType: "Test" },
    });
    await expect(db.auditEvent.update({ where: { id: e.id }, data: { action: "tampered" } })).rejects.toThrow(frozen);
    await expect(db.auditEvent.delete({ where: { id: e.id } })).rejects.toThrow(frozen);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = ${e.id}`)).rejects.toThrow(frozen);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(frozen);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: e.id } })).action).toBe("test.event");
  });
});

describe("signed assessments", () => {
  it("cannot be deleted or changed", async () => {
    const db = testDb();
    const a = await signedAssessment();
    await expect(db.assessment.delete({ where: { id: a.id } })).rejects.toThrow(frozen);
    await expect(db.assessment.update({ where: { id: a.id }, data: { answers: { symptoms: { painNow: 9 } } } })).rejects.toThrow(frozen);
    await expect(db.assessment.update({ where: { id: a.id }, data: { assessedOn: new Date("2026-01-06") } })).rejects.toThrow(frozen);
    await expect(db.assessment.update({ where: { id: a.id }, data: { status: "draft" } })).rejects.toThrow(frozen);
    const after = await db.assessment.findUniqueOrThrow({ where: { id: a.id } });
    expect(after.answers).toEqual({ symptoms: { painNow: 3 } });
    expect(after.status).toBe("signed");
  });

  it("can move to entered_in_error only with a reason, who and when, and is then final", async () => {
    const db = testDb();
    const a = await signedAssessment();
    await expect(db.assessment.update({ where: { id: a.id }, data: { status: "entered_in_error" } })).rejects.toThrow(frozen);
    await expect(
      db.assessment.update({
        where: { id: a.id },
        data: {
          status: "entered_in_error",
          enteredInErrorReason: "  ",
          enteredInErrorById: c.clinician.userId,
          enteredInErrorAt: new Date(),
        },
      }),
    ).rejects.toThrow(frozen);
    await db.assessment.update({
      where: { id: a.id },
      data: {
        status: "entered_in_error",
        enteredInErrorReason: "wrong patient",
        enteredInErrorById: c.clinician.userId,
        enteredInErrorAt: new Date(),
      },
    });
    await expect(db.assessment.update({ where: { id: a.id }, data: { enteredInErrorReason: "changed my mind" } })).rejects.toThrow(frozen);
    await expect(db.assessment.update({ where: { id: a.id }, data: { status: "signed" } })).rejects.toThrow(frozen);
    await expect(db.assessment.delete({ where: { id: a.id } })).rejects.toThrow(frozen);
  });

  it("cannot be signed without signer, time, evaluation and rulesVersion", async () => {
    const db = testDb();
    const d = await db.assessment.create({
      data: {
        clinicId: c.clinicId,
        episodeId,
        kind: "follow_up",
        assessedOn: new Date("2026-01-09"),
        answers: {},
        createdById: c.clinician.userId,
        updatedById: c.clinician.userId,
      },
    });
    await expect(db.assessment.update({ where: { id: d.id }, data: { status: "signed" } })).rejects.toThrow(frozen);
    // A draft may be edited and deleted.
    await db.assessment.update({ where: { id: d.id }, data: { answers: { symptoms: { painNow: 1 } } } });
    await db.assessment.delete({ where: { id: d.id } });
  });
});

describe("addenda", () => {
  it("attach only to signed assessments and never change", async () => {
    const db = testDb();
    const draft = await db.assessment.create({
      data: {
        clinicId: c.clinicId,
        episodeId,
        kind: "follow_up",
        assessedOn: new Date("2026-01-10"),
        answers: {},
        createdById: c.clinician.userId,
        updatedById: c.clinician.userId,
      },
    });
    await expect(
      db.addendum.create({ data: { clinicId: c.clinicId, assessmentId: draft.id, authorId: c.clinician.userId, text: "x" } }),
    ).rejects.toThrow(frozen);
    const a = await signedAssessment();
    const ad = await db.addendum.create({
      data: { clinicId: c.clinicId, assessmentId: a.id, authorId: c.clinician.userId, text: "late finding" },
    });
    await expect(db.addendum.update({ where: { id: ad.id }, data: { text: "rewritten" } })).rejects.toThrow(frozen);
    await expect(db.addendum.delete({ where: { id: ad.id } })).rejects.toThrow(frozen);
  });
});

describe("signed referrals", () => {
  async function referral(status: "draft" | "signed") {
    const a = await signedAssessment();
    return testDb().referral.create({
      data: {
        clinicId: c.clinicId,
        episodeId,
        assessmentId: a.id,
        urgency: "urgent",
        reason: "r",
        question: "q?",
        draft: {},
        createdById: c.clinician.userId,
        ...(status === "signed"
          ? { status: "signed", snapshot: { frozen: true }, signedById: c.clinician.userId, signedAt: new Date() }
          : {}),
      },
    });
  }

  it("cannot be changed or deleted; may be sent, or cancelled with a reason", async () => {
    const db = testDb();
    const r = await referral("signed");
    await expect(db.referral.update({ where: { id: r.id }, data: { question: "another question?" } })).rejects.toThrow(frozen);
    await expect(db.referral.update({ where: { id: r.id }, data: { snapshot: { frozen: false } } })).rejects.toThrow(frozen);
    await expect(db.referral.delete({ where: { id: r.id } })).rejects.toThrow(frozen);
    await expect(db.referral.update({ where: { id: r.id }, data: { status: "sent" } })).rejects.toThrow(frozen);
    await db.referral.update({ where: { id: r.id }, data: { status: "sent", sentAt: new Date() } });
    await expect(db.referral.update({ where: { id: r.id }, data: { status: "signed" } })).rejects.toThrow(frozen);
    await expect(db.referral.update({ where: { id: r.id }, data: { status: "cancelled", cancelledAt: new Date() } })).rejects.toThrow(
      frozen,
    );
    await db.referral.update({
      where: { id: r.id },
      data: { status: "cancelled", cancelledAt: new Date(), cancelReason: "patient declined" },
    });
    await expect(db.referral.update({ where: { id: r.id }, data: { cancelReason: "other" } })).rejects.toThrow(frozen);
  });

  it("cannot be signed without snapshot and question; a draft can be deleted", async () => {
    const db = testDb();
    const r = await referral("draft");
    await expect(
      db.referral.update({ where: { id: r.id }, data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date() } }),
    ).rejects.toThrow(frozen);
    await expect(db.referral.update({ where: { id: r.id }, data: { status: "sent", sentAt: new Date() } })).rejects.toThrow(frozen);
    await db.referral.delete({ where: { id: r.id } });
    expect(await db.referral.findUnique({ where: { id: r.id } })).toBeNull();
  });
});

it("keeps episodes bound to a patient of the same clinic (composite foreign key)", async () => {
  const other = await createClinic();
  const db = testDb();
  const p = await db.patient.create({
    data: {
      clinicId: other.clinicId,
      mrn: `X-${randomUUID().slice(0, 6)}`,
      givenName: "O",
      familyName: "Ther",
      birthDate: new Date("1990-01-01"),
      sex: "female",
    },
  });
  await expect(
    db.episode.create({ data: { clinicId: c.clinicId, patientId: p.id, side: "left", complaint: "cross-clinic" } }),
  ).rejects.toThrow();
});
