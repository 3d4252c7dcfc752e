import { getPatientRecord } from "@/lib/data/patients";
import { dischargeEpisode } from "@/lib/data/discharges";
import { getProgramme, saveProgramme } from "@/lib/data/programmes";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { toFieldIssues } from "@/lib/validation/common";
import { programmeSchema } from "@/lib/validation/programme";
import { appDb, closeTestDb, createClinic, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

/** Exercise programmes (issue 14 item 1): versions kept, dosage checked naming the field, clinic-scoped, append-only. */
let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

const episode = (t: TestClinic = c) => episodeIn(t);

const issues = (input: unknown) => {
  const r = programmeSchema.safeParse(input);
  return r.success ? [] : toFieldIssues(r.error);
};

it("keeps every version; the current is the newest; a stale save is refused", async () => {
  const { patientId, episodeId } = await episode();
  const v1 = await saveProgramme(
    c.clinician,
    episodeId,
    programmeSchema.parse({
      basedOnVersion: 0,
      items: [
        { exercise: "side_lying_hip_abduction", sets: 3, reps: 15, daysPerWeek: 3 },
        { exercise: "wall_sit", sets: 4, holdSeconds: 45, daysPerWeek: 4, notes: "Pain up to 3/10 is fine" },
      ],
    }),
  );
  expect(v1).toMatchObject({ version: 1, createdBy: { id: c.clinician.userId, name: c.clinician.name } });
  const v2 = await saveProgramme(
    c.clinician,
    episodeId,
    programmeSchema.parse({
      basedOnVersion: 1,
      notes: "Progressed",
      items: [{ exercise: "split_squat", sets: 3, reps: 10, loadKg: 8, daysPerWeek: 3 }],
    }),
  );
  expect(v2.version).toBe(2);
  const p = await getProgramme(c.viewer, episodeId);
  expect(p.current?.items).toEqual([{ exercise: "split_squat", sets: 3, reps: 10, loadKg: 8, daysPerWeek: 3 }]);
  expect(p.versions.map((v) => v.version)).toEqual([2, 1]);
  const record = await getPatientRecord(c.viewer, patientId);
  expect(record.episodes[0]!.programme?.version).toBe(2);

  const stale = saveProgramme(
    c.clinician,
    episodeId,
    programmeSchema.parse({ basedOnVersion: 1, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] }),
  );
  await expect(stale).rejects.toBeInstanceOf(ConflictError);
  expect(await testDb().exerciseProgramme.count({ where: { episodeId } })).toBe(2);
  expect(await testDb().auditEvent.count({ where: { action: "programme.save", entityId: episodeId } })).toBe(2);

  // Append-only for the app's role and in PostgreSQL.
  await expect(appDb().exerciseProgramme.update({ where: { id: v1.id }, data: { notes: "x" } })).rejects.toThrow();
  await expect(testDb().exerciseProgramme.delete({ where: { id: v1.id } })).rejects.toThrow(/part of the record/);

  // Discharged: refused.
  await dischargeEpisode(c.clinician, episodeId, { reason: "returned_to_full_running" });
  await expect(
    saveProgramme(
      c.clinician,
      episodeId,
      programmeSchema.parse({ basedOnVersion: 2, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] }),
    ),
  ).rejects.toBeInstanceOf(ConflictError);
});

it("refuses another clinic's episode and writes nothing", async () => {
  const { episodeId } = await episode(other);
  const input = programmeSchema.parse({ basedOnVersion: 0, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] });
  await expect(saveProgramme(c.clinician, episodeId, input)).rejects.toBeInstanceOf(NotFoundError);
  await expect(getProgramme(c.clinician, episodeId)).rejects.toBeInstanceOf(NotFoundError);
  expect(await testDb().exerciseProgramme.count({ where: { episodeId } })).toBe(0);
});

it("refuses a dosage out of range naming the field", () => {
  const item = { exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 };
  expect(issues({ basedOnVersion: 0, items: [{ ...item, sets: 0 }] })).toEqual([
    { path: "items.0.sets", message: "Enter the sets as a whole number from 1 to 10 sets" },
  ]);
  expect(issues({ basedOnVersion: 0, items: [item, { ...item, exercise: "wall_sit", reps: 60 }] })[0]!.path).toBe("items.1.reps");
  expect(issues({ basedOnVersion: 0, items: [{ ...item, daysPerWeek: 8 }] })[0]!.path).toBe("items.0.daysPerWeek");
  expect(issues({ basedOnVersion: 0, items: [{ ...item, loadKg: -1 }] })[0]!.path).toBe("items.0.loadKg");
  expect(issues({ basedOnVersion: 0, items: [{ ...item, holdSeconds: 30 }] })[0]!.path).toBe("items.0.reps");
  expect(issues({ basedOnVersion: 0, items: [{ ...item, sets: 2.5 }] })[0]!.path).toBe("items.0.sets");
  expect(issues({ basedOnVersion: 0, items: [{ ...item, exercise: "Burpee!" }] })[0]!.path).toBe("items.0.exercise");
  expect(issues({ basedOnVersion: 0, items: [] })[0]!.path).toBe("items");
  expect(issues({ basedOnVersion: 0, items: [item, item] })[0]).toEqual({ path: "items", message: "Remove the exercise listed twice" });
});
