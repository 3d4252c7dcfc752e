/**
 * Plausible records (issue 12, item 3): a run beyond human limits is refused
 * with a message naming the field, on every way in (the run form's schema,
 * the data layer itself, the CSV import), and nothing is half-written; a
 * review date before the onset or before the assessment is refused by
 * validation (not by a table constraint).
 */
import { saveDraft } from "@/lib/data/assessments";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { importRuns, listRunsAudited, previewRunImport, saveRun } from "@/lib/data/runs";
import { RUN_LIMITS } from "@/lib/domain/runs";
import { formatDate } from "@/lib/format";
import { ValidationError } from "@/lib/errors";
import { episodeSchema, patientSchema } from "@/lib/validation/patients";
import { runFormSchema } from "@/lib/validation/runs";
import { closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

const runner = async () => (await createPatient(c.clinician, patientSchema.parse(patientInput()))).id;
const runCount = (patientId: string) => testDb().run.count({ where: { clinicId: c.clinicId, patientId } });

/** The form's schema: the issues of a run as typed, by field. */
function formIssues(patientId: string, distance: string, duration: string, unit = "km") {
  const parsed = runFormSchema.safeParse({ patientId, date: isoDaysAgo(1), distance, unit, duration, surface: "road" });
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("a run beyond human limits", () => {
  it("is refused by the form's schema, naming the field: 420 km in 30 minutes, over 250 km, over 48 hours, faster than 2:30 min/km", async () => {
    const patientId = await runner();
    expect(formIssues(patientId, "420", "30:00")).toEqual([
      { path: "distance", message: "Check the distance: 420 km is more than the 250 km a person can run in a day" },
      {
        path: "duration",
        message: expect.stringMatching(
          /^Check the distance and the duration: a pace of 0:04 min\/km over 420 km is faster than 2:30 min\/km/,
        ),
      },
    ]);
    expect(formIssues(patientId, "251", "")).toEqual([
      { path: "distance", message: "Check the distance: 251 km is more than the 250 km a person can run in a day" },
    ]);
    expect(formIssues(patientId, "100", "49:00:00")).toEqual([
      { path: "duration", message: "Check the duration: 49:00:00 is longer than 48 hours" },
    ]);
    expect(formIssues(patientId, "10", "24:00")).toEqual([
      {
        path: "duration",
        message: expect.stringMatching(
          /^Check the distance and the duration: a pace of 2:24 min\/km over 10 km is faster than 2:30 min\/km/,
        ),
      },
    ]);
    // At the limits, and a sprint faster than the limit over 1 km or less, are accepted; miles are converted before the check.
    expect(formIssues(patientId, "250", "48:00:00")).toEqual([]);
    expect(formIssues(patientId, "10", "25:00")).toEqual([]);
    expect(formIssues(patientId, "1", "2:00")).toEqual([]);
    expect(formIssues(patientId, "160", "", "mi")).toEqual([
      { path: "distance", message: "Check the distance: 257.5 km is more than the 250 km a person can run in a day" },
    ]);
    expect(RUN_LIMITS).toEqual({ fastestPaceSecPerKm: 150, paceLimitOverKm: 1, maxKmPerDay: 250, maxDurationSec: 172_800 });
  });

  it("is refused by the data layer itself, whoever calls it, writing nothing", async () => {
    const patientId = await runner();
    const err = await saveRun(c.clinician, { patientId, date: isoDaysAgo(1), distanceKm: 420, durationSec: 1800, surface: null }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(["distance", "duration"]);
    expect(await runCount(patientId)).toBe(0);
    expect(await testDb().auditEvent.count({ where: { clinicId: c.clinicId, patientId, action: "run.create" } })).toBe(0);
  });

  it("counts every run of the day: a second run that takes the day past 250 km is refused, naming the distance; the first is kept", async () => {
    const patientId = await runner();
    const day = isoDaysAgo(2);
    await saveRun(c.clinician, { patientId, date: day, distanceKm: 200, durationSec: 20 * 3600, surface: null });
    const err = await saveRun(c.clinician, { patientId, date: day, distanceKm: 60, durationSec: null, surface: null }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      {
        path: "distance",
        message: `Check the distance: the runs of ${formatDate(day)} would add up to 260 km (200 km already recorded), more than the 250 km a person can run in a day`,
      },
    ]);
    expect(await runCount(patientId)).toBe(1);
    // Another day is its own.
    await saveRun(c.clinician, { patientId, date: isoDaysAgo(3), distanceKm: 60, durationSec: null, surface: null });
    expect((await listRunsAudited(c.viewer, patientId)).runs.map((r) => r.distanceKm).sort((a, b) => a - b)).toEqual([60, 200]);
  });

  it("is refused row by row in a CSV import, the plausible rows imported", async () => {
    const patientId = await runner();
    const csv = [
      "date,distance,duration,surface",
      `${isoDaysAgo(4)},420 km,30:00,road`,
      `${isoDaysAgo(5)},10 km,70:00:00,road`,
      `${isoDaysAgo(6)},10 km,50:00,road`,
    ].join("\n");
    const preview = await previewRunImport(c.clinician, patientId, csv);
    expect(preview.rows.map((r) => r.error ?? "ok")).toEqual([
      expect.stringMatching(/420 km is more than the 250 km/),
      expect.stringMatching(/Check the duration: 70:00:00 is longer than 48 hours/),
      "ok",
    ]);
    expect((await importRuns(c.clinician, patientId, csv)).imported).toBe(1);
    expect(await runCount(patientId)).toBe(1);
  });
});

describe("review dates", () => {
  it("a first review date before the onset is refused by the episode's schema, naming the field", async () => {
    const patientId = await runner();
    const input = { patientId, side: "left", complaint: "Knee pain", onsetDate: isoDaysAgo(30), nextReviewDate: isoDaysAgo(400) };
    const parsed = episodeSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["nextReviewDate", expect.stringMatching(/^Enter a first review date on or after the onset date \(/)],
    ]);
    expect(episodeSchema.safeParse({ ...input, nextReviewDate: isoDaysAgo(30) }).success).toBe(true);
  });

  it("a next review date before the assessment or the onset is refused when the draft is saved, naming the field; nothing written", async () => {
    const patientId = await runner();
    const e = await createEpisode(c.clinician, { patientId, side: "right", complaint: "Knee pain", onsetDate: isoDaysAgo(20) });
    const save = (assessedOn: string, nextReviewDate: string) =>
      saveDraft(c.clinician, { episodeId: e.id, kind: "intake", assessedOn, answers: { plan: { nextReviewDate } } }).catch(
        (x: unknown) => x,
      );
    const early = await save(isoDaysAgo(0), isoDaysAgo(3));
    expect(early).toBeInstanceOf(ValidationError);
    expect((early as ValidationError).issues).toEqual([
      { path: "plan.nextReviewDate", message: expect.stringMatching(/^Enter a next review date on or after the assessment date \(/) },
    ]);
    expect(await testDb().assessment.count({ where: { clinicId: c.clinicId, episodeId: e.id } })).toBe(0);
    // The review on the day of the assessment or later is fine, whatever the past dates of the history.
    await expect(save(isoDaysAgo(10), isoDaysAgo(10))).resolves.toMatchObject({ status: "draft" });
  });
});
