/**
 * The patient record in one statement (lib/data/patient-record.ts, issue 17):
 * GET /api/v1/patients/{id} and the record's pages read the patient, each
 * episode's assessments, red flags, discharge, programme, letters and plan
 * with one SQL statement parsed by a zod reader. It must read exactly what
 * the per-aggregate reads do, stay in the actor's clinic, write the view's
 * audit row, and refuse a value that is not what it expects by name.
 */
import { GET as patientApi } from "@/app/api/v1/patients/[patientId]/route";
import { addAddendum, saveDraft } from "@/lib/data/assessments";
import { dischargeEpisode } from "@/lib/data/discharges";
import { latestDischargesIn } from "@/lib/data/discharge-state";
import { signLetter } from "@/lib/data/letters";
import { lettersIn } from "@/lib/data/letter-state";
import { createEpisode, getPatientRecord } from "@/lib/data/patients";
import { readPatientRecordRow } from "@/lib/data/patient-record";
import { programmesIn } from "@/lib/data/programme-state";
import { saveProgramme } from "@/lib/data/programmes";
import { recordRedFlagAction } from "@/lib/data/red-flags";
import { redFlagStateIn } from "@/lib/data/red-flag-state";
import { createReturnToRunPlan } from "@/lib/data/return-to-run";
import { returnToRunIn } from "@/lib/data/return-to-run-state";
import { StoredDataError } from "@/lib/stored/read";
import { programmeSchema } from "@/lib/validation/programme";
import { redFlagActionSchema } from "@/lib/validation/red-flags";
import { signInAs } from "../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn, signedOn } from "../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

type Answers = Parameters<typeof saveDraft>[1]["answers"];
// A locked knee: an urgent red flag.
const LOCKED = { symptoms: { locking: true, painNow: 6 } } as Answers;
const QUIET = {
  symptoms: { locking: false, painNow: 2 },
  treatment: { given: [{ code: "education", notes: "Load management" }] },
} as Answers;

const sign = (episodeId: string, kind: "intake" | "follow_up", daysAgo: number, answers: Answers) =>
  signedOn(c, episodeId, kind, daysAgo, answers);

const programme = (basedOnVersion: number, reps: number) =>
  programmeSchema.parse({ basedOnVersion, items: [{ exercise: "calf_raise", sets: 3, reps, daysPerWeek: 4 }] });

/** A runner with two episodes and something of everything the record reads. */
async function richRunner() {
  const { patientId, episodeId: left } = await episodeIn(c);
  const intake = await sign(left, "intake", 20, LOCKED);
  await addAddendum(c.clinician, intake.id, "Seen again by the doctor the same day");
  await addAddendum(c.clinician, intake.id, "Imaging requested");
  await recordRedFlagAction(
    c.clinician,
    left,
    redFlagActionSchema.parse({ code: "locked_knee", action: "urgent_referral", note: "Orthopaedic knee clinic" }),
  );
  await sign(left, "follow_up", 10, QUIET);
  await saveProgramme(c.clinician, left, programme(0, 12));
  await saveProgramme(c.clinician, left, programme(1, 15));
  await createReturnToRunPlan(c.clinician, left);
  await dischargeEpisode(c.clinician, left, { reason: "returned_to_full_running", returnToRunningOn: isoDaysAgo(1) });
  await signLetter(c.clinician, left, { kind: "discharge_summary" });
  await signLetter(c.clinician, left, { kind: "discharge_summary", amendmentReason: "Corrected the GP's name" });
  const right = await createEpisode(c.clinician, { patientId, side: "right", complaint: "Medial knee pain", mechanism: "gradual" });
  await sign(right.id, "intake", 3, LOCKED);
  await saveDraft(c.clinician, { episodeId: right.id, kind: "follow_up", assessedOn: isoDaysAgo(0), answers: QUIET });
  return { patientId, left, right: right.id };
}

const views = (patientId: string) =>
  testDb().auditEvent.count({ where: { clinicId: c.clinicId, patientId, action: "patient.view", userId: c.viewer.userId } });

