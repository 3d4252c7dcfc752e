/**
 * PostgreSQL itself refuses to rewrite history (triggers of the
 * immutability and sealed-records migrations). These tests bypass lib/data
 * and talk SQL directly as the app's role (DATABASE_URL: the role the
 * integration setup granted with scripts/db/grant.ts), which is what the
 * running app, or anyone holding its password, can do. Fixtures (the clinic
 * and its staff) are arranged as the owner.
 */
import { randomUUID } from "node:crypto";
import { sqlState } from "@/lib/errors";
import { appDb, closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
let patientId: string;
let episodeId: string;
beforeAll(async () => {
  c = await createClinic();
  const db = appDb();
  const p = await db.patient.create({
    data: { clinicId: c.clinicId, mrn: "IMM-1", givenName: "I", familyName: "Mutable", birthDate: new Date("1980-01-01"), sex: "male" },
  });
  patientId = p.id;
  episodeId = (await db.episode.create({ data: { clinicId: c.clinicId, patientId: p.id, side: "left", complaint: "test" } })).id;
});
afterAll(closeTestDb);

/** The rule refused it: the trigger (SQLSTATE KC001), or, for what the app role may not do at all, its missing privilege (42501). */
async function refused(attempt: Promise<unknown>, states: string[] = ["KC001"]): Promise<string> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (!error) throw new Error("the database accepted it");
  const message = (error as Error).message;
  // The last line of Prisma's message is PostgreSQL's: shown when the state is not the expected one.
  expect({
    state: states.includes(sqlState(error) ?? "") ? "expected" : sqlState(error),
    message: message.split("\n").pop(),
  }).toMatchObject({
    state: "expected",
  });
  return message;
}
/** A refusal of the app role: the privilege is missing on PostgreSQL; on the embedded fallback (a superuser) the trigger still refuses. */
const APP_ROLE_CANNOT = ["42501", "KC001"];

let day = 1;
async function draftAssessment(kind: "intake" | "follow_up" = "follow_up", episode = episodeId) {
  return appDb().assessment.create({
    data: {
      clinicId: c.clinicId,
      episodeId: episode,
      kind,
      assessedOn: new Date(`2026-01-${String(day++).padStart(2, "0")}`),
      answers: { symptoms: { painNow: 3 } },
      evaluation: { urgency: "routine" },
      rulesVersion: "1",
      createdById: c.clinician.userId,
      updatedById: c.clinician.userId,
    },
  });
}

async function signedAssessment(kind: "intake" | "follow_up" = "follow_up", episode = episodeId) {
  const d = await draftAssessment(kind, episode);
  return appDb().assessment.update({
    where: { id: d.id },
    data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date(), version: { increment: 1 } },
  });
}

describe("AuditEvent is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const db = appDb();
    const e = await db.auditEvent.create({
      data: { clinicId: c.clinicId, userId: c.admin.userId, action: "test.event", entityType: "Test" },
    });
    await refused(db.auditEvent.update({ where: { id: e.id }, data: { action: "tampered" } }), APP_ROLE_CANNOT);
    await refused(db.auditEvent.delete({ where: { id: e.id } }), APP_ROLE_CANNOT);
    await refused(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = ${e.id}`), APP_ROLE_CANNOT);
    await refused(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`), APP_ROLE_CANNOT);
    // The triggers hold even for the owner.
    await refused(testDb().auditEvent.update({ where: { id: e.id }, data: { action: "tampered" } }));
    await refused(testDb().$executeRawUnsafe(`TRUNCATE "AuditEvent"`));
    expect((await testDb().auditEvent.findUniqueOrThrow({ where: { id: e.id } })).action).toBe("test.event");
  });
});

