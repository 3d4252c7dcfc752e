/**
 * The return-to-run plan against the runner's diary (issue 14 item 2): the
 * proposal (advance, hold, step back) with its reason, from the diary days
 * logged since the last decision and the running advice in force; the
 * clinician confirms or overrides (reason kept); the mode's own rules (stop
 * and screen incomplete allow no running stage, pain-free steps back on any
 * pain). Edge cases: no diary entries, a pain spike, missing days and
 * next-morning pain not yet recorded.
 */
import { evaluate } from "@/lib/clinical";
import { createDiaryLink } from "@/lib/data/diary";
import { getPatientRecord } from "@/lib/data/patients";
import { createReturnToRunPlan, decideReturnToRun, getClinicLadder, getReturnToRun, updateClinicLadder } from "@/lib/data/return-to-run";
import { DEFAULT_LADDER } from "@/lib/domain/return-to-run";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, formatDate } from "@/lib/format";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { ladderFormSchema, returnToRunDecisionSchema } from "@/lib/validation/return-to-run";
import { readExample } from "../helpers/evaluate-examples";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";
import { callRunnerApi, tokenOf } from "../helpers/runner";

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  [c, other] = await Promise.all([createClinic(), createClinic()]);
});
afterAll(closeTestDb);

const ALL_MET = { met: { walk_30_pain_free: true, hops_pain_free: true, single_leg_squat_controlled: true } };
const decide = (episodeId: string, body: Record<string, unknown>, t: TestClinic = c) =>
  decideReturnToRun(t.clinician, episodeId, returnToRunDecisionSchema.parse(body));

/** A signed assessment whose stored evaluation is one of the contract's worked examples: 06 pain-monitored, 05 pain-free, 02 stop. */
async function signedWith(episodeId: string, example: string, daysAgo = 20, kind: "intake" | "follow_up" = "intake") {
  const parsed = parseEvaluationInput(readExample(`${example}.input.json`));
  if (!parsed.ok) throw new Error(`example ${example} is invalid`);
  const row = await testDb().assessment.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      kind,
      assessedOn: new Date(`${isoDaysAgo(daysAgo)}T00:00:00Z`),
      answers: {},
      evaluation: JSON.parse(JSON.stringify(evaluate(parsed.value))),
      rulesVersion: "2",
      createdById: c.clinician.userId,
      updatedById: c.clinician.userId,
    },
  });
  await testDb().assessment.update({
    where: { id: row.id },
    data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date() },
  });
}

/** An episode with a plan at `stage`, its last decision made `daysAgo` (as a clinician would have recorded it then). */
async function planAt(example: string, stage: number, daysAgo: number) {
  const { episodeId, patientId } = await episodeIn(c);
  await signedWith(episodeId, example);
  const plan = await createReturnToRunPlan(c.clinician, episodeId);
  await testDb().returnToRunDecision.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      planId: plan.planId,
      step: "start",
      fromStage: 0,
      toStage: stage,
      adviceMode: "pain_monitored",
      entryCriteria: ALL_MET,
      decidedOn: new Date(`${isoDaysAgo(daysAgo)}T00:00:00Z`),
      decidedById: c.clinician.userId,
      decidedByName: "",
      createdAt: new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000),
    },
  });
  const link = await createDiaryLink(
    c.clinician,
    episodeId,
    { validUntil: addDays(isoDaysAgo(0), 28), sendEmail: false },
    "http://clinic.example",
  );
  return { episodeId, patientId, planId: plan.planId, token: tokenOf(link.url) };
}

type Day = { painDuring?: number; painAfter?: number; painNextMorning?: number; swelling?: boolean };
async function logRun(token: string, daysAgo: number, day: Day = {}) {
  const res = await callRunnerApi("POST", token, {
    date: isoDaysAgo(daysAgo),
    kind: "run",
    distance: 3,
    duration: "30:00",
    surface: "road",
    painDuring: day.painDuring ?? 1,
    painAfter: day.painAfter ?? 1,
    ...(day.painNextMorning === undefined ? {} : { painNextMorning: day.painNextMorning }),
    swelling: day.swelling ?? false,
  });
  expect(res.status).toBeLessThan(300);
}
async function logRest(token: string, daysAgo: number, painNextMorning = 1) {
  const res = await callRunnerApi("POST", token, { date: isoDaysAgo(daysAgo), kind: "rest", painNextMorning, swelling: false });
  expect(res.status).toBeLessThan(300);
}

const plan = async (episodeId: string) => (await getReturnToRun(c.clinician, episodeId))!;

