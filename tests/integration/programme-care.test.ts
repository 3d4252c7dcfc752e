/**
 * The exercise programme in use (issue 14 item 1): stopping, the clinic's own
 * and retired exercises, the stored handout, the runner's ticks on the diary
 * link and the adherence the clinician sees. Real PostgreSQL, the runner's
 * route handler called like an HTTP client.
 */
import { createDiaryLink } from "@/lib/data/diary";
import { addClinicExercise, getExerciseLibrary, retireExercise } from "@/lib/data/exercise-library";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { getProgrammePanel, programmeHandout, saveProgramme, stopProgramme } from "@/lib/data/programmes";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays } from "@/lib/format";
import { clinicExerciseSchema, programmeSchema } from "@/lib/validation/programme";
import { patientSchema } from "@/lib/validation/patients";
import { pdfText } from "../fixtures/referral/pdf-text";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";
import { callRunnerApi, tokenOf } from "../helpers/runner";

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

async function episode(t: TestClinic = c, givenName = "Ada") {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput({ givenName, familyName: "Lovelace-Surname" })));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  return { patientId: p.id, episodeId: e.id };
}
const programme = (basedOnVersion: number, items: Record<string, unknown>[], notes?: string) =>
  programmeSchema.parse({ basedOnVersion, items, ...(notes ? { notes } : {}) });
const calf = { exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 };
const plank = { exercise: "side_plank", sets: 3, holdSeconds: 30, daysPerWeek: 3, notes: "Knees bent to start" };