describe("assessments", () => {
  it("can only be inserted as drafts", async () => {
    const base = {
      clinicId: c.clinicId,
      episodeId,
      kind: "follow_up" as const,
      assessedOn: new Date("2026-02-01"),
      answers: {},
      evaluation: { urgency: "routine" },
      rulesVersion: "1",
      createdById: c.clinician.userId,
      updatedById: c.clinician.userId,
    };
    const db = appDb();
    expect(
      await refused(db.assessment.create({ data: { ...base, status: "signed", signedById: c.clinician.userId, signedAt: new Date() } })),
    ).toMatch(/inserted as a draft/);
    await refused(
      db.assessment.create({
        data: {
          ...base,
          status: "entered_in_error",
          enteredInErrorReason: "x",
          enteredInErrorById: c.clinician.userId,
          enteredInErrorAt: new Date(),
        },
      }),
    );
    // A draft carrying a signer or a signing time is no draft.
    await refused(db.assessment.create({ data: { ...base, signedAt: new Date() } }));
    await refused(db.assessment.create({ data: { ...base, signedByName: "Dr Nobody" } }));
    await refused(
      db.$executeRawUnsafe(`INSERT INTO "Assessment" ("clinicId", "episodeId", kind, "assessedOn", answers, status, "signedById", "signedAt", evaluation, "rulesVersion", "createdById", "updatedById")
      VALUES ('${c.clinicId}', '${episodeId}', 'follow_up', '2026-02-02', '{}', 'signed', '${c.clinician.userId}', now(), '{}', '1', '${c.clinician.userId}', '${c.clinician.userId}')`),
    );
    expect(await db.assessment.count({ where: { clinicId: c.clinicId, assessedOn: { gte: new Date("2026-02-01") } } })).toBe(0);
  });

  it("is signed with signer, time, evaluation and rulesVersion; the signer's name and title are stamped and survive a rename", async () => {
    const db = appDb();
    const d = await draftAssessment();
    await refused(db.assessment.update({ where: { id: d.id }, data: { status: "signed" } }));
    const other = await createClinic();
    await refused(
      db.assessment.update({ where: { id: d.id }, data: { status: "signed", signedById: other.clinician.userId, signedAt: new Date() } }),
    );
    const s = await db.assessment.update({
      where: { id: d.id },
      data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date(), signedByName: "Someone Else" },
    });
    expect({ name: s.signedByName, title: s.signedByTitle }).toEqual({ name: c.clinician.name, title: "Physiotherapist" });
    await db.user.update({ where: { id: c.clinician.userId }, data: { name: "Renamed Later", title: "Consultant" } });
    try {
      const after = await db.assessment.findUniqueOrThrow({ where: { id: d.id } });
      expect({ name: after.signedByName, title: after.signedByTitle }).toEqual({ name: c.clinician.name, title: "Physiotherapist" });
    } finally {
      await db.user.update({ where: { id: c.clinician.userId }, data: { name: c.clinician.name, title: "Physiotherapist" } });
    }
  });

  it("once signed can never be deleted or changed, audit columns, signer and signing time included", async () => {
    const db = appDb();
    const a = await signedAssessment();
    await refused(db.assessment.delete({ where: { id: a.id } }));
    const changes: Record<string, unknown>[] = [
      { answers: { symptoms: { painNow: 9 } } },
      { assessedOn: new Date("2026-03-06") },
      { status: "draft" },
      { updatedById: c.admin.userId },
      { version: { increment: 1 } },
      { enteredInErrorById: c.admin.userId },
      { signedAt: new Date("2020-01-01") },
      { signedById: c.admin.userId },
      { signedByName: "Dr Forged" },
      { episodeId: (await appDb().episode.create({ data: { clinicId: c.clinicId, patientId, side: "right", complaint: "other" } })).id },
    ];
    for (const data of changes) await refused(db.assessment.update({ where: { id: a.id }, data }));
    const after = await db.assessment.findUniqueOrThrow({ where: { id: a.id } });
    expect(after).toEqual(a);
  });

  it("moves to entered_in_error only with a reason, who and when, changing nothing else, and is then final", async () => {
    const db = appDb();
    const a = await signedAssessment();
    const mark = {
      status: "entered_in_error" as const,
      enteredInErrorReason: "wrong patient",
      enteredInErrorById: c.clinician.userId,
      enteredInErrorAt: new Date(),
    };
    await refused(db.assessment.update({ where: { id: a.id }, data: { status: "entered_in_error" } }));
    await refused(db.assessment.update({ where: { id: a.id }, data: { ...mark, enteredInErrorReason: "  " } }));
    await refused(db.assessment.update({ where: { id: a.id }, data: { ...mark, answers: { symptoms: { painNow: 0 } } } }));
    await refused(db.assessment.update({ where: { id: a.id }, data: { ...mark, signedAt: new Date("2020-01-01") } }));
    await db.assessment.update({ where: { id: a.id }, data: { ...mark, updatedById: c.clinician.userId, version: { increment: 1 } } });
    await refused(db.assessment.update({ where: { id: a.id }, data: { enteredInErrorReason: "changed my mind" } }));
    await refused(db.assessment.update({ where: { id: a.id }, data: { enteredInErrorById: c.admin.userId } }));
    await refused(db.assessment.update({ where: { id: a.id }, data: { status: "signed" } }));
    await refused(db.assessment.delete({ where: { id: a.id } }));
  });

  it("a draft may be edited and discarded", async () => {
    const db = appDb();
    const d = await draftAssessment();
    await db.assessment.update({ where: { id: d.id }, data: { answers: { symptoms: { painNow: 1 } } } });
    await db.assessment.delete({ where: { id: d.id } });
  });

  it("allows one intake per episode (not counting intakes entered in error)", async () => {
    const db = appDb();
    const e = await db.episode.create({
      data: { clinicId: c.clinicId, patientId, side: "both", complaint: "intakes", status: "discharged" },
    });
    const first = await signedAssessment("intake", e.id);
    expect(sqlState(await draftAssessment("intake", e.id).catch((x: unknown) => x))).toBe("23505");
    await db.assessment.update({
      where: { id: first.id },
      data: {
        status: "entered_in_error",
        enteredInErrorReason: "wrong knee",
        enteredInErrorById: c.clinician.userId,
        enteredInErrorAt: new Date(),
      },
    });
    await draftAssessment("intake", e.id);
    expect(sqlState(await draftAssessment("intake", e.id).catch((x: unknown) => x))).toBe("23505");
  });
});

