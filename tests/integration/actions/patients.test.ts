/** The patient actions, each refused without the permission, refused on another clinic's record, a field error, and success. */
import {
  createEpisodeAction,
  createPatientAction,
  reopenEpisodeAction,
  updatePatientAction,
  withdrawEpisodeAction,
} from "@/lib/actions/patients";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { dischargeEpisode } from "@/lib/data/discharges";
import { patientSchema } from "@/lib/validation/patients";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, patientInput, testDb, type TestClinic } from "../../helpers/fixtures";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const patientIn = (t: TestClinic) => createPatient(t.clinician, patientSchema.parse(patientInput()));
const episodeIn = async (t: TestClinic) => {
  const p = await patientIn(t);
  return createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
};
const dischargedIn = async (t: TestClinic) => {
  const e = await episodeIn(t);
  await dischargeEpisode(t.clinician, e.id, { reason: "lost_to_follow_up" });
  return e;
};
const patientsOf = (clinicId: string) => testDb().patient.findMany({ where: { clinicId }, select: { id: true, mrn: true } });
const patientRow = (id: unknown) => testDb().patient.findUnique({ where: { id: String(id) }, select: { familyName: true } });
const episodesOf = (patientId: unknown) => testDb().episode.findMany({ where: { patientId: String(patientId) }, select: { id: true } });
const episodeRow = (id: unknown) => testDb().episode.findUnique({ where: { id: String(id) }, select: { status: true } });

describeAction(
  "createPatientAction",
  () => c,
  (c) => ({
    call: formCall(createPatientAction),
    as: "clinician",
    refused: "viewer",
    input: async () => patientInput({ familyName: "Created" }),
    observe: () => patientsOf(c.a.clinicId),
    otherClinic: { input: async () => patientInput(), observe: () => patientsOf(c.b.clinicId), answer: (s) => expect(s.ok).toBe(true) },
    invalid: { change: (i) => ({ ...i, birthDate: "2001-02-30" }), field: "birthDate", message: /real date/ },
    succeeded: async (state, input) => {
      expect(state.message).toBe("Registered Ada Created.");
      const created = await testDb().patient.findFirst({ where: { clinicId: c.a.clinicId, mrn: String(input.mrn) } });
      expect(created).toMatchObject({ familyName: "Created", id: (state.data as { id: string }).id });
    },
  }),
);

describeAction(
  "updatePatientAction",
  () => c,
  (c) => ({
    call: formCall(updatePatientAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ ...patientInput({ familyName: "Renamed" }), patientId: (await patientIn(c.a)).id }),
    observe: (i) => patientRow(i.patientId),
    otherClinic: {
      input: async () => ({ ...patientInput({ familyName: "Renamed" }), patientId: (await patientIn(c.b)).id }),
      observe: (i) => patientRow(i.patientId),
    },
    invalid: { change: (i) => ({ ...i, familyName: "" }), field: "familyName", message: /^Enter the family name$/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Demographics saved.");
      expect(after).toEqual({ familyName: "Renamed" });
    },
  }),
);

describeAction(
  "createEpisodeAction",
  () => c,
  (c) => ({
    call: formCall(createEpisodeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ patientId: (await patientIn(c.a)).id, side: "right", complaint: "Pain on the stairs" }),
    observe: (i) => episodesOf(i.patientId),
    otherClinic: {
      input: async () => ({ patientId: (await patientIn(c.b)).id, side: "right", complaint: "Pain on the stairs" }),
      observe: (i) => episodesOf(i.patientId),
    },
    invalid: { change: (i) => ({ ...i, side: "middle" }), field: "side", message: /left, right or both/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Episode opened.");
      expect(after).toEqual([{ id: (state.data as { id: string }).id }]);
    },
  }),
);

describeAction(
  "reopenEpisodeAction",
  () => c,
  (c) => ({
    call: formCall(reopenEpisodeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ episodeId: (await dischargedIn(c.a)).id, nextReviewDate: "2030-01-01" }),
    observe: (i) => episodeRow(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: (await dischargedIn(c.b)).id }),
      observe: (i) => episodeRow(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, nextReviewDate: "2030-02-30" }), field: "nextReviewDate", message: /real date/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Episode reopened.");
      expect(after).toEqual({ status: "open" });
    },
  }),
);

describeAction(
  "withdrawEpisodeAction",
  () => c,
  (c) => ({
    call: formCall(withdrawEpisodeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ episodeId: (await episodeIn(c.a)).id, reason: "Opened twice by mistake" }),
    observe: (i) => episodeRow(i.episodeId),
    otherClinic: {
      input: async () => ({ episodeId: (await episodeIn(c.b)).id, reason: "Opened twice by mistake" }),
      observe: (i) => episodeRow(i.episodeId),
    },
    invalid: { change: (i) => ({ ...i, reason: " " }), field: "reason", message: /^Enter the reason$/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Episode withdrawn as opened in error.");
      expect(after).toEqual({ status: "opened_in_error" });
    },
  }),
);
