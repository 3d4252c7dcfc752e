import { discardDraft, markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { getCaseload } from "@/lib/data/caseload";
import { createEpisode, createPatient, reopenEpisode } from "@/lib/data/patients";
import { recordRedFlagAction } from "@/lib/data/red-flags";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic, SCREEN_NOT_DONE } from "../helpers/fixtures";
import { dischargeEpisode } from "@/lib/data/discharges";

/**
 * The caseload's counts come from "CaseloadCount", kept by triggers on
 * "Episode" (migration …_caseload_counts). After every kind of change the
 * row must equal a fresh aggregate of the clinic's open episodes.
 */
let a: TestClinic;
let b: TestClinic;
beforeAll(async () => {
  a = await createClinic();
  b = await createClinic();
});
afterAll(closeTestDb);

async function truth(clinicId: string) {
  const [row] = await testDb().$queryRaw<{ open: bigint; flagged: bigint; worsening: bigint; drafts: bigint }[]>`
    SELECT count(*) AS open, count(*) FILTER (WHERE "urgencyRank" <= 2) AS flagged,
           count(*) FILTER (WHERE worsening) AS worsening, count(*) FILTER (WHERE "draftCount" > 0) AS drafts
      FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND status = 'open'`;
  return { open: Number(row!.open), flagged: Number(row!.flagged), worsening: Number(row!.worsening), drafts: Number(row!.drafts) };
}

async function stored(clinicId: string) {
  const row = await testDb().caseloadCount.findUnique({ where: { clinicId } });
  return { open: row?.open ?? 0, flagged: row?.flagged ?? 0, worsening: row?.worsening ?? 0, drafts: row?.drafts ?? 0 };
}

/** The counts of open red flags and unsent referrals: the stored row equals a fresh aggregate. */
async function flagsInStep(clinicId: string) {
  const [row] = await testDb().$queryRaw<{ uf: bigint; ur: bigint }[]>`
    SELECT count(*) FILTER (WHERE cardinality("openUrgentFlags") > 0) AS uf, count(*) FILTER (WHERE "unsentUrgentReferrals" > 0) AS ur
      FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND status = 'open'`;
  const stored = await testDb().caseloadCount.findUnique({ where: { clinicId } });
  expect({ openUrgentFlags: stored?.openUrgentFlags ?? 0, unsentReferrals: stored?.unsentReferrals ?? 0 }).toEqual({
    openUrgentFlags: Number(row!.uf),
    unsentReferrals: Number(row!.ur),
  });
  return Number(row!.uf);
}

async function expectInStep(expected: { open: number; flagged: number; worsening: number; drafts: number }) {
  expect(await truth(a.clinicId)).toEqual(expected);
  expect(await stored(a.clinicId)).toEqual(expected);
  await flagsInStep(a.clinicId);
  const { counts } = await getCaseload(a.viewer, caseloadQuerySchema.parse({}));
  expect(counts).toMatchObject(expected);
}

async function episode(t: TestClinic) {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
  return createEpisode(t.clinician, { patientId: p.id, side: "right", complaint: "Medial knee pain", mechanism: "gradual" });
}