describe("addenda", () => {
  it("attach only to signed assessments and never change", async () => {
    const db = appDb();
    const draft = await draftAssessment();
    await refused(db.addendum.create({ data: { clinicId: c.clinicId, assessmentId: draft.id, authorId: c.clinician.userId, text: "x" } }));
    const a = await signedAssessment();
    const ad = await db.addendum.create({
      data: { clinicId: c.clinicId, assessmentId: a.id, authorId: c.clinician.userId, text: "late finding" },
    });
    await refused(db.addendum.update({ where: { id: ad.id }, data: { text: "rewritten" } }), APP_ROLE_CANNOT);
    await refused(db.addendum.delete({ where: { id: ad.id } }), APP_ROLE_CANNOT);
  });
});

describe("referrals", () => {
  async function draftReferral() {
    const a = await signedAssessment();
    return appDb().referral.create({
      data: {
        clinicId: c.clinicId,
        episodeId,
        assessmentId: a.id,
        urgency: "urgent",
        reason: "r",
        question: "q?",
        draft: {},
        createdById: c.clinician.userId,
      },
    });
  }
  const sign = () => ({ status: "signed" as const, snapshot: { frozen: true }, signedById: c.clinician.userId, signedAt: new Date() });
  async function signedReferral() {
    const r = await draftReferral();
    return appDb().referral.update({ where: { id: r.id }, data: { ...sign(), version: { increment: 1 } } });
  }

  it("can only be inserted as drafts", async () => {
    const a = await signedAssessment();
    const base = {
      clinicId: c.clinicId,
      episodeId,
      assessmentId: a.id,
      urgency: "urgent" as const,
      reason: "r",
      question: "q?",
      draft: {},
      createdById: c.clinician.userId,
    };
    const db = appDb();
    const signer = { snapshot: { frozen: true }, signedById: c.clinician.userId, signedAt: new Date() };
    expect(await refused(db.referral.create({ data: { ...base, ...signer, status: "signed" } }))).toMatch(/inserted as a draft/);
    await refused(db.referral.create({ data: { ...base, ...signer, status: "sent", sentAt: new Date() } }));
    await refused(db.referral.create({ data: { ...base, status: "cancelled", cancelledAt: new Date(), cancelReason: "no" } }));
    await refused(db.referral.create({ data: { ...base, snapshot: { forged: true } } }));
    await refused(db.referral.create({ data: { ...base, sentAt: new Date() } }));
  });

  it("is signed with snapshot, signer and question, stamping the signer's name", async () => {
    const db = appDb();
    const r = await draftReferral();
    await refused(
      db.referral.update({ where: { id: r.id }, data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date() } }),
    );
    await refused(db.referral.update({ where: { id: r.id }, data: { status: "sent", sentAt: new Date() } }));
    await refused(db.referral.update({ where: { id: r.id }, data: { sentAt: new Date() } }));
    const s = await db.referral.update({ where: { id: r.id }, data: sign() });
    expect(s.signedByName).toBe(c.clinician.name);
  });

  it("once signed, changes only to sent (sentAt written once) or cancelled with a reason (sentAt kept)", async () => {
    const db = appDb();
    const r = await signedReferral();
    for (const data of [
      { question: "another question?" },
      { snapshot: { frozen: false } },
      { signedAt: new Date("2020-01-01") },
      { signedById: c.admin.userId },
      { signedByName: "Dr Forged" },
      { status: "sent" as const },
      { status: "sent" as const, sentAt: new Date(), question: "sneaked in?" },
      { status: "draft" as const },
    ])
      await refused(db.referral.update({ where: { id: r.id }, data }));
    await refused(db.referral.delete({ where: { id: r.id } }));
    const sentAt = new Date("2026-01-20T10:00:00Z");
    await db.referral.update({ where: { id: r.id }, data: { status: "sent", sentAt, version: { increment: 1 } } });
    await refused(db.referral.update({ where: { id: r.id }, data: { sentAt: new Date() } }));
    await refused(db.referral.update({ where: { id: r.id }, data: { sentAt: null } }));
    await refused(db.referral.update({ where: { id: r.id }, data: { status: "signed" } }));
    await refused(db.referral.update({ where: { id: r.id }, data: { status: "cancelled", cancelledAt: new Date() } }));
    // Cancelling cannot erase (or move) sentAt.
    const cancel = { status: "cancelled" as const, cancelledAt: new Date(), cancelReason: "patient declined" };
    await refused(db.referral.update({ where: { id: r.id }, data: { ...cancel, sentAt: null } }));
    await refused(db.referral.update({ where: { id: r.id }, data: { ...cancel, sentAt: new Date() } }));
    await db.referral.update({ where: { id: r.id }, data: cancel });
    await refused(db.referral.update({ where: { id: r.id }, data: { cancelReason: "other" } }));
    expect((await db.referral.findUniqueOrThrow({ where: { id: r.id } })).sentAt).toEqual(sentAt);
  });

  it("a signed referral cancelled before sending keeps no sending time", async () => {
    const db = appDb();
    const r = await signedReferral();
    await refused(
      db.referral.update({
        where: { id: r.id },
        data: { status: "cancelled", cancelledAt: new Date(), cancelReason: "not needed", sentAt: new Date() },
      }),
    );
    await db.referral.update({ where: { id: r.id }, data: { status: "cancelled", cancelledAt: new Date(), cancelReason: "not needed" } });
  });

  it("a draft can be deleted", async () => {
    const db = appDb();
    const r = await draftReferral();
    await db.referral.delete({ where: { id: r.id } });
    expect(await db.referral.findUnique({ where: { id: r.id } })).toBeNull();
  });
});

