/**
 * Questionnaires by secure link (issue 13): a request's token is never stored
 * (only its hash) and resolves to that one request; the runner's answers are
 * saved as they go (PUT), submitted once (POST 201, then 409), refused after
 * expiry or withdrawal (410), and a wrong or malformed token is a 404. The
 * answers land on the episode: the red-flag screen's "yes" answers reach the
 * caseload at once, until a clinician reviews them, and every step is
 * audited with the runner as actor.
 */
import { discardDraft, saveDraft, signAssessment } from "@/lib/data/assessments";
import { getCaseload } from "@/lib/data/caseload";
import { runnerReportsForForm, runnerReportsUsedBy, untakenRunnerReportDays } from "@/lib/data/runner-reports";
import { createEpisode, createPatient } from "@/lib/data/patients";
import {
  createQuestionnaireRequest,
  listQuestionnaireRequests,
  reviewQuestionnaire,
  withdrawQuestionnaireRequest,
} from "@/lib/data/questionnaires";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, startOfDayIn, todayIn } from "@/lib/format";
import { newRunnerToken } from "@/lib/runner-token";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { createRequestSchema } from "@/lib/validation/runner";
import { WORKLIST_RUNNER_REPORTED, WORKLIST_QUESTIONNAIRE_RETURNED } from "@/lib/domain/urgency";
import { closeTestDb, createClinic, patientInput, testDb, type TestClinic } from "../helpers/fixtures";
import { callRunnerApi, completeAnswers, tokenOf } from "../helpers/runner";

let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  [c, other] = await Promise.all([createClinic("Riverside Test"), createClinic()]);
});
afterAll(closeTestDb);
afterEach(() => jest.useRealTimers());

const ORIGIN = "http://clinic.example";

async function episode(t: TestClinic = c, email: string | undefined = undefined) {
  const p = await createPatient(t.clinician, patientSchema.parse(patientInput({ givenName: "Maya", familyName: "Okafor", email })));
  const e = await createEpisode(t.clinician, { patientId: p.id, side: "left", complaint: "Inner knee pain", mechanism: "gradual" });
  return { patientId: p.id, episodeId: e.id };
}

const request = (episodeId: string, body: unknown = { instruments: ["pain", "screen"] }, t: TestClinic = c) =>
  createQuestionnaireRequest(t.clinician, episodeId, createRequestSchema.parse(body), ORIGIN);

/** Sets the clock (Date only) to an instant. */
function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval", "queueMicrotask", "clearTimeout", "clearInterval"],
  });
}

/** Moves the clock (Date only) by `days`. */
const travel = (days: number) => clockAt(Date.now() + days * 86_400_000);

