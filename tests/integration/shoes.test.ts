/**
 * The shoe log against a real PostgreSQL: pairs per runner, distance summed
 * from the runs, runs on the current pair by default and re-assignable,
 * refused for a viewer and for another clinic's records, audited.
 */
import { createPatient } from "@/lib/data/patients";
import { saveRun } from "@/lib/data/runs";
import { assignRunShoe, deleteShoe, getShoeSummary, saveShoe } from "@/lib/data/shoes";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/common";
import { patientSchema } from "@/lib/validation/patients";
import { shoeFormSchema } from "@/lib/validation/shoes";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
let patientId: string;
beforeAll(async () => {
  c = await createClinic();
  patientId = (await createPatient(c.clinician, patientSchema.parse(patientInput()))).id;
});
afterAll(closeTestDb);

const shoe = (fields: Record<string, string>) => parseOrThrow(shoeFormSchema, { patientId, ...fields });

describe("shoe log", () => {
  it("adds pairs, puts runs on the current pair, sums the distance, shows a recent change, re-assigns and deletes, auditing each", async () => {
    await saveRun(c.clinician, { patientId, date: isoDaysAgo(60), distanceKm: 10, durationSec: null, surface: null });
    const old = await saveShoe(c.clinician, shoe({ name: "Ghost 15", type: "neutral", dropMm: "12", introducedOn: isoDaysAgo(90) }));
    // The run without shoes from the pair's first day on now counts on it.
    expect(old.assignedRuns).toBe(1);
    const fresh = await saveShoe(c.clinician, shoe({ name: "Pegasus 41", type: "neutral", dropMm: "10", introducedOn: isoDaysAgo(10) }));
    expect(fresh.assignedRuns).toBe(0);
    const run = await saveRun(c.clinician, { patientId, date: isoDaysAgo(2), distanceKm: 8.5, durationSec: null, surface: null });
    expect(run.shoeId).toBe(fresh.id); // the pair introduced last

    let summary = await getShoeSummary(c.viewer, patientId);
    expect(summary.shoes.map((s) => [s.name, s.distanceKm, s.runs])).toEqual([
      ["Pegasus 41", 8.5, 1],
      ["Ghost 15", 10, 1],
    ]);
    expect(summary.inRotation).toBe(2);
    expect(summary.current?.name).toBe("Pegasus 41");
    expect(summary.recentChange).toMatchObject({
      daysAgo: 10,
      shoe: { name: "Pegasus 41", dropMm: 10 },
      previous: { name: "Ghost 15", dropMm: 12 },
    });

    await assignRunShoe(c.clinician, patientId, run.id, old.id);
    summary = await getShoeSummary(c.clinician, patientId);
    expect(summary.shoes.map((s) => s.distanceKm)).toEqual([0, 18.5]);

    await saveShoe(c.clinician, shoe({ shoeId: old.id, name: "Ghost 15", introducedOn: isoDaysAgo(90), retiredOn: isoDaysAgo(1) }));
    summary = await getShoeSummary(c.clinician, patientId);
    expect(summary.inRotation).toBe(1);

    await deleteShoe(c.clinician, patientId, old.id);
    expect(await testDb().run.count({ where: { patientId, shoeId: null } })).toBe(2); // runs kept, without shoes
    const actions = (
      await testDb().auditEvent.findMany({ where: { patientId, action: { startsWith: "shoe." } }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["shoe.create", "shoe.create", "shoe.update", "shoe.delete"]);
    expect(await testDb().auditEvent.count({ where: { patientId, action: "run.assign_shoe", userId: c.clinician.userId } })).toBe(1);
  });

  it("names the field of every bad input", () => {
    const parsed = shoeFormSchema.safeParse({ patientId, name: " ", dropMm: "40", introducedOn: "2026-02-30", type: "boots" });
    expect(parsed.success).toBe(false);
    const paths = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(paths).toMatchObject({
      name: "Enter the name or model",
      dropMm: "Enter the heel-to-toe drop as a number from 0 to 20 mm",
      introducedOn: "Enter a real date",
      type: "Choose a type from the list",
    });
    const order = shoeFormSchema.safeParse({ patientId, name: "X", introducedOn: "2026-05-02", retiredOn: "2026-05-01" });
    expect(order.error!.issues[0]).toMatchObject({
      path: ["retiredOn"],
      message: expect.stringMatching(/^Enter a date retired on or after the date introduced \(/),
    });
  });

  it("refuses a viewer, and another clinic's runner, run or pair, changing nothing", async () => {
    const input = shoe({ name: "Viewer's pick", introducedOn: isoDaysAgo(1) });
    await expect(saveShoe(c.viewer, input)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createClinic();
    const theirPatient = (await createPatient(other.clinician, patientSchema.parse(patientInput()))).id;
    const theirShoe = await saveShoe(other.clinician, { ...input, patientId: theirPatient });
    const theirRun = await saveRun(other.clinician, {
      patientId: theirPatient,
      date: isoDaysAgo(1),
      distanceKm: 5,
      durationSec: null,
      surface: null,
    });
    await expect(saveShoe(c.clinician, { ...input, patientId: theirPatient })).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveShoe(c.clinician, { ...input, shoeId: theirShoe.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteShoe(c.clinician, theirPatient, theirShoe.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(assignRunShoe(c.clinician, theirPatient, theirRun.id, null)).rejects.toBeInstanceOf(NotFoundError);
    // Our runner's run cannot be put on their pair either.
    const ours = await saveRun(c.clinician, { patientId, date: isoDaysAgo(3), distanceKm: 4, durationSec: null, surface: null });
    await expect(assignRunShoe(c.clinician, patientId, ours.id, theirShoe.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await testDb().shoe.count({ where: { name: "Viewer's pick", clinicId: c.clinicId } })).toBe(0);
    expect((await testDb().run.findUnique({ where: { id: theirRun.id } }))?.shoeId).toBe(theirShoe.id);
    const future = await saveShoe(c.clinician, { ...input, introducedOn: isoDaysAgo(-3) }).catch((e) => e);
    expect(future).toBeInstanceOf(ValidationError);
    expect(future.issues[0]).toEqual({ path: "introducedOn", message: "Enter a date introduced that is today or earlier" });
  });
});
