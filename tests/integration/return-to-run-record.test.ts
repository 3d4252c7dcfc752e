import { dischargeEpisode } from "@/lib/data/discharges";
import { DEFAULT_LADDER } from "@/lib/domain/return-to-run";
import { appDb, closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

/**
 * The return-to-run plan in PostgreSQL (issue 14 item 2): plan and decisions
 * append-only, a decision bound to its plan's episode, and
 * Episode.returnedToRunAt derived by the database from the discharge's
 * return-to-running date, else the plan's completion.
 */
let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

async function planFor(episodeId: string) {
  return appDb().returnToRunPlan.create({
    data: { clinicId: c.clinicId, episodeId, ladder: [...DEFAULT_LADDER], createdById: c.clinician.userId, createdByName: "" },
  });
}

function decide(episodeId: string, planId: string, step: "start" | "advance" | "complete", decidedOn: string, fromStage = 0, toStage = 1) {
  return appDb().returnToRunDecision.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      planId,
      step,
      fromStage,
      toStage,
      adviceMode: "pain_monitored",
      maxPainDuringRun: 3,
      decidedOn: new Date(`${decidedOn}T00:00:00Z`),
      decidedById: c.clinician.userId,
      decidedByName: "",
    },
  });
}

const returnedToRunAt = async (episodeId: string) =>
  (await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).returnedToRunAt?.toISOString().slice(0, 10) ?? null;

describe("Episode.returnedToRunAt", () => {
  it("is the day the last stage was confirmed complete, and the discharge's return-to-running date when it gives one", async () => {
    const { episodeId } = await episodeIn(c);
    const plan = await planFor(episodeId);
    expect(plan.createdByName).toBe(c.clinician.name);
    await decide(episodeId, plan.id, "start", isoDaysAgo(40));
    expect(await returnedToRunAt(episodeId)).toBeNull();
    await decide(episodeId, plan.id, "complete", isoDaysAgo(10), 7, 7);
    expect(await returnedToRunAt(episodeId)).toBe(isoDaysAgo(10));
    await dischargeEpisode(c.clinician, episodeId, { reason: "returned_to_full_running", returnToRunningOn: isoDaysAgo(12) });
    expect(await returnedToRunAt(episodeId)).toBe(isoDaysAgo(12));
  });

  it("falls back to the plan's completion when the discharge gives no date, and is null with neither", async () => {
    const done = await episodeIn(c);
    const plan = await planFor(done.episodeId);
    await decide(done.episodeId, plan.id, "complete", isoDaysAgo(3), 7, 7);
    await dischargeEpisode(c.clinician, done.episodeId, { reason: "goal_race_completed" });
    expect(await returnedToRunAt(done.episodeId)).toBe(isoDaysAgo(3));

    const none = await episodeIn(c);
    await dischargeEpisode(c.clinician, none.episodeId, { reason: "lost_to_follow_up" });
    expect(await returnedToRunAt(none.episodeId)).toBeNull();
  });

  it("is queryable in SQL for a clinic's report", async () => {
    const rows = await appDb().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Episode" WHERE "clinicId" = ${c.clinicId}::uuid AND "returnedToRunAt" IS NOT NULL`;
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(2);
  });
});

describe("append-only plan and decisions", () => {
  it("refuses changing or deleting a plan or a decision, even as the owner", async () => {
    const { episodeId } = await episodeIn(c);
    const plan = await planFor(episodeId);
    const d = await decide(episodeId, plan.id, "start", isoDaysAgo(1));
    await expect(testDb().returnToRunDecision.update({ where: { id: d.id }, data: { toStage: 5 } })).rejects.toThrow(/never be changed/);
    await expect(testDb().returnToRunDecision.delete({ where: { id: d.id } })).rejects.toThrow(/never be changed/);
    await expect(testDb().returnToRunPlan.update({ where: { id: plan.id }, data: { ladder: [] } })).rejects.toThrow(/never be changed/);
    await expect(appDb().returnToRunPlan.delete({ where: { id: plan.id } })).rejects.toThrow();
  });

  it("refuses a decision naming another episode's plan, and a negative stage", async () => {
    const a = await episodeIn(c);
    const b = await episodeIn(c);
    const plan = await planFor(a.episodeId);
    await expect(decide(b.episodeId, plan.id, "start", isoDaysAgo(1))).rejects.toThrow(/another episode/);
    await expect(decide(a.episodeId, plan.id, "start", isoDaysAgo(1), -1, 1)).rejects.toThrow();
    expect(await testDb().returnToRunDecision.count({ where: { planId: plan.id } })).toBe(0);
  });

  it("allows one plan per episode", async () => {
    const { episodeId } = await episodeIn(c);
    await planFor(episodeId);
    await expect(planFor(episodeId)).rejects.toThrow();
  });
});