describe("making a request", () => {
  it("answers {id, url, expiresAt, expiresOn, status: open}; the URL carries a 256-bit token that is stored only as its hash", async () => {
    const { episodeId, patientId } = await episode();
    const today = todayIn("UTC");
    const created = await request(episodeId, { instruments: ["screen", "pain"], expiresInDays: 3 });
    expect(Object.keys(created).sort()).toEqual(["expiresAt", "expiresOn", "id", "status", "url"]);
    expect(created.status).toBe("open");
    expect(created.url).toMatch(new RegExp(`^${ORIGIN}/r/q[A-Za-z0-9_-]{65}$`));
    // Valid to the end of the clinic's third day from today (this clinic keeps UTC).
    expect(created.expiresOn).toBe(addDays(today, 3));
    expect(created.expiresAt.toISOString()).toBe(`${addDays(today, 4)}T00:00:00.000Z`);
    const token = tokenOf(created.url);
    const row = await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.instruments).toEqual(["pain", "screen"]); // the product's order
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(23));
    const events = await testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, entityId: created.id } });
    expect(events.map((e) => [e.action, e.actor, e.userId, e.patientId])).toEqual([
      ["questionnaire.create", "staff", c.clinician.userId, patientId],
    ]);
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain(token.slice(23));
  });

  it("works to the end of its last day in the clinic's time zone, not UTC's", async () => {
    const far = await createClinic();
    await testDb().clinic.update({ where: { id: far.clinicId }, data: { timezone: "Pacific/Auckland" } });
    const { episodeId } = await episode(far);
    const created = await request(episodeId, { instruments: ["pain"], expiresInDays: 2 }, far);
    const lastDay = addDays(todayIn("Pacific/Auckland"), 2);
    expect(created.expiresOn).toBe(lastDay);
    expect(created.expiresAt).toEqual(startOfDayIn(addDays(lastDay, 1), "Pacific/Auckland"));
    const [listed] = await listQuestionnaireRequests(far.viewer, episodeId);
    expect(listed).toMatchObject({ expiresOn: lastDay, status: "open" });
    const token = tokenOf(created.url);
    // A minute before the end of the last day in Auckland it still works; a minute after, it has expired.
    clockAt(created.expiresAt.getTime() - 60_000);
    expect((await callRunnerApi("GET", token)).status).toBe(200);
    clockAt(created.expiresAt.getTime() + 60_000);
    expect((await callRunnerApi("GET", token)).status).toBe(410);
  });

  it("defaults to 7 days and refuses bad input naming the field", () => {
    expect(createRequestSchema.parse({ instruments: ["koos"] }).expiresInDays).toBe(7);
    const issues = (body: unknown) => {
      const r = createRequestSchema.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ instruments: [], expiresInDays: 7 })).toEqual(["instruments: Choose at least one instrument"]);
    expect(issues({ instruments: ["koos", "koos"] })).toEqual(["instruments: Remove the instrument listed twice"]);
    expect(issues({ instruments: ["sf36"] })[0]).toMatch(/^instruments.0: Choose the instrument: pain, koos/);
    expect(issues({ instruments: ["koos"], expiresInDays: 31 })).toEqual([
      "expiresInDays: Enter the days until the link expires as a whole number from 1 to 30",
    ]);
    expect(issues({ instruments: ["koos"], expiresInDays: 0 })).toEqual([
      "expiresInDays: Enter the days until the link expires as a whole number from 1 to 30",
    ]);
    expect(issues({ instruments: ["koos"], expiresInDays: 2.5 })[0]).toMatch(/^expiresInDays: /);
    expect(issues({ instruments: ["koos"], extra: 1 })[0]).toMatch(/^: Remove the unknown field extra/);
  });

  it("is refused for another clinic's episode (404) and for a discharged episode (409)", async () => {
    const { episodeId } = await episode(other);
    await expect(request(episodeId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listQuestionnaireRequests(c.viewer, episodeId)).rejects.toBeInstanceOf(NotFoundError);
    const mine = await episode();
    await testDb().episode.update({ where: { id: mine.episodeId }, data: { status: "discharged", dischargedAt: new Date() } });
    await expect(request(mine.episodeId)).rejects.toBeInstanceOf(ConflictError);
  });

  it("asks the PSFS activities of the episode's latest signed assessment, or none before the intake", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId, { instruments: ["psfs"] });
    expect((await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } })).psfsActivities).toEqual([]);
  });
});