describe("caseload counts", () => {
  it("follow every change of an episode, and never another clinic's", async () => {
    await expectInStep({ open: 0, flagged: 0, worsening: 0, drafts: 0 });
    const e1 = await episode(a);
    const e2 = await episode(a);
    await episode(b);
    await expectInStep({ open: 2, flagged: 0, worsening: 0, drafts: 0 });

    // A draft counts as a draft, and its red flag already flags the episode (provisionally); signing keeps the flag.
    const d = await saveDraft(a.clinician, {
      episodeId: e1.id,
      kind: "intake",
      assessedOn: isoDaysAgo(14),
      answers: { symptoms: { locking: true, painNow: 3 } },
    });
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 1 });
    const intake = await signAssessment(a.clinician, d.id, d.version, SCREEN_NOT_DONE);
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 0 });

    // A follow-up with pain up by 5 points: worsening.
    const f = await saveDraft(a.clinician, {
      episodeId: e1.id,
      kind: "follow_up",
      assessedOn: isoDaysAgo(1),
      answers: { symptoms: { locking: true, painNow: 8 } },
    });
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 1 });
    const followUp = await signAssessment(a.clinician, f.id, f.version, SCREEN_NOT_DONE);
    await expectInStep({ open: 2, flagged: 1, worsening: 1, drafts: 0 });

    // Entered in error: the episode goes back to what the intake said.
    await markEnteredInError(a.clinician, followUp.id, "wrong runner");
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 0 });
    expect(intake.status).toBe("signed");

    // A discarded draft, a discharge and a reopening.
    const d2 = await saveDraft(a.clinician, {
      episodeId: e2.id,
      kind: "intake",
      assessedOn: isoDaysAgo(2),
      answers: { symptoms: { painNow: 2 } },
    });
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 1 });
    await discardDraft(a.clinician, d2.id, d2.version);
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 0 });
    // The locked knee stays an open urgent flag until an action is recorded; then the episode can be discharged.
    expect(await flagsInStep(a.clinicId)).toBe(1);
    await recordRedFlagAction(a.clinician, e1.id, { code: "locked_knee", action: "urgent_referral" });
    expect(await flagsInStep(a.clinicId)).toBe(0);
    await dischargeEpisode(a.clinician, e1.id, { reason: "returned_to_full_running" });
    await expectInStep({ open: 1, flagged: 0, worsening: 0, drafts: 0 });
    await reopenEpisode(a.clinician, e1.id, isoDaysAgo(-7));
    await expectInStep({ open: 2, flagged: 1, worsening: 0, drafts: 0 });

    expect(await stored(b.clinicId)).toEqual({ open: 1, flagged: 0, worsening: 0, drafts: 0 });
  });

  it("stay right through multi-row statements and deletions, and can be rebuilt", async () => {
    const db = testDb();
    const before = await truth(a.clinicId);
    const extra = await Promise.all([episode(a), episode(a), episode(a)]);
    // One statement changing several rows at once, some of them open and some not.
    await db.$executeRaw`UPDATE "Episode" SET worsening = true, "urgencyRank" = 1 WHERE id = ANY(${extra.map((e) => e.id)}::uuid[])`;
    await db.$executeRaw`UPDATE "Episode" SET status = 'discharged' WHERE id = ${extra[0]!.id}::uuid`;
    expect(await stored(a.clinicId)).toEqual(await truth(a.clinicId));
    expect(await truth(a.clinicId)).toEqual({
      open: before.open + 2,
      flagged: before.flagged + 2,
      worsening: before.worsening + 2,
      drafts: before.drafts,
    });
    await db.$executeRaw`DELETE FROM "Episode" WHERE id = ANY(${extra.slice(1).map((e) => e.id)}::uuid[])`;
    expect(await stored(a.clinicId)).toEqual(before);

    // After a load that skipped the triggers, the rebuild function sets the row from the episodes.
    await db.caseloadCount.update({ where: { clinicId: a.clinicId }, data: { open: 999, flagged: 999 } });
    await db.$executeRaw`SELECT caseload_count_rebuild(${a.clinicId}::uuid)`;
    expect(await stored(a.clinicId)).toEqual(before);
  });

  it("are read with the day's counts in one statement that equals a direct count of the clinic's open episodes only", async () => {
    const db = testDb();
    const c = await createClinic();
    const d = await createClinic();
    const empty = await createClinic();
    const { today } = await getCaseload(c.viewer, caseloadQuerySchema.parse({}));
    // Reviews overdue, due today, later and none, in both clinics (the other clinic's all overdue).
    const review = async (t: TestClinic, date: string | null) => {
      const e = await episode(t);
      await db.$executeRaw`UPDATE "Episode" SET "nextReviewDate" = ${date}::date, "reviewSort" = coalesce(${date}::date, '9999-12-31')
                            WHERE id = ${e.id}::uuid`;
    };
    const daysAgo = (n: number) => isoDaysAgo(n, new Date(`${today}T12:00:00Z`));
    for (const date of [daysAgo(3), daysAgo(1), today, today, daysAgo(-5), null]) await review(c, date);
    for (const date of [daysAgo(2), daysAgo(2), today]) await review(d, date);

    const direct = async (clinicId: string) => {
      const [row] = await db.$queryRaw<{ overdue: bigint; dueToday: bigint }[]>`
        SELECT count(*) FILTER (WHERE "nextReviewDate" < ${today}::date) AS overdue,
               count(*) FILTER (WHERE "nextReviewDate" = ${today}::date) AS "dueToday"
          FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND status = 'open'`;
      return { ...(await truth(clinicId)), overdue: Number(row!.overdue), dueToday: Number(row!.dueToday) };
    };
    const { counts } = await getCaseload(c.viewer, caseloadQuerySchema.parse({}));
    expect(await direct(c.clinicId)).toEqual({ open: 6, flagged: 0, worsening: 0, drafts: 0, overdue: 2, dueToday: 2 });
    expect(counts).toMatchObject(await direct(c.clinicId));
    expect((await getCaseload(d.viewer, caseloadQuerySchema.parse({}))).counts).toMatchObject({ open: 3, overdue: 2, dueToday: 1 });
    // A clinic without episodes has no stored row yet: every count is 0.
    expect(Object.values((await getCaseload(empty.viewer, caseloadQuerySchema.parse({}))).counts)).toEqual(Array(10).fill(0));
  });
});