describe("the patient record in one statement", () => {
  it("reads what the per-aggregate reads read, episode by episode", async () => {
    const { patientId, left, right } = await richRunner();
    const record = await getPatientRecord(c.viewer, patientId);
    expect(record.episodes.map((e) => e.id)).toEqual([right, left]); // open first, then discharged

    const ids = [left, right];
    const expected = await testDb().$transaction(async (tx) => ({
      discharges: await latestDischargesIn(tx, c.clinicId, [left]),
      programmes: await programmesIn(tx, c.clinicId, ids),
      letters: await lettersIn(tx, c.clinicId, ids),
      redFlags: await redFlagStateIn(tx, c.clinicId, ids),
      plans: await returnToRunIn(tx, c.clinicId, ids),
      assessments: await tx.assessment.findMany({
        where: { clinicId: c.clinicId, episodeId: { in: ids } },
        orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }],
        include: { _count: { select: { addenda: true } } },
      }),
    }));
    for (const e of record.episodes) {
      expect(e.discharge).toEqual(expected.discharges.get(e.id) ?? null);
      expect(e.programme).toEqual(expected.programmes.get(e.id)!.current);
      expect(e.letters).toEqual(expected.letters.get(e.id));
      expect({ openRedFlags: e.openRedFlags, redFlagActions: e.redFlagActions }).toEqual(expected.redFlags.get(e.id));
      expect(e.returnToRun).toEqual(expected.plans.get(e.id));
      const rows = expected.assessments.filter((a) => a.episodeId === e.id);
      expect(e.assessments.map((a) => [a.id, a.status, a.signedAt, a.addenda])).toEqual(
        rows.map((a) => [a.id, a.status, a.signedAt, a._count.addenda]),
      );
    }
    // Something of everything was read (guards the comparison above).
    const l = record.episodes[1]!;
    expect(l.discharge).toMatchObject({ reason: "returned_to_full_running", returnToRunningOn: isoDaysAgo(1) });
    expect(l.programme).toMatchObject({ version: 2, items: [{ reps: 15 }] });
    expect(l.letters.map((x) => x.version)).toEqual([2, 1]);
    expect(l.returnToRun).toMatchObject({ currentStage: 0 });
    expect(l.redFlagActions).toMatchObject([{ code: "locked_knee", action: "urgent_referral" }]);
    expect(l.assessments.map((a) => [a.kind, a.addenda, a.treatment])).toEqual([
      ["intake", 2, []],
      ["follow_up", 0, [{ code: "education", notes: "Load management" }]],
    ]);
    const r = record.episodes[0]!;
    expect(r.openRedFlags).toMatchObject([{ code: "locked_knee", raisedOn: isoDaysAgo(3) }]);
    expect(r.assessments.map((a) => a.status)).toEqual(["signed", "draft"]);
    expect([r.discharge, r.programme, r.returnToRun, r.letters]).toEqual([null, null, null, []]);
  });

  it("writes one audit row per view, and none for another clinic's runner (404)", async () => {
    const { patientId } = await episodeIn(c);
    const get = (id: string) =>
      patientApi(new Request(`http://localhost/api/v1/patients/${id}`), { params: Promise.resolve({ patientId: id }) });

    await signInAs(c.viewer);
    const before = await views(patientId);
    expect((await get(patientId)).status).toBe(200);
    expect(await views(patientId)).toBe(before + 1);

    await signInAs(other.clinician);
    const res = await get(patientId);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not found" });
    expect(await testDb().auditEvent.count({ where: { patientId, userId: other.clinician.userId } })).toBe(0);
    expect((await get("not-a-uuid")).status).toBe(404);
  });

  it("refuses stored data that is not what a known version wrote, naming it", async () => {
    const { patientId, episodeId } = await episodeIn(c);
    const draft = await saveDraft(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(0), answers: QUIET });
    await testDb()
      .$executeRaw`UPDATE "Assessment" SET answers = jsonb_set(answers, '{treatment}', '{"given": "ice"}') WHERE id = ${draft.id}::uuid`;
    const error = await getPatientRecord(c.viewer, patientId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredDataError);
    expect((error as Error).message).toMatch(/^stored answers\.treatment is not readable: treatment\.given: /);
    expect(await views(patientId)).toBe(0); // the view's audit row is rolled back with it
  });
});

describe("readPatientRecordRow", () => {
  const patient = {
    id: "0b6e0e9e-7d2c-4a53-9a57-4c1f3b0a2d11",
    mrn: "RI-1",
    givenName: "Ada",
    familyName: "Runner",
    birthDate: "1990-05-01",
    sex: "female",
    email: null,
    phone: null,
    runningLevel: null,
    weeklyDistanceKm: 21.5,
    goalEvent: null,
    goalEventDate: null,
    goalEventDistanceKm: null,
    gpName: null,
    gpPractice: null,
    gpAddress: null,
    createdAt: "2026-11-03T10:42:17.12+00:00",
    updatedAt: "2026-11-03T10:42:17+00:00",
  };
  const row = { patient, episodes: [], assessments: [], redFlagActions: [], discharges: [], programmes: [], letters: [] };

  it("reads PostgreSQL's JSON: dates and timestamps become Dates", () => {
    const read = readPatientRecordRow(row);
    expect(read.patient.birthDate).toEqual(new Date("1990-05-01T00:00:00.000Z"));
    expect(read.patient.createdAt).toEqual(new Date("2026-11-03T10:42:17.120Z"));
  });

  it.each([
    ["a timestamp without its offset", { ...row, patient: { ...patient, createdAt: "2026-11-03T10:42:17.12" } }, /patient\.createdAt/],
    ["an unknown sex", { ...row, patient: { ...patient, sex: "x" } }, /patient\.sex/],
    ["a column it does not know", { ...row, patient: { ...patient, clinicId: patient.id } }, /patient: .*clinicId/],
    ["a missing list", { ...row, letters: undefined }, /letters/],
  ])("refuses %s by name", (_what, json, message) => {
    expect(() => readPatientRecordRow(json)).toThrow(StoredDataError);
    expect(() => readPatientRecordRow(json)).toThrow(message);
  });
});