describe("the runner's answers", () => {
  it("GET shows only the clinic's name and the runner's first name, and is audited with the runner as actor", async () => {
    const { episodeId, patientId } = await episode();
    const created = await request(episodeId);
    const res = await callRunnerApi("GET", tokenOf(created.url));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: "questionnaire",
      clinicName: "Riverside Test",
      firstName: "Maya",
      instruments: ["pain", "screen"],
      psfsActivities: [],
      expiresAt: created.expiresAt.toISOString(),
      expiresOn: created.expiresOn,
      draft: null,
      draftSavedAt: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Okafor|MRN|1990/);
    const opened = await testDb().auditEvent.findFirstOrThrow({
      where: { clinicId: c.clinicId, entityId: created.id, action: "questionnaire.open" },
    });
    expect(opened).toMatchObject({ actor: "runner", userId: null, entityType: "QuestionnaireRequest", patientId });
    expect((await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } })).firstOpenedAt).not.toBeNull();
  });

  it("keeps partial answers (PUT 200), refuses an out-of-range one beside its question, then takes the final answers once (201, then 409)", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId);
    const token = tokenOf(created.url);
    const partial = { symptoms: { painNow: 3, locking: true } };
    expect((await callRunnerApi("PUT", token, { answers: partial })).status).toBe(200);
    expect((await callRunnerApi("GET", token)).body.draft).toEqual(partial);

    const bad = await callRunnerApi("PUT", token, { answers: { symptoms: { painNow: 11 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: "symptoms.painNow", message: "Choose a number from 0 to 10" }]);
    expect((await callRunnerApi("GET", token)).body.draft).toEqual(partial); // nothing half-written

    const missing = await callRunnerApi("POST", token, { answers: partial });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toContainEqual({ path: "symptoms.painWorstWeek", message: "Answer this question" });
    expect(missing.body.issues).toContainEqual({ path: "symptoms.visibleSwelling", message: "Answer this question" });
    expect((await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("open");

    const answers = completeAnswers(["pain", "screen"], { yes: ["symptoms.visibleSwelling", "symptoms.locking"] });
    const done = await callRunnerApi("POST", token, { answers });
    expect(done.status).toBe(201);
    expect(done.body.reportedRedFlags).toEqual(["symptoms.visibleSwelling", "symptoms.locking"]);
    const again = await callRunnerApi("POST", token, { answers });
    expect(again.status).toBe(409);
    expect((await callRunnerApi("PUT", token, { answers: partial })).status).toBe(409);
    expect((await callRunnerApi("GET", token)).status).toBe(409);

    const [listed] = await listQuestionnaireRequests(c.viewer, episodeId);
    expect(listed).toMatchObject({ status: "completed", answers, reportedRedFlags: ["symptoms.visibleSwelling", "symptoms.locking"] });
    const actions = await testDb().auditEvent.findMany({
      where: { clinicId: c.clinicId, entityId: created.id, actor: "runner" },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    // The refused PUT and POST changed nothing and wrote nothing.
    expect(actions.map((a) => a.action)).toEqual([
      "questionnaire.save",
      "questionnaire.open",
      "questionnaire.open",
      "questionnaire.submit",
    ]);
  });

  it("admits exactly one of ten parallel submissions", async () => {
    const { episodeId } = await episode();
    const token = tokenOf((await request(episodeId)).url);
    const answers = completeAnswers(["pain", "screen"]);
    const results = await Promise.all(Array.from({ length: 10 }, () => callRunnerApi("POST", token, { answers })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it("refuses a submission after expiry with 410, keeping nothing", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId, { instruments: ["pain"], expiresInDays: 1 });
    const token = tokenOf(created.url);
    travel(2.01); // past the end of tomorrow, the last day it works
    const late = await callRunnerApi("POST", token, { answers: completeAnswers(["pain"]) });
    expect(late.status).toBe(410);
    expect(late.body.message).toBe("This link has expired. Please ask your clinic for a new one.");
    expect((await callRunnerApi("PUT", token, { answers: {} })).status).toBe(410);
    const [listed] = await listQuestionnaireRequests(c.viewer, episodeId);
    expect(listed).toMatchObject({ status: "expired", answers: null, submittedAt: null });
  });

  it("answers 410 once withdrawn, and a returned questionnaire cannot be withdrawn", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId);
    const withdrawn = await withdrawQuestionnaireRequest(c.clinician, episodeId, created.id);
    expect(withdrawn.status).toBe("withdrawn");
    expect((await callRunnerApi("POST", tokenOf(created.url), { answers: completeAnswers(["pain", "screen"]) })).status).toBe(410);
    await expect(withdrawQuestionnaireRequest(c.clinician, episodeId, created.id)).rejects.toThrow("already withdrawn");
    const second = await request(episodeId);
    await callRunnerApi("POST", tokenOf(second.url), { answers: completeAnswers(["pain", "screen"]) });
    await expect(withdrawQuestionnaireRequest(c.clinician, episodeId, second.id)).rejects.toBeInstanceOf(ConflictError);
    // Another clinic cannot withdraw it.
    await expect(withdrawQuestionnaireRequest(other.clinician, episodeId, second.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers one neutral 404 for a wrong token, a malformed one, another kind's and the same secret under another clinic", async () => {
    const { episodeId } = await episode();
    const token = tokenOf((await request(episodeId)).url);
    const wrong = newRunnerToken("questionnaire", c.clinicId).token;
    const otherClinic = `q${Buffer.from(other.clinicId.replace(/-/g, ""), "hex").toString("base64url")}${token.slice(23)}`;
    const diaryKind = `d${token.slice(1)}`;
    for (const t of [wrong, otherClinic, diaryKind, token.slice(0, -1), `${token}x`, "abc", token.toUpperCase(), `${token}/extra`]) {
      const res = await callRunnerApi("POST", t, { answers: completeAnswers(["pain", "screen"]) });
      expect([t, res.status]).toEqual([t, 404]);
      expect(res.body).toEqual({
        error: "not found",
        message: "This link is not valid. Please check it, or ask your clinic for a new one.",
      });
    }
    // The right token still works: none of the above touched it.
    expect((await callRunnerApi("GET", token)).status).toBe(200);
  });

  it("answers the link's state before reading its body: an unknown link with a broken body is still a 404", async () => {
    const res = await callRunnerApi("POST", newRunnerToken("questionnaire", c.clinicId).token, undefined, "{not json");
    expect(res.status).toBe(404);
  });
});

describe("into the record and the caseload", () => {
  const caseload = async (t: TestClinic) => getCaseload(t.clinician, caseloadQuerySchema.parse({ limit: "100" }));

  it("puts a 'yes' of the runner's screen on the caseload at once, sorted among the red flags, until a clinician reviews it", async () => {
    const t = await createClinic();
    const plain = await episode(t);
    const flagged = await episode(t);
    const returned = await episode(t);
    const before = await caseload(t);
    expect(before.counts.questionnaires).toBe(0);

    const a = await request(flagged.episodeId, undefined, t);
    await callRunnerApi("POST", tokenOf(a.url), {
      answers: completeAnswers(["pain", "screen"], { yes: ["symptoms.locking", "symptoms.visibleSwelling"] }),
    });
    const b = await request(returned.episodeId, undefined, t);
    await callRunnerApi("POST", tokenOf(b.url), { answers: completeAnswers(["pain", "screen"]) });

    const after = await caseload(t);
    expect(after.counts).toMatchObject({ questionnaires: 2, diaryAlerts: 0 });
    const row = (id: string) => after.items.find((r) => r.episodeId === id)!;
    expect(row(flagged.episodeId)).toMatchObject({
      questionnairesToReview: 1,
      runnerRedFlags: ["symptoms.visibleSwelling", "symptoms.locking"],
    });
    expect(row(returned.episodeId)).toMatchObject({ questionnairesToReview: 1, runnerRedFlags: [] });
    // The urgency sort: runner-reported red flags first, then the returned questionnaire, then the rest.
    expect(after.items.map((r) => r.episodeId)).toEqual([flagged.episodeId, returned.episodeId, plain.episodeId]);
    const stored = await testDb().episode.findMany({ where: { clinicId: t.clinicId }, select: { id: true, worklistRank: true } });
    expect(stored.find((e) => e.id === flagged.episodeId)?.worklistRank).toBe(WORKLIST_RUNNER_REPORTED);
    expect(stored.find((e) => e.id === returned.episodeId)?.worklistRank).toBe(WORKLIST_QUESTIONNAIRE_RETURNED);

    await expect(reviewQuestionnaire(t.viewer, flagged.episodeId, a.id)).resolves.toBeUndefined(); // the permission is the route's
    const reviewed = await caseload(t);
    expect(reviewed.counts.questionnaires).toBe(1);
    expect(reviewed.items.find((r) => r.episodeId === flagged.episodeId)).toMatchObject({ questionnairesToReview: 0, runnerRedFlags: [] });
    await expect(reviewQuestionnaire(t.clinician, flagged.episodeId, a.id)).rejects.toThrow("already been reviewed");
    await expect(reviewQuestionnaire(other.clinician, returned.episodeId, b.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps what the runner reported as reported: PostgreSQL refuses changing submitted answers", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId);
    await callRunnerApi("POST", tokenOf(created.url), { answers: completeAnswers(["pain", "screen"]) });
    await expect(
      testDb().questionnaireRequest.update({ where: { id: created.id }, data: { answers: { symptoms: { painNow: 0 } } } }),
    ).rejects.toThrow(/never changes/);
    await expect(testDb().questionnaireRequest.update({ where: { id: created.id }, data: { expiresAt: new Date() } })).rejects.toThrow(
      /never changes/,
    );
  });

  it("refuses an invalid final answer with a ValidationError naming each question", async () => {
    const { episodeId } = await episode();
    const created = await request(episodeId, { instruments: ["psfs", "tegner"] });
    const res = await callRunnerApi("POST", tokenOf(created.url), {
      answers: {
        measures: {
          psfs: [
            { activity: "", score: 4 },
            { activity: "Hills", score: 12 },
          ],
          tegner: 11,
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { path: "measures.psfs.0.activity", message: "Name the activity" },
      { path: "measures.psfs.1.score", message: "Choose a number from 0 to 10" },
      { path: "measures.tegner", message: "Choose the level that fits you best" },
    ]);
    expect(ValidationError).toBeDefined();
  });
});

describe("taken into an assessment: what was imported, not when the draft was made", () => {
  /** A questionnaire the runner returned. */
  async function returned(episodeId: string) {
    const created = await request(episodeId, { instruments: ["pain"] });
    expect((await callRunnerApi("POST", tokenOf(created.url), { answers: completeAnswers(["pain"]) })).status).toBe(201);
    return created.id;
  }
  const intake = (episodeId: string, runnerRequestIds?: string[]) =>
    saveDraft(c.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: todayIn("UTC"),
      answers: { symptoms: { painNow: 5 } },
      runnerRequestIds,
    });

  it("a draft takes the questionnaires it was pre-filled from; one returned later is neither hidden nor taken twice", async () => {
    const { episodeId, patientId } = await episode();
    const first = await returned(episodeId);
    const offered = await runnerReportsForForm(c.clinician, episodeId);
    expect(offered.map((r) => r.id)).toEqual([first]);

    const draft = await intake(
      episodeId,
      offered.map((r) => r.id),
    );
    // Taken: the next form no longer offers it, and the draft reopened keeps where its answers came from.
    expect(await runnerReportsForForm(c.clinician, episodeId)).toEqual([]);
    expect((await runnerReportsUsedBy(c.clinician, patientId, draft.id)).map((r) => r.id)).toEqual([first]);
    // Saving again (without naming them) keeps them.
    const again = await saveDraft(c.clinician, {
      assessmentId: draft.id,
      version: draft.version,
      episodeId,
      kind: "intake",
      assessedOn: todayIn("UTC"),
      answers: { symptoms: { painNow: 4 } },
    });
    expect((await runnerReportsUsedBy(c.clinician, patientId, draft.id)).map((r) => r.id)).toEqual([first]);

    // Returned after the draft was made: not in it, named on the draft, and still there for the next assessment after signing.
    const late = await returned(episodeId);
    expect(await untakenRunnerReportDays(c.clinician, episodeId)).toEqual([todayIn("UTC")]);
    await signAssessment(c.clinician, draft.id, again.version, "Examination at the next visit");
    const rows = await testDb().questionnaireRequest.findMany({ where: { id: { in: [first, late] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first)).toMatchObject({ usedInAssessmentId: draft.id, reviewedById: c.clinician.userId });
    expect(byId.get(late)).toMatchObject({ usedInAssessmentId: null, reviewedAt: null });
    expect((await runnerReportsForForm(c.clinician, episodeId)).map((r) => r.id)).toEqual([late]);
    const created = await testDb().auditEvent.findFirstOrThrow({ where: { entityId: draft.id, action: "assessment.create" } });
    expect(created.detail).toMatchObject({ runnerRequestIds: [first] });
  });

  it("refuses a second form taking the same answers, saving nothing; a discarded draft gives them back", async () => {
    const { episodeId } = await episode();
    const id = await returned(episodeId);
    const draft = await intake(episodeId, [id]);
    const followUp = await saveDraft(c.clinician, {
      assessmentId: draft.id,
      version: draft.version,
      episodeId,
      kind: "intake",
      assessedOn: todayIn("UTC"),
      answers: {},
      runnerRequestIds: [id],
    });
    expect(followUp.version).toBe(draft.version + 1); // naming what it already took again is fine

    const otherEpisode = await episode();
    const elsewhere = await intake(otherEpisode.episodeId, [id]).catch((e: unknown) => e);
    expect(elsewhere).toBeInstanceOf(ConflictError);
    expect(await testDb().assessment.count({ where: { episodeId: otherEpisode.episodeId } })).toBe(0);
    const stranger = await saveDraft(other.clinician, {
      episodeId: (await episode(other)).episodeId,
      kind: "intake",
      assessedOn: todayIn("UTC"),
      answers: {},
      runnerRequestIds: [id],
    }).catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(ConflictError);

    await discardDraft(c.clinician, draft.id, followUp.version);
    expect((await runnerReportsForForm(c.clinician, episodeId)).map((r) => r.id)).toEqual([id]);
    expect((await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id } })).usedInAssessmentId).toBeNull();
  });
});
