/**
 * The runner's pain-and-run diary (issue 13): a check-in link valid until a
 * day the clinician sets (at most 16 weeks), revocable; each run also a Run
 * of the run log (source diary) under the limits of any run; alerts judged
 * against the episode's running advice in force (its latest signed
 * assessment not entered in error; none, or rules version 1, is "screen
 * incomplete") and the day before, each naming its entry, on the caseload
 * until reviewed.
 */
import { evaluate } from "@/lib/clinical";
import { getCaseload } from "@/lib/data/caseload";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { createDiaryLink, getEpisodeDiary, reviewDiaryAlerts, revokeDiaryLink } from "@/lib/data/diary";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, formatDate } from "@/lib/format";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { readExample } from "../helpers/evaluate-examples";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";
import { callRunnerApi, tokenOf } from "../helpers/runner";

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  [c, other] = await Promise.all([createClinic("Harbour Test"), createClinic()]);
});
afterAll(closeTestDb);

const ORIGIN = "http://clinic.example";
const today = () => isoDaysAgo(0);

async function episode(t: TestClinic = c) {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput({ givenName: "Jon", familyName: "Berg" })));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "right", complaint: "Medial knee pain", mechanism: "gradual" });
  return { patientId: p.id, episodeId: e.id };
}

async function diary(episodeId: string, weeks = 4) {
  const created = await createDiaryLink(c.clinician, episodeId, { validUntil: addDays(today(), weeks * 7), sendEmail: false }, ORIGIN);
  return { ...created, token: tokenOf(created.url) };
}

/** The evaluation of one of the contract's worked examples, as the engine makes it. */
function evaluateExample(name: string) {
  const parsed = parseEvaluationInput(readExample(`${name}.input.json`));
  if (!parsed.ok) throw new Error(`example ${name} is invalid`);
  return evaluate(parsed.value);
}

/** An evaluation as rules version 1 stored it (it gave no running advice). */
const V1 = {
  rulesVersion: "1",
  ageYears: 36,
  urgency: "routine",
  redFlags: [],
  redFlagsAbsent: ["dvt_suspected"],
  redFlagsNotAssessed: [],
  riskFactors: [],
  considerations: [],
  scores: { painNow: 2 },
};

/** A signed assessment whose stored evaluation is one of the contract's worked examples (or V1). */
async function signedWith(episodeId: string, example: string, rulesVersion = "2") {
  const evaluation = rulesVersion === "2" ? evaluateExample(example) : V1;
  const row = await testDb().assessment.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      kind: "intake",
      assessedOn: new Date(`${isoDaysAgo(5)}T00:00:00Z`),
      answers: {},
      evaluation: evaluation as object,
      rulesVersion,
      createdById: c.clinician.userId,
      updatedById: c.clinician.userId,
    },
  });
  await testDb().assessment.update({
    where: { id: row.id },
    data: { status: "signed", signedById: c.clinician.userId, signedAt: new Date() },
  });
}

const run = (date: string, extra: Record<string, unknown> = {}) => ({
  date,
  kind: "run",
  distance: 8,
  duration: "45:00",
  surface: "road",
  painDuring: 2,
  painAfter: 2,
  swelling: false,
  ...extra,
});