describe("the plan's start", () => {
  it("proposes nothing and refuses a running stage while there is no running advice (screen incomplete), saying why", async () => {
    const { episodeId } = await episodeIn(c);
    expect(await getReturnToRun(c.clinician, episodeId)).toBeNull();
    const made = await createReturnToRunPlan(c.clinician, episodeId);
    expect(made).toMatchObject({ currentStage: 0, stageName: "Not running yet", mode: "screen_incomplete", completed: false, history: [] });
    expect(made.ladder).toEqual(DEFAULT_LADDER);
    expect(made.proposal.step).toBeNull();
    const why = "the running advice in force (No running advice until the screen is complete) allows no running stage";
    expect(made.proposal.reason).toBe(`Keep the runner at not running: ${why}.`);
    const refused = decide(episodeId, { step: "start", entryCriteria: ALL_MET, basedOnDecisions: 0 });
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(`Keep the runner at not running: ${why}`);
    await expect(createReturnToRunPlan(c.clinician, episodeId)).rejects.toThrow(/already has a return-to-run plan/);
  });

  it("starts stage 1 under pain-monitored advice only with every entry criterion met, naming the one that is not", async () => {
    const { episodeId, patientId } = await episodeIn(c);
    await signedWith(episodeId, "06-new-run-log");
    const made = await createReturnToRunPlan(c.clinician, episodeId);
    expect(made.mode).toBe("pain_monitored");
    expect(made.proposal).toMatchObject({ step: "start", toStage: 1 });
    const missing = await decide(episodeId, { step: "start", basedOnDecisions: 0 }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues[0]?.path).toBe("entryCriteria");
    const unmet = await decide(episodeId, {
      step: "start",
      entryCriteria: { met: { ...ALL_MET.met, hops_pain_free: false } },
      basedOnDecisions: 0,
    }).catch((e: unknown) => e);
    expect((unmet as ValidationError).issues[0]?.path).toBe("entryCriteria.met.hops_pain_free");
    expect(await testDb().returnToRunDecision.count({ where: { episodeId } })).toBe(0);

    const started = await decide(episodeId, { step: "start", entryCriteria: ALL_MET, basedOnDecisions: 0 });
    expect(started).toMatchObject({
      currentStage: 1,
      stageName: "Stage 1 of 7",
      stageText: "Walk 4 min, run 1 min, 6 times (30 min), 3 sessions a week",
    });
    expect(started.history[0]).toMatchObject({ step: "start", fromStage: 0, toStage: 1, proposedStep: "start", entryCriteria: ALL_MET });
    // The decision was made on 0 decisions: a second one on the same view is refused.
    await expect(decide(episodeId, { step: "hold", basedOnDecisions: 0 })).rejects.toThrow(/changed since you opened it/);
    const record = await getPatientRecord(c.clinician, patientId);
    expect(record.episodes[0]?.returnToRun).toMatchObject({ currentStage: 1, mode: "pain_monitored" });
  });
});

