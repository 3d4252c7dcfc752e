/** The run log and shoe actions: role refused, other clinic refused, a field error, success. */
import { deleteRunAction, importRunsAction, saveRunAction, setRunsLoggedSinceAction } from "@/lib/actions/runs";
import { assignRunShoeAction, deleteShoeAction, saveShoeAction } from "@/lib/actions/shoes";
import { formatDate } from "@/lib/format";
import { describeAction, formCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../../helpers/fixtures";
import { patientIn, runIn, shoeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const runsOf = (patientId: unknown) =>
  testDb().run.findMany({ where: { patientId: String(patientId) }, select: { date: true, distanceKm: true, durationSec: true } });
const run = (id: unknown) => testDb().run.findUnique({ where: { id: String(id) }, select: { shoeId: true } });
const logStart = (patientId: unknown) =>
  testDb().patient.findUnique({ where: { id: String(patientId) }, select: { runsLoggedSince: true, runsLoggedSinceConfirmed: true } });
const shoesOf = (patientId: unknown) => testDb().shoe.findMany({ where: { patientId: String(patientId) }, select: { name: true } });
const shoe = (id: unknown) => testDb().shoe.findUnique({ where: { id: String(id) }, select: { name: true } });

const newRun = async (t: TestClinic) => ({
  patientId: (await patientIn(t)).id,
  date: isoDaysAgo(2),
  distance: "10",
  unit: "km",
  duration: "50:00",
});
const csv = async (t: TestClinic) => ({
  patientId: (await patientIn(t)).id,
  csv: `date,distance_km,duration\n${isoDaysAgo(4)},6.5,35:00\n`,
  confirm: "yes",
});
const unassigned = async (t: TestClinic) => {
  const s = await shoeIn(t);
  await testDb().run.update({ where: { id: s.runId }, data: { shoeId: null } });
  return { patientId: s.patientId, runId: s.runId, shoeId: s.shoeId };
};

describeAction(
  "saveRunAction",
  () => c,
  (c) => ({
    call: formCall(saveRunAction),
    as: "clinician",
    refused: "viewer",
    input: () => newRun(c.a),
    observe: (i) => runsOf(i.patientId),
    otherClinic: { input: () => newRun(c.b), observe: (i) => runsOf(i.patientId) },
    invalid: { change: (i) => ({ ...i, unit: "yd" }), field: "unit", message: /km or mi/ },
    succeeded: (state, input, _before, after) => {
      expect(state.message).toBe(`Run added: 10 km on ${formatDate(String(input.date))}.`);
      expect(after).toEqual([{ date: new Date(`${input.date}T00:00:00Z`), distanceKm: 10, durationSec: 3000 }]);
    },
  }),
);

describeAction(
  "setRunsLoggedSinceAction",
  () => c,
  (c) => ({
    call: formCall(setRunsLoggedSinceAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ patientId: (await runIn(c.a)).patientId, runsLoggedSince: isoDaysAgo(10) }),
    observe: (i) => logStart(i.patientId),
    otherClinic: {
      input: async () => ({ patientId: (await runIn(c.b)).patientId, runsLoggedSince: isoDaysAgo(10) }),
      observe: (i) => logStart(i.patientId),
    },
    invalid: { change: (i) => ({ ...i, runsLoggedSince: "2026-02-30" }), field: "runsLoggedSince", message: /real date/ },
    succeeded: (state, input, _before, after) => {
      expect(state.message).toBe(`Run log complete from ${formatDate(String(input.runsLoggedSince))}.`);
      expect(after).toEqual({ runsLoggedSince: new Date(`${input.runsLoggedSince}T00:00:00Z`), runsLoggedSinceConfirmed: true });
    },
  }),
);

describeAction(
  "deleteRunAction",
  () => c,
  (c) => ({
    call: formCall(deleteRunAction),
    as: "clinician",
    refused: "viewer",
    input: () => runIn(c.a),
    observe: (i) => run(i.runId),
    otherClinic: { input: () => runIn(c.b), observe: (i) => run(i.runId) },
    invalid: { change: (i) => ({ ...i, runId: "not-an-id" }), field: "runId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Run deleted.");
      expect(after).toBeNull();
    },
  }),
);

describeAction(
  "importRunsAction",
  () => c,
  (c) => ({
    call: formCall(importRunsAction),
    as: "clinician",
    refused: "viewer",
    input: () => csv(c.a),
    observe: (i) => runsOf(i.patientId),
    otherClinic: { input: () => csv(c.b), observe: (i) => runsOf(i.patientId) },
    invalid: { change: (i) => ({ ...i, csv: "" }), field: "csv", message: /Paste or upload/ },
    succeeded: (state, input, _before, after) => {
      expect(state).toMatchObject({ message: "Imported 1 run; 0 rows left out.", data: { imported: 1 } });
      expect(after).toEqual([{ date: new Date(`${isoDaysAgo(4)}T00:00:00Z`), distanceKm: 6.5, durationSec: 2100 }]);
      expect(input.confirm).toBe("yes");
    },
  }),
);

describeAction(
  "saveShoeAction",
  () => c,
  (c) => ({
    call: formCall(saveShoeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ patientId: (await patientIn(c.a)).id, name: "Racer 3", introducedOn: isoDaysAgo(20) }),
    observe: (i) => shoesOf(i.patientId),
    otherClinic: {
      input: async () => ({ patientId: (await patientIn(c.b)).id, name: "Racer 3", introducedOn: isoDaysAgo(20) }),
      observe: (i) => shoesOf(i.patientId),
    },
    invalid: { change: (i) => ({ ...i, dropMm: "30" }), field: "dropMm", message: /from 0 to 20 mm/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Shoes added: Racer 3.");
      expect(after).toEqual([{ name: "Racer 3" }]);
    },
  }),
);

describeAction(
  "deleteShoeAction",
  () => c,
  (c) => ({
    call: formCall(deleteShoeAction),
    as: "clinician",
    refused: "viewer",
    input: async () => {
      const s = await shoeIn(c.a);
      return { patientId: s.patientId, shoeId: s.shoeId };
    },
    observe: (i) => shoe(i.shoeId),
    otherClinic: {
      input: async () => {
        const s = await shoeIn(c.b);
        return { patientId: s.patientId, shoeId: s.shoeId };
      },
      observe: (i) => shoe(i.shoeId),
    },
    invalid: { change: (i) => ({ ...i, shoeId: "not-an-id" }), field: "shoeId", message: /valid id/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Shoes deleted; their runs are kept without shoes.");
      expect(after).toBeNull();
    },
  }),
);

describeAction(
  "assignRunShoeAction",
  () => c,
  (c) => ({
    call: formCall(assignRunShoeAction),
    as: "clinician",
    refused: "viewer",
    input: () => unassigned(c.a),
    observe: (i) => run(i.runId),
    otherClinic: { input: () => unassigned(c.b), observe: (i) => run(i.runId) },
    invalid: { change: (i) => ({ ...i, runId: "not-an-id" }), field: "runId", message: /valid id/ },
    succeeded: (state, input, _before, after) => {
      expect(state.message).toBe("Shoes of the run changed.");
      expect(after).toEqual({ shoeId: input.shoeId });
    },
  }),
);
