import { evaluate } from "../../lib/clinical";
import type { EvaluationInput } from "../../lib/clinical/input";
import { proposeReturnToRun, type PlanDiaryDay } from "../../lib/clinical/return-to-run";
import { parseEvaluationInput } from "../../lib/validation/evaluate-input";
import { refreshRunnerSummary } from "../../lib/data/episode-summary";
import { adviceInForce } from "../../lib/data/runner-links";
import { clinicLadderIn } from "../../lib/data/return-to-run-state";
import { clinicSettingsIn } from "../../lib/data/settings";
import { asJson } from "../../lib/data/tx";
import { diaryAlerts, type AdviceInForce } from "../../lib/domain/runner";
import type { LadderStage, ReturnToRunStep } from "../../lib/domain/return-to-run";
import { addDays, formatDate } from "../../lib/format";
import { readAnswers } from "../../lib/stored/answers";
import { newRunnerToken } from "../../lib/runner-token";
import type { Prisma } from "../../prisma/generated/client";

type Tx = Prisma.TransactionClient;

/**
 * Demo return-to-run plans (issue 14 items 2 and 6), each with the runner's
 * diary that makes its history and today's proposal true (the decisions
 * were the app's proposals, worked out by lib/clinical/return-to-run.ts from
 * the days logged before them):
 * - progressing: pain-monitored advice, stage 3 after two advances, three
 *   sessions within the pain rules since: the app proposes advancing;
 * - stepping back: pain-monitored advice, stage 4, then a run at 6/10 (the
 *   diary raised its alert, not yet reviewed): the app proposes a step back;
 * - pain-free after a bone stress finding: a review the day the plan was
 *   made found focal bony tenderness of the proximal medial tibia without
 *   hop, rest or night pain (the suspected bone stress injury at "soon":
 *   pain-free running only); stage 1, two sessions at 0/10 and yesterday's
 *   waiting for its next-morning pain: the app proposes holding.
 * Episodes are chosen open, with a signed intake before the plan began.
 */
type Day = { kind: "run" | "rest"; during: number | null; after: number | null; morning: number | null };
type Story = {
  name: string;
  /** Days before today the plan was made; the start (stage 1) is the day after. */
  madeDaysAgo: number;
  /** Days before today of each advance after the start. */
  advancesDaysAgo: number[];
  /** The diary from the start, by days before today: a run (pains) or a rest day (next-morning pain only). */
  diary: (daysAgo: number) => Day;
  note: string;
};

const onDays =
  (runs: number[], pain: number, morning: number) =>
  (daysAgo: number): Day =>
    runs.includes(daysAgo) ? { kind: "run", during: pain, after: pain, morning } : { kind: "rest", during: null, after: null, morning };

const STORIES: Record<"progressing" | "stepping_back" | "pain_free", Story> = {
  progressing: {
    name: "progressing",
    madeDaysAgo: 22,
    advancesDaysAgo: [14, 7],
    diary: onDays([20, 18, 16, 13, 11, 9, 6, 4, 2], 2, 1),
    note: "Walked 30 minutes and hopped 10 times without pain; single-leg squat well controlled.",
  },
  stepping_back: {
    name: "stepping back",
    madeDaysAgo: 30,
    advancesDaysAgo: [22, 15, 8],
    diary: (d) =>
      d === 3
        ? { kind: "run", during: 6, after: 5, morning: 3 }
        : d < 3
          ? { kind: "rest", during: null, after: null, morning: 2 }
          : onDays([27, 25, 23, 20, 18, 16, 13, 11, 9, 6], 2, 1)(d),
    note: "All three criteria met at the visit; keen to start before the club season.",
  },
  pain_free: {
    name: "pain-free after a bone stress finding",
    madeDaysAgo: 10,
    advancesDaysAgo: [],
    // The run yesterday waits for this morning's pain.
    diary: (d) => (d === 1 ? { kind: "run", during: 0, after: 0, morning: null } : onDays([8, 5], 0, 0)(d)),
    note: "Pain-free walking 30 minutes and 10 single-leg hops; bony tenderness only on firm pressure (bone stress: pain-free running only).",
  },
};