describe("the proposal from the diary", () => {
  it("holds when the runner logged nothing since the stage began", async () => {
    const { episodeId } = await planAt("06-new-run-log", 2, 6);
    const p = await plan(episodeId);
    expect(p.proposal).toMatchObject({ step: "hold", toStage: 2 });
    expect(p.proposal.reason).toBe(
      `No diary entries since this stage began on ${formatDate(isoDaysAgo(6))}: hold until the runner logs sessions.`,
    );
  });

  it("advances after the stage's sessions within the pain limit, settled by the next morning; the clinician confirms", async () => {
    const fresh = await planAt("06-new-run-log", 2, 7);
    for (const d of [6, 4, 2]) await logRun(fresh.token, d, { painDuring: 3, painNextMorning: 1 });
    const p = await plan(fresh.episodeId);
    expect(p.proposal.step).toBe("advance");
    expect(p.proposal.toStage).toBe(3);
    expect(p.proposal.reason).toMatch(
      /^3 of 3 sessions of this stage logged within the pain rules since .*Advance to stage 3 \(Walk 2 min, run 3 min/,
    );
    const after = await decide(fresh.episodeId, { step: "advance", basedOnDecisions: 1 });
    expect(after.currentStage).toBe(3);
    expect(after.history[1]).toMatchObject({ step: "advance", proposedStep: "advance", reason: null, fromStage: 2, toStage: 3 });
    // A new stage starts a new window: nothing logged since.
    expect(after.proposal.step).toBe("hold");
    // The runner's phone: the stage in plain words, the pain rule and the latest change.
    const runner = await callRunnerApi("GET", fresh.token);
    expect(runner.body.plan).toEqual({
      stageName: "Stage 3 of 7",
      stageText: "Walk 2 min, run 3 min, 6 times (30 min), 3 sessions a week",
      completed: false,
      painRule: `Some pain during the run is OK, up to ${after.maxPainDuringRun} out of 10, as long as it has settled by the next morning.`,
      latest: { date: isoDaysAgo(0), text: "Well done: you move up a stage.", reason: null },
    });
  });

  it("steps back after a pain spike above the limit, and an override (hold) needs a reason, which is kept", async () => {
    const { episodeId, token } = await planAt("06-new-run-log", 3, 5);
    await logRun(token, 4, { painDuring: 2, painNextMorning: 1 });
    await logRun(token, 2, { painDuring: 7, painNextMorning: 2 });
    const p = await plan(episodeId);
    expect(p.proposal).toMatchObject({ step: "step_back", toStage: 2 });
    expect(p.proposal.reason).toBe(
      `Pain 7/10 during the run on ${formatDate(isoDaysAgo(2))}: above the limit of ${p.maxPainDuringRun}/10. Step back to stage 2.`,
    );
    const noReason = await decide(episodeId, { step: "hold", basedOnDecisions: 1 }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(ValidationError);
    expect((noReason as ValidationError).issues).toEqual([
      { path: "reason", message: expect.stringMatching(/differently from the proposal \(step back\)/) },
    ]);
    const held = await decide(episodeId, { step: "hold", reason: "Spike after a hilly route; flat route next", basedOnDecisions: 1 });
    expect(held.currentStage).toBe(3);
    expect(held.history[1]).toMatchObject({
      step: "hold",
      proposedStep: "step_back",
      reason: "Spike after a hilly route; flat route next",
    });
  });

  it("steps back when the next morning is worse than the morning before (not settled)", async () => {
    const { episodeId, token } = await planAt("06-new-run-log", 2, 6);
    await logRest(token, 4, 1);
    await logRun(token, 3, { painDuring: 2, painNextMorning: 4 });
    const p = await plan(episodeId);
    expect(p.proposal.step).toBe("step_back");
    expect(p.proposal.reason).toMatch(/Pain 4\/10 the morning after the run on .*, up from 1\/10 the morning before: not settled\./);
    const back = await decide(episodeId, { step: "step_back", basedOnDecisions: 1 });
    expect(back.currentStage).toBe(1);
  });

  it("holds with missing days and a next-morning pain not yet recorded, naming them", async () => {
    const { episodeId, token } = await planAt("06-new-run-log", 1, 9);
    await logRun(token, 8, { painNextMorning: 0 });
    await logRun(token, 5, { painNextMorning: 0 });
    await logRun(token, 1);
    const p = await plan(episodeId);
    expect(p.proposal.step).toBe("hold");
    expect(p.proposal.reason).toContain("2 of 3 sessions of this stage logged within the pain rules");
    expect(p.proposal.reason).toContain(`Next-morning pain not yet recorded after ${formatDate(isoDaysAgo(1))}.`);
    expect(p.proposal.reason).toContain("7 days not logged.");
  });

  it("under pain-free advice, any pain steps back; swelling steps back under any advice", async () => {
    const free = await planAt("05-bony-tenderness-pain-free", 2, 4);
    await logRun(free.token, 3, { painDuring: 0, painAfter: 1, painNextMorning: 0 });
    const p = await plan(free.episodeId);
    expect(p.mode).toBe("pain_free");
    expect(p.proposal.reason).toMatch(/^Pain 1\/10 after the run on .*: the advice is pain-free running only\. Step back to stage 1\.$/);

    const swollen = await planAt("06-new-run-log", 1, 4);
    await logRun(swollen.token, 2, { painDuring: 0, painNextMorning: 0, swelling: true });
    const s = await plan(swollen.episodeId);
    expect(s.proposal).toMatchObject({ step: "step_back", toStage: 0 });
    expect(s.proposal.reason).toMatch(/^Swelling reported after the run on .*\. Step back to not running\.$/);
  });

  it("steps back to not running when a later assessment says stop, and allows no advance", async () => {
    const { episodeId } = await planAt("06-new-run-log", 4, 3);
    await signedWith(episodeId, "02-acute-trauma", 1, "follow_up");
    const p = await plan(episodeId);
    expect(p.mode).toBe("stop");
    expect(p.proposal).toMatchObject({ step: "step_back", toStage: 0 });
    expect(p.proposal.reason).toBe(
      "Move the runner back to not running: the running advice in force (Stop running) allows no running stage.",
    );
    await expect(decide(episodeId, { step: "advance", reason: "Feels fine", basedOnDecisions: 1 })).rejects.toThrow(
      new ConflictError("Move the runner back to not running: the running advice in force (Stop running) allows no running stage"),
    );
  });
});

describe("the clinician's decision", () => {
  it("needs a reason to skip a stage; completing the last stage sets returnedToRunAt and ends the plan", async () => {
    const { episodeId, token } = await planAt("06-new-run-log", 6, 7);
    for (const d of [6, 4, 2]) await logRun(token, d, { painDuring: 0, painNextMorning: 0 });
    const skip = await decide(episodeId, { step: "advance", toStage: 7, basedOnDecisions: 1 });
    expect(skip.currentStage).toBe(7);
    const skip2 = await decide(episodeId, { step: "step_back", toStage: 4, basedOnDecisions: 2 }).catch((e: unknown) => e);
    expect((skip2 as ValidationError).issues[0]?.path).toBe("reason");
    const early = await decide(episodeId, { step: "complete", basedOnDecisions: 2, reason: "Ran 30 min in clinic without pain" });
    expect(early).toMatchObject({ completed: true, completedOn: isoDaysAgo(0) });
    expect((await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).returnedToRunAt?.toISOString().slice(0, 10)).toBe(
      isoDaysAgo(0),
    );
    await expect(decide(episodeId, { step: "hold", basedOnDecisions: 3 })).rejects.toThrow(/plan is complete/);
  });

  it("refuses a stage beyond the ladder, naming toStage, and another clinic's episode as not found", async () => {
    const { episodeId } = await planAt("06-new-run-log", 2, 7);
    const beyond = await decide(episodeId, { step: "advance", toStage: 9, reason: "x", basedOnDecisions: 1 }).catch((e: unknown) => e);
    expect((beyond as ValidationError).issues[0]).toEqual({ path: "toStage", message: "Choose a stage from 3 to 7" });
    await expect(getReturnToRun(other.clinician, episodeId)).rejects.toThrow(NotFoundError);
    await expect(decide(episodeId, { step: "hold", basedOnDecisions: 1 }, other)).rejects.toThrow(NotFoundError);
    await expect(createReturnToRunPlan(other.clinician, episodeId)).rejects.toThrow(NotFoundError);
  });
});

describe("the clinic's ladder", () => {
  it("is edited by an admin for plans made from then on; a plan already made keeps its own; the change is audited", async () => {
    const own = await createClinic();
    const before = await episodeIn(own);
    const kept = await createReturnToRunPlan(own.clinician, before.episodeId);
    expect(await getClinicLadder(own.admin)).toMatchObject({ ladder: DEFAULT_LADDER, isDefault: true, plans: 1 });
    const shorter = [
      { walkMinutes: 2, runMinutes: 2, repeats: 5, sessionsPerWeek: 3 },
      { walkMinutes: 0, runMinutes: 15, repeats: 1, sessionsPerWeek: 2 },
    ];
    expect(await updateClinicLadder(own.admin, shorter)).toEqual({ ladder: shorter, isDefault: false, plans: 1 });
    expect((await getReturnToRun(own.clinician, before.episodeId))!.ladder).toEqual(kept.ladder);
    const after = await episodeIn(own);
    const made = await createReturnToRunPlan(own.clinician, after.episodeId);
    expect(made.ladder).toEqual(shorter);
    const event = await testDb().auditEvent.findFirst({ where: { clinicId: own.clinicId, action: "return_to_run.ladder" } });
    expect(event).toMatchObject({ userId: own.admin.userId, entityType: "ClinicSettings", entityId: own.clinicId });
    expect(event!.detail).toEqual({ before: [...DEFAULT_LADDER], after: shorter });
    // Another clinic's ladder is its own.
    expect((await getClinicLadder(other.admin)).ladder).toEqual(DEFAULT_LADDER);
  });

  it("refuses a stage field out of range or missing, naming it by its path", () => {
    const form = (v: string) => ({
      "ladder.0.walkMinutes": "1",
      "ladder.0.runMinutes": v,
      "ladder.0.repeats": "2",
      "ladder.0.sessionsPerWeek": "3",
    });
    const issues = (v: string) => ladderFormSchema.safeParse(form(v)).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues("0")).toEqual([["ladder.0.runMinutes", "Enter the run minutes as a whole number from 1 to 120 minutes"]]);
    expect(issues("")).toEqual([["ladder.0.runMinutes", "Enter the run minutes as a whole number from 1 to 120 minutes"]]);
    expect(issues("2.5")).toEqual([["ladder.0.runMinutes", "Enter the run minutes as a whole number from 1 to 120 minutes"]]);
    expect(issues("ten")).toEqual([["ladder.0.runMinutes", "Enter the run minutes as a whole number from 1 to 120 minutes"]]);
    expect(ladderFormSchema.safeParse({}).error?.issues.map((i) => i.path.join("."))).toEqual(["ladder"]);
    expect(ladderFormSchema.parse(form("2"))).toEqual({ ladder: [{ walkMinutes: 1, runMinutes: 2, repeats: 2, sessionsPerWeek: 3 }] });
  });
});
