/** The programme actions (prescribe or change, stop) and the library's (add, retire): the four cases each. */
import { randomUUID } from "node:crypto";
import { addClinicExerciseAction, retireExerciseAction, saveProgrammeAction, stopProgrammeAction } from "@/lib/actions/programmes";
import { addClinicExercise } from "@/lib/data/exercise-library";
import { saveProgramme } from "@/lib/data/programmes";
import { clinicExerciseSchema, programmeSchema } from "@/lib/validation/programme";
import { describeAction, formCall, payloadCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { episodeIn as newEpisodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

/** Clinics that do not require two-factor sign-in (an administrator would otherwise have to enrol first). */
async function clinicWithout2fa(): Promise<TestClinic> {
  const t = await createClinic();
  await testDb().clinic.update({ where: { id: t.clinicId }, data: { twoFactorRequired: "off" } });
  return t;
}

let c: Clinics;
beforeAll(async () => {
  c = { a: await clinicWithout2fa(), b: await clinicWithout2fa() };
});
afterAll(closeTestDb);

const episodeIn = async (t: TestClinic, withProgramme = false) => {
  const { patientId, episodeId } = await newEpisodeIn(t);
  if (withProgramme)
    await saveProgramme(
      t.clinician,
      episodeId,
      programmeSchema.parse({ basedOnVersion: 0, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] }),
    );
  return { episodeId, patientId };
};
const versions = async (i: Record<string, unknown>) =>
  testDb().exerciseProgramme.findMany({
    where: { episodeId: String(i.episodeId) },
    orderBy: { version: "asc" },
    select: { version: true, stopped: true, notes: true },
  });

describeAction(
  "saveProgrammeAction",
  () => c,
  (c) => ({
    call: payloadCall(saveProgrammeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({
      ...(await episodeIn(c.a)),
      basedOnVersion: 0,
      notes: "Start gently",
      items: [{ exercise: "wall_sit", sets: 4, holdSeconds: 45, daysPerWeek: 4 }],
    }),
    observe: versions,
    otherClinic: {
      input: async () => ({
        ...(await episodeIn(c.b)),
        basedOnVersion: 0,
        items: [{ exercise: "wall_sit", sets: 4, holdSeconds: 45, daysPerWeek: 4 }],
      }),
      observe: versions,
    },
    invalid: {
      change: (i) => ({ ...i, items: [{ exercise: "wall_sit", sets: 11, holdSeconds: 45, daysPerWeek: 4 }] }),
      field: "items.0.sets",
      message: /from 1 to 10/,
    },
    succeeded: (state, _i, _before, after) => {
      expect(state.message).toBe("Programme saved as version 1.");
      expect(after).toEqual([{ version: 1, stopped: false, notes: "Start gently" }]);
    },
  }),
);

describeAction(
  "stopProgrammeAction",
  () => c,
  (c) => ({
    call: formCall(stopProgrammeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ ...(await episodeIn(c.a, true)), basedOnVersion: "1", reason: "Pain settled; running fully" }),
    observe: versions,
    otherClinic: { input: async () => ({ ...(await episodeIn(c.b, true)), basedOnVersion: "1", reason: "x" }), observe: versions },
    invalid: { change: (i) => ({ ...i, reason: "  " }), field: "reason", message: /Enter the reason for stopping/ },
    succeeded: (state, _i, _before, after) => {
      expect(state.message).toBe("Programme stopped (version 2).");
      expect(after).toEqual([
        { version: 1, stopped: false, notes: null },
        { version: 2, stopped: true, notes: "Pain settled; running fully" },
      ]);
    },
  }),
);

const library = (clinicId: string) => async () => ({
  own: await testDb().clinicExercise.findMany({ where: { clinicId }, select: { code: true }, orderBy: { code: "asc" } }),
  retired: await testDb().exerciseRetirement.findMany({ where: { clinicId }, select: { code: true }, orderBy: { code: "asc" } }),
});
const exerciseForm = () => ({
  name: `Band walk ${randomUUID().slice(0, 6)}`,
  steps: "Band above the knees.\nWalk sideways ten steps each way.",
  muscles: "Gluteus medius",
  sets: "3",
  reps: "10",
  holdSeconds: "",
  loadKg: "",
  daysPerWeek: "3",
  progression: "A stronger band.",
});

describeAction(
  "addClinicExerciseAction",
  () => c,
  (c) => ({
    call: formCall(addClinicExerciseAction),
    as: "admin",
    refused: "clinician",
    input: async () => exerciseForm(),
    observe: library(c.a.clinicId),
    // It names no record: it adds to the actor's own clinic; clinic b's library stays as it was.
    otherClinic: {
      input: async () => exerciseForm(),
      observe: library(c.b.clinicId),
      answer: (state) => expect(state.ok).toBe(true),
    },
    invalid: { change: (i) => ({ ...i, daysPerWeek: "9" }), field: "daysPerWeek", message: /from 1 to 7/ },
    succeeded: (state, input, before, after) => {
      expect(state.message).toBe(`${String(input.name)} added to the library.`);
      expect((after as { own: unknown[] }).own).toHaveLength((before as { own: unknown[] }).own.length + 1);
    },
  }),
);

describeAction(
  "retireExerciseAction",
  () => c,
  (c) => ({
    call: formCall(retireExerciseAction),
    as: "admin",
    refused: "clinician",
    input: async () => ({ code: (await addClinicExercise(c.a.admin, clinicExerciseSchema.parse(exerciseForm()))).code }),
    observe: library(c.a.clinicId),
    otherClinic: {
      input: async () => ({ code: (await addClinicExercise(c.b.admin, clinicExerciseSchema.parse(exerciseForm()))).code }),
      observe: library(c.b.clinicId),
      answer: (state) => expect(state).toEqual({ ok: false, message: "This record no longer exists in your clinic." }),
    },
    invalid: { change: () => ({ code: "Not a code!" }), field: "code" },
    succeeded: (state, input, _before, after) => {
      expect(state.message).toMatch(/retired: it can no longer be prescribed\.$/);
      expect((after as { retired: { code: string }[] }).retired).toContainEqual({ code: input.code });
    },
  }),
);