/** Kilometres of one session of a stage (about 6 min/km running, 12 min/km walking). */
const sessionKm = (s: LadderStage) =>
  Math.max(1, Math.round(((s.runMinutes * s.repeats) / 6 + (s.walkMinutes * s.repeats) / 12) * 10) / 10);
const at = (date: string, time: string) => new Date(`${date}T${time}Z`);

type Picked = { id: string; advice: AdviceInForce & { text: string } };
type Candidate = { id: string; redFlagScenario: boolean; dischargedOn: string | null };
type Sign = (rows: { id: string; signedAt: string; input: unknown }[]) => Promise<void>;

/**
 * Open overuse episodes under pain-monitored advice whose intake came before
 * the story's plan; the bone stress story also needs its latest signed visit
 * before the review that found the bony tenderness.
 */
async function pickEpisodes(tx: Tx, clinicId: string, episodes: Candidate[], today: string): Promise<Map<keyof typeof STORIES, Picked>> {
  const picked = new Map<keyof typeof STORIES, Picked>();
  for (const e of episodes) {
    if (e.dischargedOn || e.redFlagScenario) continue;
    const visits = await tx.assessment.findMany({
      where: { clinicId, episodeId: e.id, status: "signed" },
      select: { assessedOn: true },
      orderBy: { assessedOn: "asc" },
    });
    if (!visits.length) continue;
    const daysAgo = (d: Date) => (Date.parse(today) - d.getTime()) / 86_400_000;
    const advice = await adviceInForce(tx, clinicId, e.id);
    if (advice.mode !== "pain_monitored") continue;
    const fits = (story: keyof typeof STORIES) => !picked.has(story) && daysAgo(visits[0]!.assessedOn) > STORIES[story].madeDaysAgo;
    if (fits("pain_free") && daysAgo(visits.at(-1)!.assessedOn) > STORIES.pain_free.madeDaysAgo)
      picked.set("pain_free", { id: e.id, advice });
    else if (fits("stepping_back")) picked.set("stepping_back", { id: e.id, advice });
    else if (fits("progressing")) picked.set("progressing", { id: e.id, advice });
  }
  return picked;
}

/**
 * The review that found a bone stress injury: a follow-up like the latest
 * signed visit, but with focal bony tenderness of the proximal medial tibia
 * and no hop, rest or night pain, no previous bone stress injury and no low
 * energy availability (the flag at "soon": pain-free running only),
 * evaluated by the engine, signed, and its flag safety-netted.
 */
async function boneStressReview(tx: Tx, clinicId: string, clinicianId: string, episodeId: string, on: string, sign: Sign) {
  const latest = await tx.assessment.findFirstOrThrow({
    where: { clinicId, episodeId, status: "signed" },
    orderBy: [{ assessedOn: "desc" }, { signedAt: "desc" }],
    select: { answers: true, evaluationInput: true },
  });
  const parsed = parseEvaluationInput(latest.evaluationInput);
  if (!parsed.ok) throw new Error("demo bone stress review: the latest visit's engine input is unreadable");
  const found = {
    exam: { tenderness: ["proximal_medial_tibia_bony" as const], hopPain: false },
    history: { previousBoneStressInjury: false, lowEnergyAvailability: false },
    symptoms: { painAtRest: false, nightPain: false, sharpWeightBearingPain: false, visibleSwelling: false },
  };
  const input: EvaluationInput = {
    ...parsed.value,
    assessedOn: on,
    exam: { ...parsed.value.exam, ...found.exam },
    history: { ...parsed.value.history, ...found.history },
    symptoms: { ...parsed.value.symptoms, ...found.symptoms },
  };
  const evaluation = evaluate(input);
  if (evaluation.runningAdvice.mode !== "pain_free") throw new Error(`demo bone stress review: advice ${evaluation.runningAdvice.mode}`);
  const answers = readAnswers(latest.answers);
  const row = await tx.assessment.create({
    data: {
      clinicId,
      episodeId,
      kind: "follow_up",
      assessedOn: new Date(`${on}T00:00:00Z`),
      answers: asJson({
        ...answers,
        exam: { ...answers.exam, ...found.exam },
        history: { ...answers.history, ...found.history },
        symptoms: { ...answers.symptoms, ...found.symptoms },
        plan: { items: ["walk_run_progression", "pain_monitoring", "strengthen_hip_thigh"], nextReviewDate: addDays(on, 14) },
      }),
      evaluation: asJson(evaluation),
      rulesVersion: evaluation.rulesVersion,
      urgency: evaluation.urgency,
      createdById: clinicianId,
      updatedById: clinicianId,
    },
  });
  await sign([{ id: row.id, signedAt: `${on}T10:30:00Z`, input }]);
  await tx.redFlagAction.create({
    data: {
      clinicId,
      episodeId,
      assessmentId: row.id,
      code: "bone_stress_injury_suspected",
      action: "advised_safety_netted",
      note: "Focal bony tenderness without hop, rest or night pain: pain-free running only on the walk-run plan; MRI if it does not settle.",
      actedById: clinicianId,
      actedByName: "",
      actedAt: at(on, "10:45:00"),
    },
  });
  await tx.episode.updateMany({ where: { id: episodeId, clinicId }, data: { nextReviewDate: new Date(`${addDays(on, 14)}T00:00:00Z`) } });
}