describe("stopping", () => {
  it("is a last version with the reason; a stale stop, a second stop and a stop without a programme are refused", async () => {
    const { episodeId } = await episode();
    await expect(stopProgramme(c.clinician, episodeId, { reason: "x", basedOnVersion: 1 })).rejects.toThrow(/no exercise programme/);
    await saveProgramme(c.clinician, episodeId, programme(0, [calf]));
    await saveProgramme(c.clinician, episodeId, programme(1, [calf, plank]));
    await expect(stopProgramme(c.clinician, episodeId, { reason: "Pain settled", basedOnVersion: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const stop = await stopProgramme(c.clinician, episodeId, { reason: "Pain settled", basedOnVersion: 2 });
    expect(stop).toMatchObject({ version: 3, stopped: true, notes: "Pain settled", items: [calf, plank] });
    await expect(stopProgramme(c.clinician, episodeId, { reason: "again", basedOnVersion: 3 })).rejects.toThrow(/already stopped/);
    const panel = await getProgrammePanel(c.viewer, episodeId);
    expect(panel.current?.stopped).toBe(true);
    expect(panel.adherence).toBeNull();
    expect(panel.versions.map((v) => [v.version, v.stopped])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    await expect(programmeHandout(c.clinician, episodeId)).rejects.toBeInstanceOf(ConflictError);
    // Prescribing again starts from the stop.
    expect((await saveProgramme(c.clinician, episodeId, programme(3, [calf]))).version).toBe(4);
    expect(await testDb().auditEvent.count({ where: { action: "programme.stop", entityId: episodeId } })).toBe(1);
  });
});

describe("the clinic's library", () => {
  const own = {
    name: "Hip hikes",
    steps: "Stand on a step on one leg.\nDrop the other hip, then lift it.",
    muscles: "Gluteus medius, Quadratus lumborum",
    sets: "3",
    reps: "12",
    holdSeconds: "",
    loadKg: "",
    daysPerWeek: "3",
    progression: "Hold a weight on the free side.",
  };

  it("adds the clinic's own exercise (scoped to the clinic, audited) and refuses a name twice", async () => {
    const added = await addClinicExercise(c.admin, clinicExerciseSchema.parse(own));
    expect(added).toMatchObject({
      code: "clinic_hip_hikes",
      builtIn: false,
      retired: null,
      steps: ["Stand on a step on one leg.", "Drop the other hip, then lift it."],
      muscles: ["Gluteus medius", "Quadratus lumborum"],
      dosage: { sets: 3, reps: 12, daysPerWeek: 3 },
    });
    await expect(addClinicExercise(c.admin, clinicExerciseSchema.parse({ ...own, name: "hip hikes" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(addClinicExercise(c.admin, clinicExerciseSchema.parse({ ...own, name: "Wall sit" }))).rejects.toMatchObject({
      issues: [{ path: "name" }],
    });
    expect((await getExerciseLibrary(other.clinician)).some((e) => e.code === "clinic_hip_hikes")).toBe(false);
    expect(await testDb().auditEvent.count({ where: { clinicId: c.clinicId, action: "exercise.add" } })).toBe(1);
    // Prescribable in its clinic, not in another.
    const mine = await episode();
    await saveProgramme(c.clinician, mine.episodeId, programme(0, [{ exercise: "clinic_hip_hikes", sets: 3, reps: 12, daysPerWeek: 3 }]));
    const theirs = await episode(other);
    await expect(
      saveProgramme(other.clinician, theirs.episodeId, programme(0, [{ exercise: "clinic_hip_hikes", sets: 3, reps: 12, daysPerWeek: 3 }])),
    ).rejects.toMatchObject({ issues: [{ path: "items.0.exercise", message: "Choose an exercise of the library" }] });
    // Never changed or deleted, even by the owner.
    await expect(appDb().clinicExercise.updateMany({ where: { code: "clinic_hip_hikes" }, data: { name: "x" } })).rejects.toThrow();
    await expect(testDb().clinicExercise.deleteMany({ where: { code: "clinic_hip_hikes" } })).rejects.toThrow(/exercise library/);
  });

  it("refuses a dosage out of range or without reps or a hold, naming the field", () => {
    const issue = (v: Record<string, unknown>) => clinicExerciseSchema.safeParse({ ...own, ...v }).error?.issues[0]?.path.join(".");
    expect(issue({ sets: "11" })).toBe("sets");
    expect(issue({ reps: "" })).toBe("reps");
    expect(issue({ holdSeconds: "30" })).toBe("reps");
    expect(issue({ daysPerWeek: "0" })).toBe("daysPerWeek");
    expect(issue({ steps: "" })).toBe("steps");
    expect(issue({ name: " " })).toBe("name");
  });

  it("retires an exercise: kept in a programme that has it, refused as a new prescription, still named", async () => {
    const t = await createClinic();
    const { episodeId } = await episode(t);
    await saveProgramme(t.clinician, episodeId, programme(0, [calf, plank]));
    const retired = await retireExercise(t.admin, "side_plank");
    expect(retired.retired).not.toBeNull();
    await expect(retireExercise(t.admin, "side_plank")).rejects.toBeInstanceOf(ConflictError);
    await expect(retireExercise(t.admin, "no_such_thing")).rejects.toBeInstanceOf(NotFoundError);
    // Kept from the version it starts from.
    await saveProgramme(t.clinician, episodeId, programme(1, [calf, { ...plank, sets: 4 }]));
    // Newly prescribed: refused, naming the item.
    const fresh = await episode(t);
    await expect(saveProgramme(t.clinician, fresh.episodeId, programme(0, [calf, plank]))).rejects.toMatchObject({
      issues: [{ path: "items.1.exercise", message: "Choose another exercise: Side plank is retired from the library" }],
    });
    expect(await testDb().exerciseProgramme.count({ where: { episodeId: fresh.episodeId } })).toBe(0);
    // Other clinics are not touched.
    expect((await getExerciseLibrary(c.clinician)).find((e) => e.code === "side_plank")?.retired).toBeNull();
    const panel = await getProgrammePanel(t.clinician, episodeId);
    expect(panel.library.find((e) => e.code === "side_plank")).toMatchObject({ name: "Side plank", retired: expect.anything() });
    expect(await testDb().auditEvent.count({ where: { clinicId: t.clinicId, action: "exercise.retire" } })).toBe(1);
  });
});

describe("the handout", () => {
  it("is made once per version, stored with its hash, in plain words with the first name only; every download audited", async () => {
    const { episodeId } = await episode(c, "Zoë");
    await expect(programmeHandout(c.clinician, episodeId)).rejects.toBeInstanceOf(NotFoundError);
    await saveProgramme(c.clinician, episodeId, programme(0, [calf, plank], "Twice a day on rest days is fine"));
    const first = await programmeHandout(c.viewer, episodeId);
    const again = await programmeHandout(c.clinician, episodeId);
    expect(again.sha256).toBe(first.sha256);
    expect(again.id).toBe(first.id);
    expect(first.contentType).toBe("application/pdf");
    const text = pdfText(first.bytes);
    expect(text).toContain("Your exercise programme");
    expect(text).toContain("For Zoë, from");
    expect(text).toContain("Calf raises: 3 sets of 15, 4 days a week");
    expect(text).toContain("Side plank: 3 holds of 30 seconds, 3 days a week");
    expect(text).toContain("Note from your clinician: Knees bent to start");
    expect(text).toContain("Twice a day on rest days is fine");
    expect(text).not.toContain("Lovelace-Surname");
    // A new version, a new handout.
    await saveProgramme(c.clinician, episodeId, programme(1, [calf]));
    const v2 = await programmeHandout(c.clinician, episodeId);
    expect(v2.sha256).not.toBe(first.sha256);
    expect(v2.version).toBe(2);
    expect(await testDb().storedDocument.count({ where: { episodeId, kind: "programme_handout" } })).toBe(2);
    expect(await testDb().auditEvent.count({ where: { action: "programme.handout", entityId: episodeId } })).toBe(3);
    // Another clinic: not found.
    await expect(programmeHandout(other.clinician, episodeId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the runner's ticks", () => {
  it("ticks and unticks on the diary link; the clinician sees the adherence; bad days and exercises are refused", async () => {
    const { episodeId } = await episode();
    const link = await createDiaryLink(c.clinician, episodeId, { validUntil: addDays(isoDaysAgo(0), 14), sendEmail: false }, "http://x");
    const token = tokenOf(link.url);
    expect((await callRunnerApi("GET", token)).body.programme).toBeNull();
    await saveProgramme(c.clinician, episodeId, programme(0, [calf, plank]));
    const opened = await callRunnerApi("GET", token);
    expect(opened.body.programme).toMatchObject({
      version: 1,
      days: [isoDaysAgo(0)],
      exercises: [
        { code: "calf_raise", name: "Calf raises", dosage: "3 sets of 15, 4 days a week" },
        { code: "side_plank", name: "Side plank", notes: "Knees bent to start" },
      ],
    });
    expect(JSON.stringify(opened.body)).not.toContain("Lovelace-Surname");

    const tick = (body: unknown) => callRunnerApi("POST", `${token}/exercises`, body);
    const today = isoDaysAgo(0);
    expect((await tick({ date: today, exercise: "calf_raise", done: true })).body.ticks).toEqual([{ exercise: "calf_raise", date: today }]);
    // Twice is once.
    expect((await tick({ date: today, exercise: "calf_raise", done: true })).body.ticks).toHaveLength(1);
    await tick({ date: today, exercise: "side_plank", done: true });
    expect((await tick({ date: today, exercise: "side_plank", done: false })).body.ticks).toHaveLength(1);

    const yesterday = await tick({ date: isoDaysAgo(1), exercise: "calf_raise", done: true });
    expect(yesterday.status).toBe(400);
    expect(yesterday.body.issues[0].path).toBe("date");
    const notMine = await tick({ date: today, exercise: "wall_sit", done: true });
    expect(notMine.status).toBe(400);
    expect(notMine.body.issues[0].path).toBe("exercise");
    expect((await tick({ date: today, exercise: "calf_raise" })).status).toBe(400);
    expect(
      (await callRunnerApi("POST", `${token.slice(0, -2)}xx/exercises`, { date: today, exercise: "calf_raise", done: true })).status,
    ).toBe(404);

    const panel = await getProgrammePanel(c.clinician, episodeId);
    expect(panel.adherence?.lastWeek).toMatchObject({
      days: 1,
      done: 1,
      expected: 2,
      exercises: [
        { exercise: "calf_raise", done: 1, expected: 1 },
        { exercise: "side_plank", done: 0, expected: 1 },
      ],
    });
    expect(panel.adherence?.lastTick).toBe(today);
    expect(
      await testDb().auditEvent.count({ where: { action: { in: ["programme.tick", "programme.untick"] }, actor: "runner" } }),
    ).toBeGreaterThanOrEqual(4);

    // Stopped: nothing to tick.
    await stopProgramme(c.clinician, episodeId, { reason: "Done", basedOnVersion: 1 });
    expect((await callRunnerApi("GET", token)).body.programme).toBeNull();
    expect((await tick({ date: today, exercise: "calf_raise", done: true })).status).toBe(409);
    // PostgreSQL keeps a tick to its version's exercises.
    const v1 = await testDb().exerciseProgramme.findFirstOrThrow({ where: { episodeId, version: 1 } });
    await expect(
      testDb().exerciseTick.create({
        data: { clinicId: c.clinicId, episodeId, programmeId: v1.id, exercise: "wall_sit", doneOn: new Date(`${today}T00:00:00Z`) },
      }),
    ).rejects.toThrow(/names an exercise of its programme version/);
  });
});
