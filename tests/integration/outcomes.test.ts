import { markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { dischargeEpisode } from "@/lib/data/discharges";
import { clinicOutcomes, groupFigures } from "@/lib/data/outcomes";
import type { OutcomesReport } from "@/lib/domain/outcomes";
import { refreshClinicOutcomes } from "@/lib/data/outcome-summary";
import { rebuildOutcomeSums } from "@/lib/data/outcome-sums";
import { updateClinicSettings } from "@/lib/data/settings";
import { DEFAULT_SETTINGS } from "@/lib/domain/settings";
import { createEpisode, createPatient, withdrawEpisode } from "@/lib/data/patients";
import { createReferralDraft, signReferral, updateReferralDraft } from "@/lib/data/referrals";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { DischargeInput } from "@/lib/validation/discharge";
import { outcomesQuerySchema } from "@/lib/validation/outcomes";
import { patientSchema } from "@/lib/validation/patients";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, SCREEN_NOT_DONE, testDb, type TestClinic } from "../helpers/fixtures";

/**
 * Clinic outcomes (issue 16): every figure of a small hand-built clinic,
 * worked out by hand below; another clinic's records never change them;
 * cells under 5 episodes are suppressed; viewers are refused.
 *
 * The clinic keeps the default important changes: pain 2 points, KOOS 10,
 * LEFS 9, PSFS 2. "Day N" counts from the episode's intake (day 0).
 */