export async function seedReturnToRun(
  tx: Tx,
  clinicId: string,
  clinician: { id: string },
  episodes: Candidate[],
  today: string,
  sign: Sign,
): Promise<string[]> {
  const ladder = await clinicLadderIn(tx, clinicId);
  const settings = await clinicSettingsIn(tx, clinicId);
  const picked = await pickEpisodes(tx, clinicId, episodes, today);
  const made: string[] = [];
  for (const [key, { id: episodeId, advice }] of picked) {
    const story = STORIES[key];
    let inForce = advice;
    if (key === "pain_free") {
      await boneStressReview(tx, clinicId, clinician.id, episodeId, addDays(today, -story.madeDaysAgo), sign);
      inForce = await adviceInForce(tx, clinicId, episodeId);
    }
    await seedPlan(tx, clinicId, clinician.id, episodeId, story, ladder, { ...inForce, maxRunPain: settings.maxRunPain }, today);
    made.push(story.name);
  }
  return made;
}

async function seedPlan(
  tx: Tx,
  clinicId: string,
  clinicianId: string,
  episodeId: string,
  story: Story,
  ladder: LadderStage[],
  advice: AdviceInForce & { text: string; maxRunPain: number },
  today: string,
): Promise<void> {
  const day = (daysAgo: number) => addDays(today, -daysAgo);
  const madeOn = day(story.madeDaysAgo);
  const maxPainDuringRun = advice.mode === "pain_monitored" ? (advice.maxPainDuringRun ?? advice.maxRunPain) : advice.maxPainDuringRun;
  const mode: AdviceInForce = { mode: advice.mode, maxPainDuringRun };
  const episode = await tx.episode.findFirstOrThrow({ where: { id: episodeId, clinicId }, select: { patientId: true } });
  const plan = await tx.returnToRunPlan.create({
    data: { clinicId, episodeId, ladder: asJson(ladder), createdById: clinicianId, createdByName: "", createdAt: at(madeOn, "11:00:00") },
  });
  const link = await tx.diaryLink.create({
    data: {
      clinicId,
      episodeId,
      tokenHash: newRunnerToken("diary", clinicId).hash,
      validUntil: new Date(`${addDays(today, 42)}T00:00:00Z`),
      createdById: clinicianId,
      createdAt: at(madeOn, "11:05:00"),
    },
  });
  // The decisions: the start the day after the plan, then each advance; the stage of each diary day follows.
  const decisionDays = [story.madeDaysAgo - 1, ...story.advancesDaysAgo];
  const stageOn = (daysAgo: number) => decisionDays.filter((d) => d >= daysAgo).length;
  // The diary from the start to yesterday (the runner logs today's run this evening); the seed log's runs from the start are its runs.
  const days: PlanDiaryDay[] = [];
  for (let d = story.madeDaysAgo - 1; d >= 1; d--) {
    const stage = stageOn(d);
    const s = story.diary(d);
    days.push({
      date: day(d),
      kind: stage === 0 ? "rest" : s.kind,
      painDuring: stage === 0 ? null : s.during,
      painAfter: stage === 0 ? null : s.after,
      painNextMorning: s.morning,
      swelling: false,
    });
  }
  await tx.run.deleteMany({
    where: { clinicId, patientId: episode.patientId, source: "seed", date: { gte: new Date(`${madeOn}T00:00:00Z`) } },
  });
  let previous: PlanDiaryDay | null = null;
  for (const [i, d] of days.entries()) {
    const stage = ladder[Math.max(0, stageOn(story.madeDaysAgo - 1 - i) - 1)]!;
    const km = d.kind === "run" ? sessionKm(stage) : null;
    const minutes = (stage.walkMinutes + stage.runMinutes) * stage.repeats;
    const entry = await tx.diaryEntry.create({
      data: {
        clinicId,
        episodeId,
        diaryLinkId: link.id,
        date: new Date(`${d.date}T00:00:00Z`),
        kind: d.kind,
        distanceKm: km,
        durationSec: km === null ? null : minutes * 60,
        surface: km === null ? null : "road",
        painDuring: d.painDuring,
        painAfter: d.painAfter,
        painNextMorning: d.painNextMorning,
        swelling: false,
        createdAt: at(d.date, "20:00:00"),
        updatedAt: d.painNextMorning === null ? at(d.date, "20:00:00") : at(addDays(d.date, 1), "07:30:00"),
      },
    });
    if (km !== null)
      await tx.run.create({
        data: {
          clinicId,
          patientId: episode.patientId,
          date: new Date(`${d.date}T00:00:00Z`),
          distanceKm: km,
          durationSec: minutes * 60,
          surface: "road",
          source: "diary",
          diaryEntryId: entry.id,
        },
      });
    const alerts = diaryAlerts(
      { ...d, distanceKm: km },
      previous ? { date: previous.date, painNextMorning: previous.painNextMorning } : null,
      mode,
      advice.text,
      formatDate,
    );
    if (alerts.length)
      await tx.diaryAlert.createMany({
        data: alerts.map((a) => ({
          clinicId,
          episodeId,
          entryId: entry.id,
          code: a.code,
          message: a.message,
          raisedAt: at(d.date, "20:00:00"),
        })),
      });
    previous = d;
  }
  // Each decision was the app's proposal on the days logged before it.
  let since = madeOn;
  let stage = 0;
  for (const d of decisionDays) {
    const on = day(d);
    const proposal = proposeReturnToRun({
      stage,
      ladder,
      completed: false,
      advice: mode,
      since,
      days: days.filter((x) => x.date >= addDays(since, -1) && x.date < on),
      today: on,
      dateText: formatDate,
    });
    const step: ReturnToRunStep = stage === 0 ? "start" : "advance";
    if (proposal.step !== step) throw new Error(`demo return-to-run plan (${story.name}): the app proposes ${proposal.step} on ${on}`);
    await tx.returnToRunDecision.create({
      data: {
        clinicId,
        episodeId,
        planId: plan.id,
        step,
        fromStage: stage,
        toStage: stage + 1,
        proposedStep: proposal.step,
        proposedReason: proposal.reason,
        adviceMode: mode.mode,
        maxPainDuringRun,
        entryCriteria:
          step === "start"
            ? asJson({ met: { walk_30_pain_free: true, hops_pain_free: true, single_leg_squat_controlled: true }, note: story.note })
            : undefined,
        decidedOn: new Date(`${on}T00:00:00Z`),
        decidedById: clinicianId,
        decidedByName: "",
        createdAt: at(on, "12:00:00"),
      },
    });
    since = on;
    stage++;
  }
  await refreshRunnerSummary(tx, clinicId, episodeId);
}
