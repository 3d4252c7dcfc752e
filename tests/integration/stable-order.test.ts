/**
 * Episodes and assessments with the same dates and the same creation time
 * come back in one order on every read: their id breaks the tie (lib/data),
 * so a timeline, a record or an export does not swap two rows between
 * requests. The rows are written with chosen ids, in both orders (the order
 * PostgreSQL meets them in, without a tie-breaker, is the order written).
 */
import { randomUUID } from "node:crypto";
import { getAssessmentDetail, listEpisodeAssessments } from "@/lib/data/assessments";
import { getPatientRecord } from "@/lib/data/patients";
import { getTimeline } from "@/lib/data/timeline";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { patientIn, signedIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

/** A random id that sorts before (`0`) or after (`f`) any other. */
const idSorting = (first: "0" | "f") => `${first.repeat(8)}${randomUUID().slice(8)}`;

/**
 * A patient with two open episodes (left and right knee) created at the same
 * instant, and two draft follow-ups of the left knee's assessed the same day
 * and created at the same instant; written in `order`.
 */
async function tiedRecords(order: "low id first" | "high id first") {
  const db = testDb();
  const patient = await patientIn(c);
  const createdAt = new Date("2026-11-02T09:30:00.000Z");
  const [first, second] = order === "low id first" ? (["0", "f"] as const) : (["f", "0"] as const);
  const episodes = { low: "", high: "" };
  for (const [lead, side] of [
    [first, "left"],
    [second, "right"],
  ] as const) {
    const e = await db.episode.create({
      data: { id: idSorting(lead), clinicId: c.clinicId, patientId: patient.id, side, complaint: "Medial knee pain", createdAt },
    });
    episodes[lead === "0" ? "low" : "high"] = e.id;
  }
  const episodeId = episodes[first === "0" ? "low" : "high"];
  const assessments = { low: "", high: "" };
  for (const lead of [first, second]) {
    const a = await db.assessment.create({
      data: {
        id: idSorting(lead),
        clinicId: c.clinicId,
        episodeId,
        kind: "follow_up",
        assessedOn: new Date(`${isoDaysAgo(3)}T00:00:00.000Z`),
        answers: { symptoms: { painNow: 4 } },
        createdById: c.clinician.userId,
        updatedById: c.clinician.userId,
        createdAt,
      },
    });
    assessments[lead === "0" ? "low" : "high"] = a.id;
  }
  return { patientId: patient.id, episodeId, episodes, assessments };
}

it.each(["low id first", "high id first"] as const)("breaks ties of date and creation time by id (rows written %s)", async (order) => {
  const r = await tiedRecords(order);
  const oldestFirst = [r.assessments.low, r.assessments.high];

  // An episode's assessments (the assessment list, a referral's history): oldest first, then by id.
  expect((await listEpisodeAssessments(c.clinician, r.episodeId)).map((a) => a.id)).toEqual(oldestFirst);

  // The timeline: episodes oldest first, assessments oldest first, each then by id.
  const timeline = await getTimeline(c.clinician, r.patientId);
  expect(timeline.episodes.map((e) => e.id)).toEqual([r.episodes.low, r.episodes.high]);
  expect(timeline.assessments.map((a) => a.id)).toEqual(oldestFirst);

  // The patient record (page and GET /api/v1/patients/{id}): episodes newest first, then by id the other way; assessments oldest first.
  const record = await getPatientRecord(c.clinician, r.patientId);
  expect(record.episodes.map((e) => e.id)).toEqual([r.episodes.high, r.episodes.low]);
  expect(record.episodes.find((e) => e.id === r.episodeId)!.assessments.map((a) => a.id)).toEqual(oldestFirst);
});

it.each(["low id first", "high id first"] as const)("breaks ties of the addenda's creation time by id (written %s)", async (order) => {
  const { assessmentId } = await signedIn(c);
  const createdAt = new Date("2026-11-03T10:00:00.000Z");
  const leads = order === "low id first" ? (["0", "f"] as const) : (["f", "0"] as const);
  const ids: Record<"0" | "f", string> = { "0": "", f: "" };
  for (const lead of leads) {
    const a = await testDb().addendum.create({
      data: { id: idSorting(lead), clinicId: c.clinicId, assessmentId, authorId: c.clinician.userId, text: `Addendum ${lead}`, createdAt },
    });
    ids[lead] = a.id;
  }
  // The assessment's page lists its addenda oldest first, then by id.
  expect((await getAssessmentDetail(c.clinician, assessmentId)).addenda.map((a) => a.id)).toEqual([ids["0"], ids.f]);
});
