import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { correctEpisode } from "@/lib/data/episode-corrections";
import { createPatient } from "@/lib/data/patients";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { episodeCorrectionSchema, patientSchema } from "@/lib/validation/patients";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, SCREEN_NOT_DONE, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

/**
 * Episode corrections (issue 9 item 4): side, onset date and mechanism of an
 * open episode are corrected with a reason (audited); signed assessments keep
 * the facts they were evaluated with; a discharged episode is refused naming
 * the field; which patient an episode belongs to never changes (PostgreSQL).
 */
let c: TestClinic;
let other: TestClinic;
beforeAll(async () => {
  c = await createClinic();
  other = await createClinic();
});
afterAll(closeTestDb);

async function signedEpisode(t: TestClinic = c) {
  const { patientId, episodeId } = await episodeIn(t, {
    runner: { birthDate: "1960-03-01" },
    episode: { complaint: "Fell on the knee at a cross-country race", mechanism: "acute_trauma", onsetDate: isoDaysAgo(3) },
  });
  const d = await saveDraft(t.clinician, {
    episodeId,
    kind: "intake",
    assessedOn: isoDaysAgo(2),
    answers: { symptoms: { painNow: 5 }, exam: { tenderness: ["fibular_head"] } },
  });
  const a = await signAssessment(t.clinician, d.id, d.version, SCREEN_NOT_DONE);
  return { patientId, episodeId, assessmentId: a.id };
}

const correction = (episodeId: string, change: Record<string, unknown>) =>
  episodeCorrectionSchema.parse({
    episodeId,
    side: "left",
    mechanism: "acute_trauma",
    onsetDate: isoDaysAgo(3),
    reason: "Recorded wrongly",
    ...change,
  });

describe("episode corrections", () => {
  it("corrects mechanism, onset and side with a reason (audited); the signed assessment keeps what it was evaluated with", async () => {
    const { episodeId, assessmentId, patientId } = await signedEpisode();
    const signedBefore = await testDb().assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    expect(JSON.stringify(signedBefore.evaluationInput)).toContain('"acute_trauma"');

    const corrected = await correctEpisode(
      c.clinician,
      correction(episodeId, {
        mechanism: "gradual",
        side: "right",
        onsetDate: isoDaysAgo(40),
        reason: "Gradual onset over weeks; the fall was incidental",
      }),
    );
    expect(corrected).toMatchObject({ side: "right", mechanism: "gradual", onsetDate: isoDaysAgo(40) });

    const signedAfter = await testDb().assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    expect(signedAfter.evaluation).toEqual(signedBefore.evaluation);
    expect(signedAfter.evaluationInput).toEqual(signedBefore.evaluationInput);
    expect(signedAfter.version).toBe(signedBefore.version);

    const [event] = await testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, action: "episode.correct", entityId: episodeId } });
    expect(event).toMatchObject({ patientId, userId: c.clinician.userId });
    expect(event!.detail).toMatchObject({
      reason: "Gradual onset over weeks; the fall was incidental",
      before: { side: "left", mechanism: "acute_trauma", onsetDate: isoDaysAgo(3) },
      after: { side: "right", mechanism: "gradual", onsetDate: isoDaysAgo(40) },
    });
  });

  it("refuses a discharged episode naming the field, and nothing to correct; writes nothing", async () => {
    const { episodeId } = await signedEpisode();
    await testDb().episode.update({ where: { id: episodeId }, data: { status: "discharged", dischargedAt: new Date() } });
    const refused = await correctEpisode(c.clinician, correction(episodeId, { mechanism: "gradual" })).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { path: "mechanism", message: "Reopen the episode first: it is discharged, so its mechanism can no longer be corrected" },
    ]);
    expect((await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).mechanism).toBe("acute_trauma");

    const open = await signedEpisode();
    const same = await correctEpisode(c.clinician, correction(open.episodeId, {})).catch((e) => e);
    expect((same as ValidationError).issues[0]!.message).toMatch(/all three are as recorded/);
    const noReason = episodeCorrectionSchema.safeParse({ episodeId: open.episodeId, side: "right", reason: " " });
    expect(noReason.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    const future = await correctEpisode(c.clinician, { ...correction(open.episodeId, {}), onsetDate: "2999-01-01" }).catch((e) => e);
    expect((future as ValidationError).issues[0]!.path).toBe("onsetDate");
    expect(await testDb().auditEvent.count({ where: { action: "episode.correct", entityId: { in: [episodeId, open.episodeId] } } })).toBe(
      0,
    );
  });

  it("another clinic's episode is not found", async () => {
    const { episodeId } = await signedEpisode(other);
    await expect(correctEpisode(c.clinician, correction(episodeId, { side: "right" }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an episode's patient never changes: PostgreSQL refuses it, for the app's role and the owner alike", async () => {
    const { episodeId, patientId } = await signedEpisode();
    const otherPatient = await createPatient(c.clinician, patientSchema.parse(patientInput()));
    for (const db of [appDb(), testDb()]) {
      await expect(
        db.$executeRaw`UPDATE "Episode" SET "patientId" = ${otherPatient.id}::uuid WHERE id = ${episodeId}::uuid AND "clinicId" = ${c.clinicId}::uuid`,
      ).rejects.toThrow(/patientId never changes/);
    }
    expect((await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } })).patientId).toBe(patientId);
  });
});
