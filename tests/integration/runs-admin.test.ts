import { createPatient } from "@/lib/data/patients";
import { deleteRun, importRuns, listRunsAudited, previewRunImport, saveRun } from "@/lib/data/runs";
import { getClinicSettings, updateClinicSettings } from "@/lib/data/settings";
import { createUser, listUsers, updateUser } from "@/lib/data/users";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { patientSchema } from "@/lib/validation/patients";
import { runFormSchema } from "@/lib/validation/runs";
import { settingsFormSchema } from "@/lib/validation/settings";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
let patientId: string;
beforeAll(async () => {
  c = await createClinic();
  patientId = (await createPatient(c.clinician, patientSchema.parse(patientInput()))).id;
});
afterAll(closeTestDb);

const listRuns = async (actor: TestClinic["viewer"], id: string) => (await listRunsAudited(actor, id)).runs;

describe("runs", () => {
  it("adds, edits and deletes runs, converting miles, refusing duplicates, auditing each change", async () => {
    const input = runFormSchema.parse({ patientId, date: isoDaysAgo(2), distance: "5", unit: "mi", duration: "40:00", surface: "road" });
    expect(input).toMatchObject({ distanceKm: 8.05, durationSec: 2400 });
    const run = await saveRun(c.clinician, input);
    const dup = await saveRun(c.clinician, input).catch((e) => e);
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.issues[0].path).toBe("distance");
    await saveRun(c.clinician, { ...input, runId: run.id, distanceKm: 9 });
    expect((await listRuns(c.viewer, patientId)).map((r) => r.distanceKm)).toEqual([9]);
    await deleteRun(c.clinician, patientId, run.id);
    expect(await listRuns(c.viewer, patientId)).toEqual([]);
    const actions = (await testDb().auditEvent.findMany({ where: { patientId, entityType: "Run" }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["run.create", "run.update", "run.delete"]);
  });

  it("previews a CSV marking each bad row with its reason, then imports only the good ones", async () => {
    await saveRun(c.clinician, { patientId, date: isoDaysAgo(10), distanceKm: 12, durationSec: null, surface: null });
    const csv = [
      "date,distance,duration,surface",
      `${isoDaysAgo(9)},10 km,55:00,road`,
      `${isoDaysAgo(8)},6.2 mi,,trail`,
      `${isoDaysAgo(10)},12 km,,`, // duplicate of an existing run
      `${isoDaysAgo(9)},10 km,,`, // duplicate within the file
      "2026-02-30,5 km,,", // impossible date
      `${isoDaysAgo(7)},5,,`, // no unit
      `${isoDaysAgo(6)},5 km,,grass`, // unknown surface
      `${isoDaysAgo(-2)},5 km,,`, // future
      `${isoDaysAgo(5)},5 km,abc,`, // bad duration
    ].join("\n");
    const preview = await previewRunImport(c.clinician, patientId, csv);
    expect(preview.importable).toBe(2);
    const reasons = preview.rows.map((r) => r.error ?? "ok");
    expect(reasons[0]).toBe("ok");
    expect(reasons[1]).toBe("ok");
    expect(reasons[2]).toMatch(/duplicate/);
    expect(reasons[3]).toMatch(/duplicate/);
    expect(reasons[4]).toMatch(/write a real date/);
    expect(reasons[5]).toMatch(/unit/);
    expect(reasons[6]).toMatch(/surface/);
    expect(reasons[7]).toMatch(/future/);
    expect(reasons[8]).toMatch(/duration/);
    expect(await listRuns(c.viewer, patientId)).toHaveLength(1); // preview saved nothing

    const result = await importRuns(c.clinician, patientId, csv);
    expect(result.imported).toBe(2);
    const runs = await listRuns(c.viewer, patientId);
    expect(runs.map((r) => r.distanceKm).sort()).toEqual([10, 12, 9.98]);
    // Importing the same file again imports nothing and changes nothing.
    await expect(importRuns(c.clinician, patientId, csv)).rejects.toBeInstanceOf(ValidationError);
    expect(await listRuns(c.viewer, patientId)).toHaveLength(3);
  });

  it("rejects a CSV without a header naming the columns", async () => {
    const p = await previewRunImport(c.clinician, patientId, "2026-01-01,5 km");
    expect(p.error).toMatch(/Name the columns in the first row/);
  });

  it("keeps other clinics' runs out of reach", async () => {
    const other = await createClinic();
    await expect(listRunsAudited(other.viewer, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveRun(other.clinician, { patientId, date: isoDaysAgo(1), distanceKm: 3, durationSec: null, surface: null }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const mine = await saveRun(c.clinician, { patientId, date: isoDaysAgo(1), distanceKm: 3.3, durationSec: null, surface: null });
    await expect(deleteRun(other.clinician, patientId, mine.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("admin", () => {
  it("creates users in the admin's clinic and refuses a duplicate email", async () => {
    const u = await createUser(c.admin, {
      email: "new.person@test.example",
      name: "New Person",
      role: "viewer",
      password: "long enough password",
    });
    expect(u).toMatchObject({ role: "viewer", active: true });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    const dup = await createUser(c.admin, {
      email: "new.person@test.example",
      name: "Again",
      role: "viewer",
      password: "long enough password",
    }).catch((e) => e);
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.issues[0].path).toBe("email");
    expect((await listUsers(c.admin)).some((x) => x.id === u.id)).toBe(true);
  });

  it("never demotes or deactivates the last active admin", async () => {
    const t = await createClinic();
    await expect(updateUser(t.admin, { userId: t.admin.userId, name: "x", role: "clinician", active: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(updateUser(t.admin, { userId: t.admin.userId, name: "x", role: "admin", active: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const other = await createClinic();
    await expect(updateUser(t.admin, { userId: other.viewer.userId, name: "x", role: "admin", active: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("changes a role, ending the user's sessions, with an audited before/after", async () => {
    await updateUser(c.admin, { userId: c.viewer.userId, name: c.viewer.name, role: "clinician", active: true });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: c.viewer.userId } });
    expect(row).toMatchObject({ role: "clinician", sessionVersion: 2 });
    const e = await testDb().auditEvent.findFirstOrThrow({ where: { entityId: c.viewer.userId, action: "user.update" } });
    expect(e.detail).toEqual({ before: { role: "viewer" }, after: { role: "clinician" } });
  });

  it("validates clinic settings against the ranges of EVALUATE.md section 6 and saves them", async () => {
    const bad = settingsFormSchema.safeParse({
      persistentPainDays: "0",
      twoWeekIncreasePct: "abc",
      spikePct: "10",
      minRestDaysPerWeek: "8",
      shoeReplaceKm: "800",
      maxRunPain: "6",
      importantChangePain: "0",
      importantChangeKoos: "10",
      importantChangeLefs: "9",
      importantChangePsfs: "2",
      importantChangeTegner: "1",
      reviewIntervalDays: "14",
      timezone: "Mars/Olympus_Mons",
    });
    expect(bad.success).toBe(false);
    const paths = bad.success ? [] : bad.error.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual([
      "importantChangePain",
      "maxRunPain",
      "minRestDaysPerWeek",
      "persistentPainDays",
      "timezone",
      "twoWeekIncreasePct",
    ]);
    expect(bad.success ? [] : bad.error.issues.find((i) => i.path[0] === "maxRunPain")?.message).toBe(
      "Enter the max run pain as a whole number from 0 to 5",
    );
    const good = settingsFormSchema.parse({
      persistentPainDays: "21",
      twoWeekIncreasePct: "25",
      spikePct: "15",
      minRestDaysPerWeek: "2",
      shoeReplaceKm: "700",
      maxRunPain: "2",
      importantChangePain: "1.5",
      importantChangeKoos: "8",
      importantChangeLefs: "9",
      importantChangePsfs: "2",
      importantChangeTegner: "1",
      reviewIntervalDays: "21",
      timezone: "Australia/Sydney",
    });
    await updateClinicSettings(c.admin, good);
    expect(await getClinicSettings(c.viewer)).toMatchObject({
      persistentPainDays: 21,
      maxRunPain: 2,
      importantChange: { painNow: 1.5, koos: 8 },
      reviewIntervalDays: 21,
      timezone: "Australia/Sydney",
    });
    expect((await testDb().clinic.findUniqueOrThrow({ where: { id: c.clinicId } })).timezone).toBe("Australia/Sydney");
    const event = await testDb().auditEvent.findFirstOrThrow({
      where: { clinicId: c.clinicId, action: "settings.update" },
      orderBy: { id: "desc" },
    });
    expect(event.detail).toMatchObject({
      before: { timezone: "UTC", persistentPainDays: 14, maxRunPain: 3 },
      after: { timezone: "Australia/Sydney", persistentPainDays: 21, maxRunPain: 2 },
    });
  });
});