type Answers = Parameters<typeof saveDraft>[1]["answers"];
const lefs = (sum: number) => Array.from({ length: 20 }, (_, i) => Math.floor(sum / 20) + (i < sum % 20 ? 1 : 0));
const koos = (pain: number, sport: number) => ({
  ...Object.fromEntries(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"].map((k) => [k, pain])),
  ...Object.fromEntries(["SP1", "SP2", "SP3", "SP4", "SP5"].map((k) => [k, sport])),
});
const psfs = (score: number) => [{ activity: "Running", score }];

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

type Episode = { patientId: string; episodeId: string; openedAgo: number };

async function episode(openedAgo: number, t: TestClinic = c, patientId?: string): Promise<Episode> {
  const pid = patientId ?? (await createPatient(t.clinician, patientSchema.parse(patientInput()))).id;
  const e = await createEpisode(t.clinician, { patientId: pid, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  return { patientId: pid, episodeId: e.id, openedAgo };
}

/** Signs an assessment on day `day` of the episode; `nextReview` is the day of the planned review. */
async function visit(e: Episode, day: number, measures: Answers["measures"], nextReview?: number, extra: Answers = {}, t: TestClinic = c) {
  const answers = {
    ...extra,
    measures,
    ...(nextReview !== undefined ? { plan: { nextReviewDate: isoDaysAgo(e.openedAgo - nextReview) } } : {}),
  } as Answers;
  const d = await saveDraft(t.clinician, {
    episodeId: e.episodeId,
    kind: day === 0 ? "intake" : "follow_up",
    assessedOn: isoDaysAgo(e.openedAgo - day),
    answers,
  });
  return signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

const discharge = (e: Episode, input: DischargeInput, t: TestClinic = c) => dischargeEpisode(t.clinician, e.episodeId, input);
const all = (t: TestClinic = c, groupBy: "none" | "clinician" | "consideration" | "month" = "none") =>
  clinicOutcomes(t.clinician, outcomesQuerySchema.parse({ from: isoDaysAgo(364), to: isoDaysAgo(0), groupBy }));
const whole = (r: OutcomesReport) => r.groups.find((g) => g.key === "all")!.figures;

let report1: OutcomesReport;

describe("clinic outcomes of a hand-built clinic", () => {
  it("phase 1: seven episodes (one more opened in error), figures by hand, discharge figures suppressed (3 discharged)", async () => {
    // E1: improves on everything; reviews day 28 (seen day 30: late), day 44 (on time), day 84 (on time). Discharged today, day 120.
    const e1 = await episode(120);
    await visit(e1, 0, { painNow: 7, lefs: lefs(20), koos: koos(2, 3), psfs: psfs(3) }, 28);
    await visit(e1, 30, { painNow: 6 }, 44);
    await visit(e1, 44, { painNow: 4, lefs: lefs(40), koos: koos(1, 1), psfs: psfs(6) }, 84);
    await visit(e1, 84, { painNow: 2, lefs: lefs(60), psfs: psfs(8) });
    await discharge(e1, { reason: "returned_to_full_running", returnToRunningOn: isoDaysAgo(10) });
    // E2: open, day 100. A follow-up on day 40 is entered in error (it never counts: not for the window, not for the reviews).
    const e2 = await episode(100);
    await visit(e2, 0, { painNow: 5, lefs: lefs(40) }, 42);
    const wrong = await visit(e2, 40, { painNow: 0, lefs: lefs(80) });
    await markEnteredInError(c.clinician, wrong.id, "Another runner's answers");
    await visit(e2, 42, { painNow: 4, lefs: lefs(45) }, 80);
    await visit(e2, 90, { painNow: 3 });
    // E3: open, day 80, referred (signed referral); its review planned for day 70 is overdue.
    const e3 = await episode(80);
    const e3Intake = await visit(e3, 0, { painNow: 6 }, 50);
    await visit(e3, 50, { painNow: 6 }, 70);
    const draft = await createReferralDraft(c.clinician, e3.episodeId, e3Intake.id);
    const filled = await updateReferralDraft(c.clinician, {
      referralId: draft.id,
      version: draft.version,
      assessmentId: e3Intake.id,
      urgency: draft.urgency,
      reason: draft.reason,
      question: "Is there a meniscal tear?",
      recipient: undefined,
      treatmentSoFar: undefined,
      responseToTreatment: undefined,
      notes: undefined,
    });
    await signReferral(c.clinician, draft.id, filled.version);
    // E4: open, day 20, a red flag (locking); its review is planned in the future.
    const e4 = await episode(20);
    await visit(e4, 0, { painNow: 8 }, 30, { symptoms: { locking: true } });
    // E5: intake only, discharged today (day 200), reason other, back to running on day 100.
    const e5 = await episode(200);
    await visit(e5, 0, { painNow: 5 });
    await discharge(e5, { reason: "other", reasonText: "Moved away", returnToRunningOn: isoDaysAgo(100) });
    // E6: day 60, improved at day 45 (review planned day 40: late), discharged today, back to running day 55.
    const e6 = await episode(60);
    await visit(e6, 0, { painNow: 4 }, 40);
    await visit(e6, 45, { painNow: 1 });
    await discharge(e6, { reason: "goal_race_completed", returnToRunningOn: isoDaysAgo(5) });
    // E7: the same runner's same knee again, opened today: E6 recurred.
    const e7 = await episode(0, c, e6.patientId);
    await visit(e7, 0, { painNow: 6 });
    // E8: opened in error (its records entered in error first): never counts.
    const e8 = await episode(50);
    const a8 = await visit(e8, 0, { painNow: 9 });
    const b8 = await visit(e8, 42, { painNow: 0 });
    await markEnteredInError(c.clinician, b8.id, "Wrong runner");
    await markEnteredInError(c.clinician, a8.id, "Wrong runner");
    await withdrawEpisode(c.clinician, e8.episodeId, "Duplicate of another episode");

    report1 = await all();
    expect(report1.thresholds).toEqual({ painNow: 2, koos: 10, lefs: 9, psfs: 2 });
    expect(report1.groups).toHaveLength(1);
    const f = whole(report1);
    expect(report1.groups[0]!.episodes).toBe(7);
    expect(f.opened).toEqual({ numerator: 7, denominator: 7, value: 7, suppressed: false });
    expect(f.discharged).toEqual({ numerator: 3, denominator: 7, value: 3, suppressed: false });
    expect(f.open).toEqual({ numerator: 4, denominator: 7, value: 4, suppressed: false });
    // Pain at 6 weeks (closest to day 42 within 28-56): E1 day 44 (7->4 improved), E2 day 42 (5->4 no; day 40 in error),
    // E3 day 50 (6->6 no), E6 day 45 (4->1 improved); missing E5 (discharged, none); not yet due E4 (day 20), E7 (day 0).
    expect(f.improvement.painNow.week6).toEqual({ numerator: 2, denominator: 4, value: 0.5, suppressed: false, missing: 1, notYetDue: 2 });
    // Pain at 12 weeks (70-98): E1 day 84 (7->2), E2 day 90 (5->3, exactly 2: improved); missing E5, E6 (discharged);
    // not yet due E3 (day 80), E4, E7.
    expect(f.improvement.painNow.week12).toEqual({ numerator: 2, denominator: 2, value: 1, suppressed: false, missing: 2, notYetDue: 3 });
    // LEFS at 6 weeks: E1 20->40 improved, E2 40->45 not (5 < 9); missing E3, E5, E6 (no LEFS); not yet due E4, E7.
    expect(f.improvement.lefs.week6).toEqual({ numerator: 1, denominator: 2, value: 0.5, suppressed: false, missing: 3, notYetDue: 2 });
    // KOOS pain 50->75 and sport 25->75 at 6 weeks for E1 only; no KOOS at 12 weeks (day 84 has none).
    expect(f.improvement["koos.pain"].week6).toEqual({
      numerator: 1,
      denominator: 1,
      value: 1,
      suppressed: false,
      missing: 4,
      notYetDue: 2,
    });
    expect(f.improvement["koos.sport"].week6).toMatchObject({ numerator: 1, denominator: 1 });
    expect(f.improvement["koos.pain"].week12).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      suppressed: false,
      missing: 4,
      notYetDue: 3,
    });
    expect(f.improvement.psfs.week12).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    // At discharge: only 3 discharged episodes: suppressed.
    expect(f.improvement.painNow.discharge).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      suppressed: true,
      missing: null,
      notYetDue: null,
    });
    expect(f.recurrence).toEqual({ numerator: null, denominator: null, value: null, suppressed: true, notYetDue: null });
    expect(f.dischargeReasons.returned_to_full_running.suppressed).toBe(true);
    // Medians over fewer than 5 episodes are suppressed (3 returned to running, 3 discharged).
    expect(f.medianDaysToReturnToRunning.suppressed).toBe(true);
    expect(f.medianDaysToDischarge.suppressed).toBe(true);
    expect(f.referred).toEqual({ numerator: 1, denominator: 7, value: 0.143, suppressed: false });
    expect(f.redFlag).toEqual({ numerator: 1, denominator: 7, value: 0.143, suppressed: false });
    // Reviews in 4 episodes only (E1, E2, E3, E6): suppressed.
    expect(f.followUpsOnTime.suppressed).toBe(true);
  });

  it("phase 2: two more discharged episodes lift the discharge figures over the suppression limit", async () => {
    // E9: day 30, review planned day 20 and seen day 20 (on time); discharged today, back to running day 28.
    const e9 = await episode(30);
    await visit(e9, 0, { painNow: 6 }, 20);
    await visit(e9, 20, { painNow: 6 });
    await discharge(e9, { reason: "self_discharged", returnToRunningOn: isoDaysAgo(2) });
    // E10: day 10, pain 3 -> 0, discharged today (referred on), back to running day 9.
    const e10 = await episode(10);
    await visit(e10, 0, { painNow: 3 });
    await visit(e10, 5, { painNow: 0 });
    await discharge(e10, { reason: "referred_on", returnToRunningOn: isoDaysAgo(1) });

    const f = whole(await all());
    expect(f.opened.numerator).toBe(9);
    expect(f.discharged).toEqual({ numerator: 5, denominator: 9, value: 5, suppressed: false });
    // At discharge (last signed after the intake): E1 2 (from 7), E6 1 (from 4), E9 6 (from 6: no), E10 0 (from 3); E5 missing.
    expect(f.improvement.painNow.discharge).toEqual({
      numerator: 3,
      denominator: 4,
      value: 0.75,
      suppressed: false,
      missing: 1,
      notYetDue: 0,
    });
    // 6 weeks: E9 and E10 were discharged before their window: missing.
    expect(f.improvement.painNow.week6).toEqual({ numerator: 2, denominator: 4, value: 0.5, suppressed: false, missing: 3, notYetDue: 2 });
    // Days from intake to return to running: E1 110, E5 100, E6 55, E9 28, E10 9 -> median 55.
    expect(f.medianDaysToReturnToRunning).toEqual({ numerator: 5, denominator: 9, value: 55, suppressed: false });
    // Days to discharge: E1 120, E5 200, E6 60, E9 30, E10 10 -> median 60.
    expect(f.medianDaysToDischarge).toEqual({ numerator: 5, denominator: 9, value: 60, suppressed: false });
    // E6 recurred (E7); the other four were discharged less than 12 months ago.
    expect(f.recurrence).toEqual({ numerator: 1, denominator: 5, value: 0.2, suppressed: false, notYetDue: 4 });
    expect(f.dischargeReasons).toMatchObject({
      returned_to_full_running: { numerator: 1, denominator: 5, value: 0.2 },
      other: { numerator: 1, denominator: 5, value: 0.2 },
      goal_race_completed: { numerator: 1, denominator: 5, value: 0.2 },
      self_discharged: { numerator: 1, denominator: 5, value: 0.2 },
      referred_on: { numerator: 1, denominator: 5, value: 0.2 },
      lost_to_follow_up: { numerator: 0, denominator: 5, value: 0 },
      not_recorded: { numerator: 0, denominator: 5, value: 0 },
    });
    // Reviews followed: E1 3 (2 on time), E2 2 (day 42 on time; day 80 seen day 90 late), E3 1 (on time), E6 1 (late),
    // E9 1 (on time) = 8, 5 on time; plus E3's overdue review (day 70): 5 of 9. E4's is in the future.
    expect(f.followUpsOnTime).toEqual({ numerator: 5, denominator: 9, value: 0.556, suppressed: false });
  });

  it("another clinic's records never change the figures", async () => {
    const before = await all();
    const x = await episode(60, other);
    await visit(x, 0, { painNow: 9, lefs: lefs(10) }, 10, {}, other);
    await visit(x, 42, { painNow: 0, lefs: lefs(70) }, undefined, {}, other);
    await discharge(x, { reason: "lost_to_follow_up", returnToRunningOn: isoDaysAgo(1) }, other);
    const after = await all();
    expect(after.groups).toEqual(before.groups);
    expect(whole(await all(other)).opened).toEqual({ numerator: null, denominator: null, value: null, suppressed: true });
  });

  it("groups by clinician (named), consideration and month; a group under 5 episodes is suppressed whole", async () => {
    const byClinician = await all(c, "clinician");
    expect(byClinician.groups.map((g) => [g.key, g.label, g.episodes])).toEqual([[c.clinician.userId, c.clinician.name, 9]]);
    const byMonth = await all(c, "month");
    expect(byMonth.groups.reduce((n, g) => n + (g.episodes ?? 0), 0)).toBeLessThanOrEqual(9);
    for (const g of byMonth.groups.filter((g) => g.suppressed)) {
      expect(g.episodes).toBeNull();
      expect(g.figures.opened).toEqual({ numerator: null, denominator: null, value: null, suppressed: true });
      expect(g.figures.improvement.painNow.week6.numerator).toBeNull();
    }
    const byConsideration = await all(c, "consideration");
    expect(byConsideration.groups.some((g) => g.key === "none")).toBe(true);
  });

  it("filters by clinician: another clinician's filter finds nothing", async () => {
    const r = await clinicOutcomes(
      c.clinician,
      outcomesQuerySchema.parse({ from: isoDaysAgo(364), to: isoDaysAgo(0), clinicianId: c.admin.userId }),
    );
    expect(whole(r).opened.suppressed).toBe(true);
  });

  it("is refused to a viewer; audited as a read of the clinic's aggregates", async () => {
    await expect(all({ ...c, clinician: c.viewer })).rejects.toBeInstanceOf(ForbiddenError);
    const events = await testDb().auditEvent.findMany({
      where: { clinicId: c.clinicId, action: "outcomes.view" },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(events[0]).toMatchObject({ userId: c.clinician.userId, entityType: "Clinic", entityId: c.clinicId, patientId: null });
  });

  it("refuses a range over 5 years and a range that ends before it starts, naming the parameter", async () => {
    const bad = outcomesQuerySchema.safeParse({ from: "2020-01-01", to: "2025-01-01" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["to"]);
    expect(outcomesQuerySchema.safeParse({ from: "2020-01-01", to: "2024-12-31" }).success).toBe(true);
    expect(outcomesQuerySchema.safeParse({ from: "2026-02-30" }).error!.issues[0]!.path).toEqual(["from"]);
    expect(outcomesQuerySchema.safeParse({ groupBy: "patient" }).error!.issues[0]!.path).toEqual(["groupBy"]);
    await expect(clinicOutcomes(c.clinician, outcomesQuerySchema.parse({ from: "2001-01-01" }))).rejects.toBeInstanceOf(ValidationError);
  });

  it("follows the episode's return to running as PostgreSQL derives it (a return-to-run plan completed, no discharge)", async () => {
    const e = await episode(40);
    await visit(e, 0, { painNow: 5 });
    // As kc_refresh_returned_to_run sets it when the last stage of the plan is confirmed complete.
    await testDb().episode.update({ where: { id: e.episodeId }, data: { returnedToRunAt: new Date(`${isoDaysAgo(3)}T00:00:00.000Z`) } });
    const row = await appDb().episodeOutcome.findUniqueOrThrow({ where: { episodeId: e.episodeId } });
    expect(row.returnToRunningOn?.toISOString().slice(0, 10)).toBe(isoDaysAgo(3));
  });

  it("the maintained summary equals a recomputation of the whole clinic", async () => {
    const rows = () =>
      appDb().episodeOutcome.findMany({ where: { clinicId: c.clinicId }, orderBy: { episodeId: "asc" }, omit: { refreshedAt: true } });
    const kept = await rows();
    await refreshClinicOutcomes(appDb(), c.clinicId);
    expect(await rows()).toEqual(kept);
    expect(kept).toHaveLength(11);
  });

  type Query = Record<string, string>;
  const direct = (query: Query) =>
    clinicOutcomes(c.clinician, outcomesQuerySchema.parse({ from: isoDaysAgo(364), to: isoDaysAgo(0), ...query }), "view", "direct");
  const summed = (query: Query) =>
    clinicOutcomes(c.clinician, outcomesQuerySchema.parse({ from: isoDaysAgo(364), to: isoDaysAgo(0), ...query }));
  const QUERIES: Query[] = [
    ...(["none", "clinician", "consideration", "month"] as const).map((groupBy) => ({ groupBy })),
    { groupBy: "month", from: isoDaysAgo(90), to: isoDaysAgo(30) },
    { groupBy: "none", consideration: "mcl" },
    { groupBy: "consideration", consideration: "mcl" },
    { groupBy: "month", clinicianId: "" },
  ];
  const sums = () =>
    testDb().outcomeSum.findMany({
      where: { clinicId: c.clinicId },
      orderBy: [{ openedOn: "asc" }, { clinicianKey: "asc" }, { consideration: "asc" }],
    });

  it("the figures read from the daily sums equal the aggregate over the summary rows, for every grouping, filter and range", async () => {
    for (const q of QUERIES) {
      const query = q.clinicianId === "" ? { ...q, clinicianId: c.clinician.userId } : q;
      expect((await summed(query)).groups).toEqual((await direct(query)).groups);
    }
    // The sums are what is read: a changed sum changes the figures (then a rebuild puts it right).
    const row = (await sums()).find((r) => r.consideration === "*")!;
    await testDb().outcomeSum.update({
      where: {
        clinicId_openedOn_clinicianKey_consideration: {
          clinicId: c.clinicId,
          openedOn: row.openedOn,
          clinicianKey: row.clinicianKey,
          consideration: "*",
        },
      },
      data: { referred: { increment: 1 } },
    });
    expect(whole(await summed({ groupBy: "none" })).referred.numerator).toBe(
      whole(await direct({ groupBy: "none" })).referred.numerator! + 1,
    );
    await rebuildOutcomeSums(appDb(), c.clinicId);
    expect((await summed({ groupBy: "none" })).groups).toEqual((await direct({ groupBy: "none" })).groups);
  });

  it("the daily sums kept in step by every change equal a rebuild from scratch", async () => {
    const kept = await sums();
    expect(kept.filter((r) => r.consideration === "*").reduce((n, r) => n + r.episodes, 0)).toBe(10);
    await rebuildOutcomeSums(appDb(), c.clinicId);
    expect(await sums()).toEqual(kept);
  });

  it("a change of the important changes recounts the sums (and sums of other thresholds are never read)", async () => {
    const before = whole(await summed({ groupBy: "none" }));
    await updateClinicSettings(c.admin, {
      ...DEFAULT_SETTINGS,
      importantChange: { ...DEFAULT_SETTINGS.importantChange, painNow: 4 },
      reviewIntervalDays: 14,
    });
    const after = await summed({ groupBy: "none" });
    expect(after.thresholds.painNow).toBe(4);
    // Pain at 6 weeks: E1 7->4 (3 < 4) is no longer improved, E6 4->1 (3) neither.
    expect(before.improvement.painNow.week6.numerator).toBe(2);
    expect(whole(after).improvement.painNow.week6).toMatchObject({ numerator: 0, denominator: 4 });
    expect(after.groups).toEqual((await direct({ groupBy: "none" })).groups);
    expect(new Set((await sums()).map((r) => r.thresholdPain))).toEqual(new Set([4]));
    // Sums left with other thresholds (not rebuilt) are not read: the figures come from the summary rows.
    await testDb().outcomeSum.updateMany({ where: { clinicId: c.clinicId }, data: { thresholdPain: 2, referred: 0 } });
    expect((await summed({ groupBy: "none" })).groups).toEqual((await direct({ groupBy: "none" })).groups);
    await rebuildOutcomeSums(appDb(), c.clinicId);
  });
});

describe("small cells across the groups of one answer (no total minus the shown groups gives a cell under 5)", () => {
  const row = (key: string, episodes: number, discharged: number) => ({
    key,
    episodes,
    discharged,
    open: episodes - discharged,
    referred: 1,
  });

  it("a group under 5 episodes is suppressed whole, and so is the next smallest group", () => {
    const [a, b, c] = groupFigures([row("a", 3, 0), row("b", 10, 5), row("c", 20, 10)]);
    expect([a!.suppressed, b!.suppressed, c!.suppressed]).toEqual([true, true, false]);
    expect(b!.figures.referred).toEqual({ numerator: null, denominator: null, value: null, suppressed: true });
    expect(c!.figures.referred).toEqual({ numerator: 1, denominator: 20, value: 0.05, suppressed: false });
  });

  it("a figure whose cell is under 5 in one group is suppressed in the next smallest group too", () => {
    // Discharged 4, 9 and 12: the discharge figures of a (4) and b (9) are suppressed, c's are shown; the groups are shown.
    const [a, b, c] = groupFigures([row("a", 6, 4), row("b", 10, 9), row("c", 20, 12)]);
    expect([a!.suppressed, b!.suppressed, c!.suppressed]).toEqual([false, false, false]);
    expect([a, b, c].map((g) => g!.figures.recurrence.suppressed)).toEqual([true, true, false]);
    expect([a, b, c].map((g) => g!.figures.dischargeReasons.other.suppressed)).toEqual([true, true, false]);
    expect([a, b, c].map((g) => g!.figures.referred.suppressed)).toEqual([false, false, false]);
    // No group returned to running: every median is suppressed (nothing to work out).
    expect([a, b, c].map((g) => g!.figures.medianDaysToReturnToRunning.suppressed)).toEqual([true, true, true]);
  });

  it("one group alone is only suppressed under 5", () => {
    expect(groupFigures([row("all", 6, 4)])[0]!.figures.recurrence.suppressed).toBe(true);
    expect(groupFigures([row("all", 6, 4)])[0]!.figures.referred.suppressed).toBe(false);
  });
});
