/**
 * Rows with the same dates and the same creation time come back in one order
 * on every read: their id breaks the tie (lib/data), so a timeline, a record,
 * a log or an export does not swap two rows between requests, and "the
 * latest" of something is always the same one. The rows are written with
 * chosen ids, in both orders (the order PostgreSQL meets them in, without a
 * tie-breaker, is the order written).
 */
import { createHash, randomUUID } from "node:crypto";
import { getAssessmentDetail, listEpisodeAssessments } from "@/lib/data/assessments";
import { getEpisodeDiary } from "@/lib/data/diary";
import { dischargePreview } from "@/lib/data/discharges";
import { findStoredDocument } from "@/lib/data/documents";
import { getPatientRecord } from "@/lib/data/patients";
import { listQuestionnaireRequests } from "@/lib/data/questionnaires";
import { runnerReportsForForm } from "@/lib/data/runner-reports";
import { listRunsAudited, saveRun } from "@/lib/data/runs";
import { getShoeSummary } from "@/lib/data/shoes";
import { getTimeline } from "@/lib/data/timeline";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn, patientIn, signedIn, signedOn, signedReferralIn } from "../helpers/records";
import { completeAnswers } from "../helpers/runner";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

/** A random id that sorts before (`0`) or after (`f`) any other. */
const idSorting = (first: "0" | "f") => `${first.repeat(8)}${randomUUID().slice(8)}`;

type Lead = "0" | "f";

/** Writes one row under each lead, in `order`, with an id sorting as its lead says; the ids written, by lead. */
async function tied(
  order: "low id first" | "high id first",
  write: (id: string, lead: Lead) => Promise<{ id: string }>,
): Promise<Record<Lead, string>> {
  const ids: Record<Lead, string> = { "0": "", f: "" };
  for (const lead of order === "low id first" ? (["0", "f"] as const) : (["f", "0"] as const))
    ids[lead] = (await write(idSorting(lead), lead)).id;
  return ids;
}

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
  const ids = await tied(order, (id, lead) =>
    testDb().addendum.create({
      data: { id, clinicId: c.clinicId, assessmentId, authorId: c.clinician.userId, text: `Addendum ${lead}`, createdAt },
    }),
  );
  // The assessment's page lists its addenda oldest first, then by id.
  expect((await getAssessmentDetail(c.clinician, assessmentId)).addenda.map((a) => a.id)).toEqual([ids["0"], ids.f]);
});

it.each(["low id first", "high id first"] as const)("breaks ties in the run log and the shoe log by id (written %s)", async (order) => {
  const db = testDb();
  const patient = await patientIn(c);
  const createdAt = new Date("2026-11-04T07:00:00.000Z");
  // Same day, no start time, the same creation time; told apart in the timeline by their distance.
  const runs = await tied(order, (id, lead) =>
    db.run.create({
      data: {
        id,
        clinicId: c.clinicId,
        patientId: patient.id,
        date: new Date(`${isoDaysAgo(2)}T00:00:00.000Z`),
        distanceKm: lead === "0" ? 5 : 7,
        createdAt,
      },
    }),
  );
  const introducedOn = new Date(`${isoDaysAgo(10)}T00:00:00.000Z`);
  const shoes = await tied(order, (id, lead) =>
    db.shoe.create({ data: { id, clinicId: c.clinicId, patientId: patient.id, name: `Pair ${lead}`, introducedOn, createdAt } }),
  );

  // The run log (page and export): newest first, then by id the other way.
  const log = await listRunsAudited(c.clinician, patient.id);
  expect(log.runs.map((r) => r.id)).toEqual([runs.f, runs["0"]]);
  // The timeline's runs: oldest first, then by id.
  expect((await getTimeline(c.clinician, patient.id)).runs.map((r) => r.distanceKm)).toEqual([5, 7]);

  // The shoe log: newest pair first, then by id the other way; the current pair and the latest change are the first of them.
  const summary = await getShoeSummary(c.clinician, patient.id);
  expect(summary.shoes.map((s) => s.id)).toEqual([shoes.f, shoes["0"]]);
  expect(summary.current?.id).toBe(shoes.f);
  expect(summary.recentChange).toMatchObject({ shoe: { id: shoes.f }, previous: { id: shoes["0"] } });
  // A new run goes to the pair the log shows as current.
  const added = await saveRun(c.clinician, {
    patientId: patient.id,
    date: isoDaysAgo(1),
    distanceKm: 6,
    durationSec: 2000,
    surface: "road",
  });
  expect(added.shoeId).toBe(shoes.f);
});