describe("ownership never moves", () => {
  it("an episode never changes patient or clinic", async () => {
    const db = appDb();
    const other = await db.patient.create({
      data: {
        clinicId: c.clinicId,
        mrn: `MOVE-${randomUUID().slice(0, 6)}`,
        givenName: "O",
        familyName: "Ther",
        birthDate: new Date("1990-01-01"),
        sex: "female",
      },
    });
    expect(await refused(db.episode.update({ where: { id: episodeId }, data: { patientId: other.id } }))).toMatch(
      /patientId never changes/,
    );
    const otherClinic = await createClinic();
    await refused(db.$executeRawUnsafe(`UPDATE "Episode" SET "clinicId" = '${otherClinic.clinicId}' WHERE id = '${episodeId}'`), [
      "KC001",
      "23503",
    ]);
    // Not even the owner moves it.
    await refused(testDb().episode.update({ where: { id: episodeId }, data: { patientId: other.id } }));
    expect((await db.episode.findUniqueOrThrow({ where: { id: episodeId } })).patientId).toBe(patientId);
  });

  it("keeps episodes bound to a patient of the same clinic (composite foreign key)", async () => {
    const other = await createClinic();
    const p = await testDb().patient.create({
      data: {
        clinicId: other.clinicId,
        mrn: `X-${randomUUID().slice(0, 6)}`,
        givenName: "O",
        familyName: "Ther",
        birthDate: new Date("1990-01-01"),
        sex: "female",
      },
    });
    await refused(appDb().episode.create({ data: { clinicId: c.clinicId, patientId: p.id, side: "left", complaint: "cross-clinic" } }), [
      "23503",
    ]);
  });
});

describe("users", () => {
  it("are never deleted, not even by the owner", async () => {
    const u = await createClinic();
    await refused(appDb().user.delete({ where: { id: u.viewer.userId } }), APP_ROLE_CANNOT);
    expect(await refused(testDb().user.delete({ where: { id: u.viewer.userId } }))).toMatch(/never deleted/);
    await refused(testDb().$executeRawUnsafe(`TRUNCATE "User" CASCADE`));
    expect(await testDb().user.count({ where: { id: u.viewer.userId } })).toBe(1);
  });

  it("the last active administrator of a clinic cannot be demoted or deactivated", async () => {
    const t = await createClinic();
    const db = appDb();
    expect(await refused(db.user.update({ where: { id: t.admin.userId }, data: { role: "clinician" } }))).toMatch(
      /last active administrator/,
    );
    await refused(db.user.update({ where: { id: t.admin.userId }, data: { active: false } }));
    await db.user.update({ where: { id: t.viewer.userId }, data: { role: "admin" } });
    await db.user.update({ where: { id: t.admin.userId }, data: { active: false } });
    await refused(db.user.update({ where: { id: t.viewer.userId }, data: { role: "viewer" } }));
  });
});
