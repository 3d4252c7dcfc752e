/**
 * Faithful instruments on the server: a PSFS activity without a score is
 * refused naming the field, and nothing is written; a follow-up scores the
 * activities carried forward from the intake, unchanged; "Worsening" on the
 * caseload reads pain, KOOS, LEFS and PSFS, never a lower Tegner level (also
 * for episodes signed before, through the migration that recomputed it).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "@/lib/domain/access";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { getTimeline } from "@/lib/data/timeline";
import { ValidationError } from "@/lib/errors";
import { parseWithIssues, saveDraftSchema, type Answers } from "@/lib/validation/assessment";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic, SCREEN_NOT_DONE } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

async function newEpisode() {
  const { episodeId } = await episodeIn(c, { runner: { birthDate: "1985-03-01" }, episode: { complaint: "Inner knee pain" } });
  return episodeId;
}

/** What the save action does with a payload: the shared schema, then lib/data. */
async function save(actor: Actor, payload: unknown) {
  return saveDraft(actor, parseWithIssues(saveDraftSchema, payload));
}

async function refusal(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

const ACTIVITIES = ["Running 10 km", "Running downhill", "Climbing stairs"];
const psfs = (...scores: number[]) => ACTIVITIES.map((activity, i) => ({ activity, score: scores[i] ?? 5 }));

async function signedIntake(episodeId: string, measures: Answers["measures"] = { psfs: psfs(3, 4, 6) }, painNow = 5) {
  const d = await save(c.clinician, {
    episodeId,
    kind: "intake",
    assessedOn: isoDaysAgo(21),
    answers: { symptoms: { painNow }, measures },
  });
  return signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

const rowsOf = (episodeId: string) => testDb().assessment.findMany({ where: { episodeId }, orderBy: { createdAt: "asc" } });

describe("a PSFS activity without a score", () => {
  it("is refused, naming the activity's score field, and nothing is written", async () => {
    const episodeId = await newEpisode();
    const payload = {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(1),
      answers: { symptoms: { painNow: 4 }, measures: { psfs: [{ activity: "Running 10 km", score: 4 }, { activity: "Hills" }] } },
    };
    expect(await refusal(save(c.clinician, payload))).toEqual([
      { path: "answers.measures.psfs.1.score", message: "Score the activity from 0 (unable) to 10 (as before the problem)" },
    ]);
    expect(await rowsOf(episodeId)).toEqual([]);
  });

  it("refused on an update leaves the saved draft as it was", async () => {
    const episodeId = await newEpisode();
    const d = await save(c.clinician, { episodeId, kind: "intake", assessedOn: isoDaysAgo(1), answers: { measures: { psfs: psfs(2) } } });
    const payload = {
      assessmentId: d.id,
      version: d.version,
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(1),
      answers: { measures: { psfs: [{ activity: "Running 10 km", score: null }] } },
    };
    expect((await refusal(save(c.clinician, payload))).map((i) => i.path)).toEqual(["answers.measures.psfs.0.score"]);
    const [row] = await rowsOf(episodeId);
    expect(row?.version).toBe(1);
    expect(row?.answers).toEqual({ measures: { psfs: psfs(2) } });
  });
});

describe("PSFS carried forward to follow-ups", () => {
  it("a follow-up scores the intake's activities, each compared with itself", async () => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId);
    const f = await save(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(7),
      answers: { measures: { psfs: psfs(6, 7, 8) } },
    });
    expect(f.evaluation?.scores.psfs).toBe(7);
    expect(f.evaluation?.changes?.psfs).toEqual({ vsBaseline: "improved", vsPrevious: "improved" });
    const signed = await signAssessment(c.clinician, f.id, f.version, SCREEN_NOT_DONE);
    expect(signed.answers.measures?.psfs?.map((p) => p.activity)).toEqual(ACTIVITIES);
  });

  it("a follow-up may leave PSFS out", async () => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId);
    const f = await save(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(7), answers: { symptoms: { painNow: 3 } } });
    expect(f.evaluation?.scores.psfs).toBeUndefined();
  });

  it.each([
    [
      "a renamed activity",
      [{ activity: "Running 5 km", score: 6 }, ...psfs(0, 7, 8).slice(1)],
      [
        {
          path: "measures.psfs.0.activity",
          message: expect.stringMatching(/^Keep “Running 10 km” as recorded on .*: a follow-up scores the same activities, unchanged$/),
        },
      ],
    ],
    [
      "an activity left out",
      psfs(6, 7).slice(0, 2),
      [
        {
          path: "measures.psfs",
          message: expect.stringMatching(
            /^Score the 3 activities recorded on .* \(“Running 10 km”, “Running downhill”, “Climbing stairs”\)/,
          ),
        },
      ],
    ],
    [
      "a new activity added",
      [...psfs(6, 7, 8), { activity: "Hopping", score: 2 }],
      [{ path: "measures.psfs", message: expect.stringMatching(/^Score the 3 activities/) }],
    ],
    [
      "the activities reordered",
      [...psfs(6, 7, 8)].reverse(),
      [
        { path: "measures.psfs.0.activity", message: expect.stringMatching(/^Keep “Running 10 km”/) },
        { path: "measures.psfs.2.activity", message: expect.stringMatching(/^Keep “Climbing stairs”/) },
      ],
    ],
  ])("%s is refused on the follow-up and nothing is written", async (_name, list, issues) => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId);
    expect(
      await refusal(save(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(7), answers: { measures: { psfs: list } } })),
    ).toEqual(issues);
    expect((await rowsOf(episodeId)).map((r) => r.kind)).toEqual(["intake"]);
  });

  it("without PSFS at the intake, the first follow-up that records it sets the activities for the next ones", async () => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId, { tegner: 5 });
    const f1 = await save(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(14),
      answers: { measures: { psfs: [{ activity: "Parkrun", score: 3 }] } },
    });
    await signAssessment(c.clinician, f1.id, f1.version, SCREEN_NOT_DONE);
    expect(
      await refusal(
        save(c.clinician, {
          episodeId,
          kind: "follow_up",
          assessedOn: isoDaysAgo(7),
          answers: { measures: { psfs: [{ activity: "Hills", score: 3 }] } },
        }),
      ),
    ).toEqual([{ path: "measures.psfs.0.activity", message: expect.stringMatching(/^Keep “Parkrun”/) }]);
  });

  it("a follow-up draft saved with other activities before this rule cannot be signed until it scores the intake's", async () => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId);
    const f = await save(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(7), answers: { symptoms: { painNow: 2 } } });
    // As an earlier version of the app stored it.
    await testDb().assessment.update({
      where: { id: f.id },
      data: { answers: { symptoms: { painNow: 2 }, measures: { psfs: [{ activity: "Something else", score: 9 }] } } },
    });
    expect(await refusal(signAssessment(c.clinician, f.id, f.version, SCREEN_NOT_DONE))).toEqual([
      { path: "measures.psfs", message: expect.stringMatching(/^Score the 3/) },
    ]);
    expect((await testDb().assessment.findUniqueOrThrow({ where: { id: f.id } })).status).toBe("draft");
  });
});