describe("the link", () => {
  it("is valid from tomorrow to 16 weeks ahead, answers its URL once, and a new link revokes the previous one", async () => {
    const { episodeId } = await episode();
    for (const validUntil of [today(), addDays(today(), 113)]) {
      await expect(createDiaryLink(c.clinician, episodeId, { validUntil, sendEmail: false }, ORIGIN)).rejects.toMatchObject({
        issues: [{ path: "validUntil", message: expect.stringMatching(/^Choose a day from tomorrow to .* \(at most 16 weeks\)$/) }],
      });
    }
    const first = await diary(episodeId, 16);
    expect(first).toMatchObject({ validUntil: addDays(today(), 112), status: "active" });
    expect(first.url).toMatch(new RegExp(`^${ORIGIN}/r/d[A-Za-z0-9_-]{65}$`));
    const second = await diary(episodeId);
    expect((await callRunnerApi("GET", first.token)).status).toBe(410);
    expect((await callRunnerApi("GET", second.token)).status).toBe(200);
    const { links } = await getEpisodeDiary(c.viewer, episodeId);
    expect(links.map((l) => l.status)).toEqual(["active", "revoked"]);
    await expect(
      createDiaryLink(other.clinician, episodeId, { validUntil: addDays(today(), 7), sendEmail: false }, ORIGIN),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stops working when revoked (410), keeping what was logged", async () => {
    const { episodeId } = await episode();
    const link = await diary(episodeId);
    expect((await callRunnerApi("POST", link.token, { date: today(), kind: "rest", swelling: false })).status).toBe(201);
    await revokeDiaryLink(c.clinician, episodeId, link.id);
    const res = await callRunnerApi("POST", link.token, { date: isoDaysAgo(1), kind: "rest", swelling: false });
    expect(res).toMatchObject({
      status: 410,
      body: { message: "This diary link is no longer active. Please ask your clinic for a new one." },
    });
    expect((await getEpisodeDiary(c.viewer, episodeId)).entries).toHaveLength(1);
    await expect(revokeDiaryLink(c.clinician, episodeId, link.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(revokeDiaryLink(other.clinician, episodeId, link.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the runner's days", () => {
  it("shows only the clinic's name and the runner's first name", async () => {
    const { episodeId } = await episode();
    const res = await callRunnerApi("GET", (await diary(episodeId)).token);
    expect(res.body).toMatchObject({ kind: "diary", clinicName: "Harbour Test", firstName: "Jon", today: today(), entries: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/Berg|MRN/);
  });

  it("makes each run a Run of the run log (source diary), with the same limits as any run", async () => {
    const { episodeId, patientId } = await episode();
    const { token } = await diary(episodeId);
    const res = await callRunnerApi("POST", token, run(isoDaysAgo(2), { distance: 5, unit: "mi" }));
    expect(res.status).toBe(201);
    const runs = await testDb().run.findMany({ where: { clinicId: c.clinicId, patientId } });
    expect(runs).toEqual([
      expect.objectContaining({ distanceKm: 8.05, durationSec: 2700, surface: "road", source: "diary", diaryEntryId: res.body.entry.id }),
    ]);
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).runsLoggedSince).toEqual(
      new Date(`${isoDaysAgo(2)}T00:00:00Z`),
    );

    const tooFast = await callRunnerApi("POST", token, run(isoDaysAgo(1), { distance: 42, duration: "1:00:00" }));
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.issues).toEqual([
      {
        path: "duration",
        message: expect.stringMatching(/^Check the distance and the duration: a pace of 1:26 min\/km over 42 km is faster than 2:30/),
      },
    ]);
    const tooFar = await callRunnerApi("POST", token, run(isoDaysAgo(1), { distance: 260, duration: "" }));
    expect(tooFar.body.issues).toEqual([
      { path: "distance", message: "Check the distance: 260 km is more than the 250 km a person can run in a day" },
    ]);
    // The day total counts the runs already on record that day.
    await testDb().run.create({ data: { clinicId: c.clinicId, patientId, date: new Date(`${isoDaysAgo(1)}T00:00:00Z`), distanceKm: 200 } });
    const dayTotal = await callRunnerApi("POST", token, run(isoDaysAgo(1), { distance: 60, duration: "" }));
    expect(dayTotal.body.issues[0]).toMatchObject({
      path: "distance",
      message: expect.stringMatching(/would add up to 260 km \(200 km already recorded\)/),
    });

    const future = await callRunnerApi("POST", token, run(addDays(today(), 1)));
    expect(future.body.issues).toEqual([{ path: "date", message: "Choose today or an earlier day: this one has not happened yet" }]);
    const old = await callRunnerApi("POST", token, run(isoDaysAgo(15)));
    expect(old.body.issues[0].path).toBe("date");
    const missing = await callRunnerApi("POST", token, { date: today(), kind: "run", swelling: false });
    expect(missing.body.issues).toEqual([
      { path: "distance", message: "Write how far you ran" },
      { path: "painDuring", message: "Answer this question" },
      { path: "painAfter", message: "Answer this question" },
    ]);
    const twice = await callRunnerApi("POST", token, run(isoDaysAgo(2)));
    expect(twice.status).toBe(409);
    // A run the log already holds (imported from a watch) is not entered twice.
    await testDb().run.create({
      data: { clinicId: c.clinicId, patientId, date: new Date(`${isoDaysAgo(3)}T00:00:00Z`), distanceKm: 10.02, source: "fit" },
    });
    expect((await callRunnerApi("POST", token, run(isoDaysAgo(3), { distance: 10 }))).status).toBe(201);
    // Nothing half-written: one entry, one diary run.
    expect(await testDb().diaryEntry.count({ where: { clinicId: c.clinicId, episodeId } })).toBe(2);
    expect(await testDb().run.count({ where: { clinicId: c.clinicId, patientId, source: "diary" } })).toBe(1);
  });

  it("raises an alert naming the entry when the runner runs without running advice (no signed assessment)", async () => {
    const { episodeId } = await episode();
    const { token } = await diary(episodeId);
    expect((await callRunnerApi("POST", token, run(isoDaysAgo(1)))).body.flagged).toBe(true);
    const { alerts } = await getEpisodeDiary(c.viewer, episodeId);
    expect(alerts.map((a) => [a.code, a.message])).toEqual([
      [
        "ran_against_advice",
        `Run of 8 km on ${formatDate(isoDaysAgo(1))}, although the running advice is: No running advice until the screen is complete`,
      ],
    ]);
  });

  it("counts a rules version 1 evaluation as no running advice, and a stop as stop", async () => {
    const v1 = await episode();
    await signedWith(v1.episodeId, "", "1");
    await callRunnerApi("POST", (await diary(v1.episodeId)).token, run(today()));
    expect((await getEpisodeDiary(c.viewer, v1.episodeId)).alerts.map((a) => a.code)).toEqual(["ran_against_advice"]);
    const stop = await episode();
    await signedWith(stop.episodeId, "02-acute-trauma");
    await callRunnerApi("POST", (await diary(stop.episodeId)).token, run(today()));
    expect((await getEpisodeDiary(c.viewer, stop.episodeId)).alerts[0]?.message).toMatch(/although the running advice is: Stop running$/);
  });

  it("alerts on pain during the run above the advice's limit (0 when pain-free), on swelling, and on next-morning pain higher than the day before", async () => {
    const { episodeId } = await episode();
    await signedWith(episodeId, "05-bony-tenderness-pain-free");
    const { token } = await diary(episodeId);
    // Pain-free running: any pain during the run is above its limit of 0.
    expect((await callRunnerApi("POST", token, run(isoDaysAgo(3), { painDuring: 0, painNextMorning: 2 }))).status).toBe(201);
    expect((await callRunnerApi("POST", token, run(isoDaysAgo(2), { painDuring: 1 }))).status).toBe(201);
    expect((await callRunnerApi("POST", token, { date: isoDaysAgo(1), kind: "rest", swelling: true })).status).toBe(201);
    // The next morning of the day before yesterday, added the next day: higher than the day before's.
    const later = await callRunnerApi("PUT", token, { date: isoDaysAgo(2), painNextMorning: 4 });
    expect(later).toMatchObject({ status: 200, body: { flagged: true } });
    expect((await callRunnerApi("PUT", token, { date: isoDaysAgo(2), painNextMorning: 1 })).status).toBe(409);
    const { alerts } = await getEpisodeDiary(c.viewer, episodeId);
    expect(alerts.map((a) => [a.date, a.code, a.message])).toEqual([
      [isoDaysAgo(2), "pain_over_limit", `Run of 8 km on ${formatDate(isoDaysAgo(2))}: pain 1/10 during the run, above the limit of 0/10`],
      [isoDaysAgo(1), "swelling", `Rest day ${formatDate(isoDaysAgo(1))}: swelling reported`],
      [
        isoDaysAgo(2),
        "next_morning_higher",
        `Run of 8 km on ${formatDate(isoDaysAgo(2))}: next-morning pain 4/10, up from 2/10 the day before`,
      ],
    ]);
  });

  it("puts diary alerts on the caseload at once (tile, row, among the red flags) until a clinician reviews them", async () => {
    const t = await createClinic();
    const quiet = await (async () => {
      const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
      return createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Knee", mechanism: "gradual" });
    })();
    const p = await createPatient(t.clinician, patientSchema.parse(patientInput()));
    const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Knee", mechanism: "gradual" });
    const link = await createDiaryLink(t.clinician, e.id, { validUntil: addDays(today(), 7), sendEmail: false }, ORIGIN);
    await callRunnerApi("POST", tokenOf(link.url), { date: today(), kind: "rest", swelling: true });
    const view = await getCaseload(t.clinician, caseloadQuerySchema.parse({}));
    expect(view.counts.diaryAlerts).toBe(1);
    expect(view.items.map((r) => [r.episodeId, r.diaryAlertsOpen])).toEqual([
      [e.id, 1],
      [quiet.id, 0],
    ]);
    const filtered = await getCaseload(t.clinician, caseloadQuerySchema.parse({ diary: "1" }));
    expect(filtered.items.map((r) => r.episodeId)).toEqual([e.id]);
    expect(await reviewDiaryAlerts(t.clinician, e.id)).toBe(1);
    expect((await getCaseload(t.clinician, caseloadQuerySchema.parse({}))).counts.diaryAlerts).toBe(0);
    await expect(reviewDiaryAlerts(t.clinician, e.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(reviewDiaryAlerts(other.clinician, e.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits every step with the runner as actor, and keeps each day as logged (PostgreSQL refuses a change)", async () => {
    const { episodeId, patientId } = await episode();
    const link = await diary(episodeId);
    await callRunnerApi("GET", link.token);
    const res = await callRunnerApi("POST", link.token, run(today()));
    const events = await testDb().auditEvent.findMany({
      where: { clinicId: c.clinicId, entityId: link.id, actor: "runner" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.userId, e.patientId])).toEqual([
      ["diary.open", null, patientId],
      ["diary.entry", null, patientId],
    ]);
    await expect(testDb().diaryEntry.update({ where: { id: res.body.entry.id }, data: { painDuring: 0 } })).rejects.toThrow(
      /never changes/,
    );
    expect(ValidationError).toBeDefined();
  });
});
