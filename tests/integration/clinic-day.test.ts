import { getCaseload } from "@/lib/data/caseload";
import { createEpisode, createPatient, updatePatient } from "@/lib/data/patients";
import { listRunsAudited, saveRun } from "@/lib/data/runs";
import { ValidationError } from "@/lib/errors";
import { latestToday, todayIn } from "@/lib/format";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { runFormSchema } from "@/lib/validation/runs";
import { closeTestDb, createClinic, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

/**
 * "Today" is the clinic's day, not the server's. UTC+14 is always at least a
 * day ahead of UTC-12, so these cases hold whenever the suite runs.
 */
const EAST = "Etc/GMT-14"; // UTC+14
const WEST = "Etc/GMT+12"; // UTC-12

async function clinicIn(timezone: string): Promise<TestClinic> {
  const c = await createClinic();
  await testDb().clinic.update({ where: { id: c.clinicId }, data: { timezone } });
  // As the session would load them now (lib/auth.ts): the actors carry the clinic's time zone.
  for (const actor of [c.admin, c.clinician, c.viewer]) actor.timezone = timezone;
  return c;
}

let east: TestClinic;
let west: TestClinic;
beforeAll(async () => {
  east = await clinicIn(EAST);
  west = await clinicIn(WEST);
});
afterAll(closeTestDb);

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe("the clinic's day", () => {
  it("accepts a run dated today in a clinic ahead of UTC, and refuses the same date where it is still tomorrow", async () => {
    const day = latestToday();
    expect(day).toBe(todayIn(EAST));
    const pEast = await createPatient(east.clinician, patientSchema.parse(patientInput()));
    const run = await saveRun(east.clinician, runFormSchema.parse({ patientId: pEast.id, date: day, distance: "8", unit: "km" }));
    expect(run.date).toBe(day);

    const pWest = await createPatient(west.clinician, patientSchema.parse(patientInput()));
    const input = runFormSchema.parse({ patientId: pWest.id, date: day, distance: "8", unit: "km" });
    const err = await errorOf(saveRun(west.clinician, input));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([{ path: "date", message: "Enter a run date that is today or earlier" }]);
    expect((await listRunsAudited(west.viewer, pWest.id)).runs).toEqual([]);
  });

  it("refuses a birth date or onset that is still in the future for the clinic, storing nothing", async () => {
    const tomorrowHere = latestToday();
    const before = await testDb().patient.count({ where: { clinicId: west.clinicId } });
    const err = await errorOf(createPatient(west.clinician, patientSchema.parse(patientInput({ birthDate: tomorrowHere }))));
    expect((err as ValidationError).issues).toEqual([{ path: "birthDate", message: "Enter a date of birth that is today or earlier" }]);
    expect(await testDb().patient.count({ where: { clinicId: west.clinicId } })).toBe(before);

    const p = await createPatient(west.clinician, patientSchema.parse(patientInput({ familyName: "Westward" })));
    const edit = await errorOf(
      updatePatient(
        west.clinician,
        p.id,
        patientSchema.parse(patientInput({ mrn: p.mrn, familyName: "Changed", birthDate: tomorrowHere })),
      ),
    );
    expect((edit as ValidationError).issues[0]?.path).toBe("birthDate");
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: p.id } })).familyName).toBe("Westward");

    const onset = await errorOf(
      createEpisode(west.clinician, { patientId: p.id, side: "left", complaint: "medial knee pain", onsetDate: tomorrowHere }),
    );
    expect((onset as ValidationError).issues).toEqual([{ path: "onsetDate", message: "Enter an onset date that is today or earlier" }]);
    expect(await testDb().episode.count({ where: { patientId: p.id } })).toBe(0);
  });

  it("shows pages the clinic's today", async () => {
    const p = await createPatient(west.clinician, patientSchema.parse(patientInput()));
    expect((await listRunsAudited(west.viewer, p.id)).today).toBe(todayIn(WEST));
    expect((await getCaseload(east.viewer, caseloadQuerySchema.parse({}))).today).toBe(todayIn(EAST));
  });
});