it.each(["low id first", "high id first"] as const)("breaks ties of the diary's links and alerts by id (written %s)", async (order) => {
  const db = testDb();
  const { episodeId } = await episodeIn(c);
  const createdAt = new Date("2026-11-05T08:00:00.000Z");
  const validUntil = new Date(`${isoDaysAgo(-14)}T00:00:00.000Z`);
  const links = await tied(order, (id) =>
    db.diaryLink.create({
      data: { id, clinicId: c.clinicId, episodeId, tokenHash: randomUUID(), validUntil, createdById: c.clinician.userId, createdAt },
    }),
  );
  const entry = await db.diaryEntry.create({
    data: {
      clinicId: c.clinicId,
      episodeId,
      diaryLinkId: links["0"],
      date: new Date(`${isoDaysAgo(1)}T00:00:00.000Z`),
      kind: "run",
      distanceKm: 6,
      painDuring: 6,
      swelling: true,
    },
  });
  // Two alerts of the same entry raised in the same instant (its write), the lower id with the later code.
  const alerts = await tied(order, (id, lead) =>
    db.diaryAlert.create({
      data: {
        id,
        clinicId: c.clinicId,
        episodeId,
        entryId: entry.id,
        code: lead === "0" ? "swelling" : "pain_over_limit",
        message: `Alert ${lead}`,
        raisedAt: createdAt,
      },
    }),
  );

  const diary = await getEpisodeDiary(c.clinician, episodeId);
  // Links newest first, then by id the other way; alerts oldest first, then by id.
  expect(diary.links.map((l) => l.id)).toEqual([links.f, links["0"]]);
  expect(diary.alerts.map((a) => a.id)).toEqual([alerts["0"], alerts.f]);
});

it.each(["low id first", "high id first"] as const)(
  "breaks ties of questionnaire requests and submissions by id, and picks the same one as the latest returned (written %s)",
  async (order) => {
    const { episodeId } = await episodeIn(c);
    await signedOn(c, episodeId, "intake", 20, { symptoms: { painNow: 7 } });
    const createdAt = new Date(`${isoDaysAgo(3)}T08:00:00.000Z`);
    const submittedAt = new Date(`${isoDaysAgo(1)}T09:00:00.000Z`);
    const expiresAt = new Date(`${isoDaysAgo(-7)}T00:00:00.000Z`);
    const requests = await tied(order, (id, lead) =>
      testDb().questionnaireRequest.create({
        data: {
          id,
          clinicId: c.clinicId,
          episodeId,
          tokenHash: randomUUID(),
          instruments: ["pain", "tegner"],
          status: "completed",
          expiresAt,
          createdById: c.clinician.userId,
          createdAt,
          // Told apart in the outcome by their answers: Tegner 2 under the lower id, 6 under the higher.
          answers: { ...completeAnswers(["pain", "tegner"]), measures: { tegner: lead === "0" ? 2 : 6 } },
          submittedAt,
        },
      }),
    );

    // The requests: newest first, then by id the other way.
    expect((await listQuestionnaireRequests(c.clinician, episodeId)).map((r) => r.id)).toEqual([requests.f, requests["0"]]);
    // The returned questionnaires that pre-fill the next assessment: oldest first, then by id.
    expect((await runnerReportsForForm(c.clinician, episodeId)).map((r) => r.id)).toEqual([requests["0"], requests.f]);
    // The outcome's final measures come from the latest returned: the higher id of the two.
    const { outcome } = await dischargePreview(c.clinician, episodeId);
    expect(outcome.final).toMatchObject({ assessmentId: null, questionnaireRequestId: requests.f });
    expect(outcome.measures).toContainEqual(expect.objectContaining({ measure: "tegner", final: 6 }));
  },
);

it("keeps one stored document per record, kind and variant: a second with the same creation time and a lower id is refused, the first is served", async () => {
  const r = await signedReferralIn(c);
  const key = { clinicId: c.clinicId, kind: "referral_pdf", variant: "signed", episodeId: r.episodeId, referralId: r.referralId } as const;
  const stored = await testDb().$transaction((tx) => findStoredDocument(tx, key));
  expect(stored).not.toBeNull();
  const bytes = Buffer.from("another rendering");
  await expect(
    testDb().storedDocument.create({
      data: {
        ...key,
        id: idSorting("0"),
        contentType: "application/pdf",
        bytes: new Uint8Array(bytes),
        sha256: createHash("sha256").update(bytes).digest("hex"),
        byteLength: bytes.length,
        createdAt: stored!.createdAt,
      },
    }),
  ).rejects.toThrow(/Unique constraint/);
  expect((await testDb().$transaction((tx) => findStoredDocument(tx, key)))?.id).toBe(stored!.id);
});
