/**
 * The day a runner's run log is complete from (Patient.runsLoggedSince):
 * proposed from the first run and following it until a clinician sets it,
 * set and cleared with an audit event, refused in the future or before
 * birth, and passed to every evaluation as training.loggedSince so that a
 * new log never reads an ACWR of 4.0.
 */
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { proposeRunsLoggedSince, setRunsLoggedSince } from "@/lib/data/run-log";
import { deleteRun, importRuns, listRunsAudited, saveRun } from "@/lib/data/runs";
import { getTimeline } from "@/lib/data/timeline";
import { transaction } from "@/lib/data/tx";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { patientSchema } from "@/lib/validation/patients";
import { runsLoggedSinceSchema } from "@/lib/validation/runs";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic, SCREEN_NOT_DONE } from "../helpers/fixtures";

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  [c, other] = await Promise.all([createClinic(), createClinic()]);
});
afterAll(closeTestDb);

async function runner() {
  const p = await createPatient(c.clinician, patientSchema.parse(patientInput({ birthDate: "1990-01-01" })));
  return p.id;
}
const run = (patientId: string, daysAgo: number, distanceKm: number) =>
  saveRun(c.clinician, { patientId, date: isoDaysAgo(daysAgo), distanceKm, durationSec: null, surface: null });
const start = async (patientId: string) => (await listRunsAudited(c.viewer, patientId)).logStart;

describe("the proposal", () => {
  it("is the first run once runs are added, and follows the earliest run while nobody set it", async () => {
    const patientId = await runner();
    expect(await start(patientId)).toEqual({ runsLoggedSince: null, confirmed: false });
    await run(patientId, 3, 5);
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(3), confirmed: false });
    await run(patientId, 10, 6); // entered newest first: the proposal moves back
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(10), confirmed: false });
    const csv = `date,distance\n${isoDaysAgo(20)},8 km\n`;
    await importRuns(c.clinician, patientId, csv);
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(20), confirmed: false });
    const first = await testDb().run.findFirstOrThrow({ where: { patientId, distanceKm: 8 } });
    await deleteRun(c.clinician, patientId, first.id);
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(10), confirmed: false });
  });

  it("is what the file import calls in its transaction (lib/data/run-log proposeRunsLoggedSince)", async () => {
    const patientId = await runner();
    await testDb().run.create({ data: { clinicId: c.clinicId, patientId, date: new Date(`${isoDaysAgo(7)}T00:00:00Z`), distanceKm: 4 } });
    await expect(transaction((tx) => proposeRunsLoggedSince(tx, c.clinicId, patientId))).resolves.toEqual({
      runsLoggedSince: isoDaysAgo(7),
      confirmed: false,
    });
    // Another clinic's patient id changes nothing.
    await expect(transaction((tx) => proposeRunsLoggedSince(tx, other.clinicId, patientId))).resolves.toEqual({
      runsLoggedSince: null,
      confirmed: false,
    });
  });
});

describe("set by a clinician", () => {
  it("stays as set whatever runs are added, is audited with before and after, and clears back to the proposal", async () => {
    const patientId = await runner();
    await run(patientId, 5, 5);
    await expect(setRunsLoggedSince(c.clinician, patientId, isoDaysAgo(30))).resolves.toEqual({
      runsLoggedSince: isoDaysAgo(30),
      confirmed: true,
    });
    await run(patientId, 40, 10);
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(30), confirmed: true });
    const event = await testDb().auditEvent.findFirstOrThrow({
      where: { clinicId: c.clinicId, patientId, action: "patient.runs_logged_since" },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({ userId: c.clinician.userId, entityType: "Patient", entityId: patientId });
    expect(event.detail).toEqual({
      before: { runsLoggedSince: isoDaysAgo(5), confirmed: false },
      after: { runsLoggedSince: isoDaysAgo(30), confirmed: true },
    });
    await expect(setRunsLoggedSince(c.clinician, patientId, null)).resolves.toEqual({ runsLoggedSince: isoDaysAgo(40), confirmed: false });
  });

  it("refuses a day in the future or before birth, naming the field, and changes nothing", async () => {
    const patientId = await runner();
    await run(patientId, 5, 5);
    const refused = (date: string) => setRunsLoggedSince(c.clinician, patientId, date).catch((e: unknown) => e);
    const future = await refused(isoDaysAgo(-2));
    expect(future).toBeInstanceOf(ValidationError);
    expect((future as ValidationError).issues).toEqual([
      { path: "runsLoggedSince", message: "Enter a date the run log is complete from that is today or earlier" },
    ]);
    const beforeBirth = await refused("1989-12-31");
    expect((beforeBirth as ValidationError).issues).toEqual([
      { path: "runsLoggedSince", message: "Enter a date the run log is complete from on or after the date of birth" },
    ]);
    expect(await start(patientId)).toEqual({ runsLoggedSince: isoDaysAgo(5), confirmed: false });
    expect(await testDb().auditEvent.count({ where: { patientId, action: "patient.runs_logged_since" } })).toBe(0);
    expect(runsLoggedSinceSchema.safeParse({ patientId, runsLoggedSince: "2026-02-30" }).success).toBe(false);
    expect(runsLoggedSinceSchema.parse({ patientId, runsLoggedSince: "" })).toEqual({ patientId, runsLoggedSince: null });
  });

  it("another clinic's runner is not found", async () => {
    const patientId = await runner();
    await expect(setRunsLoggedSince(other.clinician, patientId, isoDaysAgo(3))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("every evaluation reads the log from that day", () => {
  it("a new log: acute load counted, no ACWR or spikes against unlogged weeks; the signed input names loggedSince", async () => {
    const patientId = await runner();
    const e = await createEpisode(c.clinician, { patientId, side: "left", complaint: "Inner knee pain", mechanism: "gradual" });
    // Five runs over ten days, each longer than the last: read as a complete log they would be spikes and an ACWR of 4.
    for (const [daysAgo, km] of [
      [10, 4],
      [8, 5],
      [6, 6],
      [3, 7],
      [1, 8],
    ] as const)
      await run(patientId, daysAgo, km);
    const d = await saveDraft(c.clinician, { episodeId: e.id, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    expect(d.evaluation?.load).toEqual({ acute7dKm: 21, chronicWeeklyKm: null, acwr: null, twoWeekChangePct: null, spikes: [] });
    const signed = await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
    expect(signed.evaluation?.load?.acwr).toBeNull();
    const row = await testDb().assessment.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.evaluationInput).toMatchObject({ training: { loggedSince: isoDaysAgo(10) } });
    // The clinician knows the runner logged everything for 40 days: the log is complete from then.
    await setRunsLoggedSince(c.clinician, patientId, isoDaysAgo(40));
    const d2 = await saveDraft(c.clinician, { episodeId: e.id, kind: "follow_up", assessedOn: isoDaysAgo(0), answers: {} });
    expect(d2.evaluation?.load?.acwr).toBe(2.8); // 21 km in 7 days vs 30 / 4 = 7.5 a week: a real jump now
    expect((await getTimeline(c.viewer, patientId)).runsLoggedSince).toBe(isoDaysAgo(40));
  });

  it("an assessment dated before the log starts reads no load at all", async () => {
    const patientId = await runner();
    const e = await createEpisode(c.clinician, { patientId, side: "left", complaint: "Inner knee pain", mechanism: "gradual" });
    await run(patientId, 2, 5);
    const d = await saveDraft(c.clinician, { episodeId: e.id, kind: "intake", assessedOn: isoDaysAgo(5), answers: {} });
    expect(d.evaluation).not.toHaveProperty("load");
  });
});