describe('"Worsening" on the caseload', () => {
  async function followUp(episodeId: string, answers: Answers) {
    const f = await save(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(7), answers });
    await signAssessment(c.clinician, f.id, f.version, SCREEN_NOT_DONE);
    return testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
  }

  it("is not set by a lower Tegner level (rest from running was advised)", async () => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId, { tegner: 7, psfs: psfs(3, 4, 6) });
    const ep = await followUp(episodeId, { symptoms: { painNow: 5 }, measures: { tegner: 3, psfs: psfs(3, 4, 6) } });
    expect(ep.worsening).toBe(false);
  });

  it.each([
    ["pain", { symptoms: { painNow: 8 } }],
    ["PSFS", { symptoms: { painNow: 5 }, measures: { psfs: psfs(0, 1, 2) } }],
    ["LEFS", { symptoms: { painNow: 5 }, measures: { lefs: Array(20).fill(1) } }],
    ["KOOS", { symptoms: { painNow: 5 }, measures: { koos: { P1: 4, P2: 4, P3: 4, P4: 4, P5: 4 } } }],
  ] as [string, Answers][])("is set when %s worsened since the previous visit", async (_name, answers) => {
    const episodeId = await newEpisode();
    await signedIntake(episodeId, { psfs: psfs(3, 4, 6), lefs: Array(20).fill(3), koos: { P1: 1, P2: 1, P3: 1, P4: 1, P5: 1 } });
    expect((await followUp(episodeId, answers)).worsening).toBe(true);
  });

  it("the migration recomputed it for episodes signed before, and the caseload counts followed", async () => {
    const t = await createClinic();
    const { episodeId } = await episodeIn(t, { runner: { birthDate: "1985-03-01" }, episode: { complaint: "Inner knee pain" } });
    for (const [kind, days, tegner] of [
      ["intake", 21, 7],
      ["follow_up", 7, 3],
    ] as const) {
      const d = await saveDraft(t.clinician, {
        episodeId,
        kind,
        assessedOn: isoDaysAgo(days),
        answers: { symptoms: { painNow: 4 }, measures: { tegner } },
      });
      await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
    }
    const counts = () => testDb().caseloadCount.findUniqueOrThrow({ where: { clinicId: t.clinicId } });
    // As the caseload read before: the Tegner drop counted.
    await testDb().episode.update({ where: { id: episodeId }, data: { worsening: true } });
    expect((await counts()).worsening).toBe(1);
    const dir = readdirSync(join(__dirname, "..", "..", "prisma", "migrations")).find((d) => d.endsWith("_worsening_without_tegner"));
    const sql = readFileSync(join(__dirname, "..", "..", "prisma", "migrations", String(dir), "migration.sql"), "utf8");
    // Run on this clinic only (other test files share the database).
    const scoped = sql.replace(`WHERE status = 'signed'`, `WHERE status = 'signed' AND "clinicId" = '${t.clinicId}'`);
    expect(scoped).not.toBe(sql);
    await testDb().$executeRawUnsafe(scoped);
    expect((await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).worsening).toBe(false);
    expect((await counts()).worsening).toBe(0);
  });
});

describe("the timeline", () => {
  it("gives each assessment's worst pain of the week and pain during running, charted beside pain now", async () => {
    const { patientId, episodeId } = await episodeIn(c, { runner: { birthDate: "1985-03-01" }, episode: { complaint: "Inner knee pain" } });
    const d = await save(c.clinician, {
      episodeId,
      kind: "intake",
      assessedOn: isoDaysAgo(3),
      answers: { symptoms: { painNow: 3, painWorstWeek: 7, painDuringRun: 5 } },
    });
    await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
    await save(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(1), answers: { symptoms: { painNow: 2 } } });
    const t = await getTimeline(c.clinician, patientId);
    expect(t.assessments.map((a) => [a.status, a.evaluation?.scores.painNow, a.pain])).toEqual([
      ["signed", 3, { painWorstWeek: 7, painDuringRun: 5 }],
      ["draft", 2, {}],
    ]);
  });
});
