/**
 * GET /api/v1/patients/{id} gives each episode its care (issue 14 item 4):
 * `programme` (the current version), `returnToRun` (current stage, mode,
 * history) and, once discharged, `discharge` (reason, date,
 * returnToRunningOn, outcome against the baseline) and its signed letters.
 */
import { GET as patientApi } from "@/app/api/v1/patients/[patientId]/route";
import { dischargeEpisode } from "@/lib/data/discharges";
import { signLetter } from "@/lib/data/letters";
import { saveProgramme } from "@/lib/data/programmes";
import { createReturnToRunPlan } from "@/lib/data/return-to-run";
import { programmeSchema } from "@/lib/validation/programme";
import { signInAs } from "../helpers/actions";
import { closeTestDb, createClinic, isoDaysAgo, type TestClinic } from "../helpers/fixtures";
import { signedIn } from "../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

it("gives each episode its programme, return-to-run plan and discharge with the outcome", async () => {
  const { episodeId, patientId } = await signedIn(c, { symptoms: { painNow: 6 } } as Parameters<typeof signedIn>[1]);
  await saveProgramme(
    c.clinician,
    episodeId,
    programmeSchema.parse({ basedOnVersion: 0, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] }),
  );
  await createReturnToRunPlan(c.clinician, episodeId);
  await dischargeEpisode(c.clinician, episodeId, { reason: "goal_race_completed", returnToRunningOn: isoDaysAgo(0) });
  await signLetter(c.clinician, episodeId, { kind: "discharge_summary" });

  await signInAs(c.viewer);
  const res = await patientApi(new Request(`http://localhost/api/v1/patients/${patientId}`), { params: Promise.resolve({ patientId }) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { episodes: Record<string, unknown>[] };
  const e = body.episodes[0]!;
  expect(e.programme).toMatchObject({ version: 1, items: [{ exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 }] });
  expect(e.returnToRun).toMatchObject({ currentStage: 0, mode: "screen_incomplete", history: [] });
  expect(e.discharge).toMatchObject({
    reason: "goal_race_completed",
    date: isoDaysAgo(0),
    returnToRunningOn: isoDaysAgo(0),
    outcome: { version: 2, final: null, measures: [{ measure: "painNow", baseline: 6, final: null, change: null }] },
  });
  expect(e.letters).toMatchObject([{ kind: "discharge_summary", version: 1, amendmentReason: null }]);
});
