/**
 * The pure parts of the runner's links: tokens, the diary's alert rules, the
 * caseload's urgency sort, the runner's wording of the red-flag screen and
 * the schemas of what the runner sends.
 */
import { randomUUID } from "node:crypto";
import { diaryAlerts, painLimitOf, requestStatus, type DiaryDay } from "@/lib/domain/runner";
import { WORKLIST_NOT_EVALUATED, WORKLIST_QUESTIONNAIRE_RETURNED, WORKLIST_RUNNER_REPORTED, worklistRank } from "@/lib/domain/urgency";
import { formatDate } from "@/lib/format";
import { RED_FLAG_QUESTIONS, RUNNER_SCREEN_QUESTIONS, runnerReportedLabel, runnerReportedYes } from "@/lib/questions";
import { hashToken, newRunnerToken, parseRunnerToken, tokenOfUrl } from "@/lib/runner-token";
import { diaryEntrySchema, runnerAnswersSchema } from "@/lib/validation/runner";
import { toInputIssues } from "@/lib/validation/evaluate-input";

describe("tokens", () => {
  it("carry the kind, the clinic and 256 random bits, and parse back to the same hash", () => {
    const clinicId = randomUUID();
    const { token, hash } = newRunnerToken("questionnaire", clinicId);
    expect(token).toMatch(/^q[A-Za-z0-9_-]{65}$/);
    expect(parseRunnerToken(token)).toEqual({ kind: "questionnaire", clinicId, hash });
    expect(hash).toBe(hashToken(token));
    expect(parseRunnerToken(newRunnerToken("diary", clinicId).token)?.kind).toBe("diary");
    const tokens = new Set(Array.from({ length: 200 }, () => newRunnerToken("diary", clinicId).token));
    expect(tokens.size).toBe(200);
  });

  it("refuse anything of another form", () => {
    const { token } = newRunnerToken("questionnaire", randomUUID());
    for (const bad of ["", token.slice(1), `x${token.slice(1)}`, `${token}A`, token.slice(0, -1), `${token.slice(0, -1)}*`, 42, null]) {
      expect(parseRunnerToken(bad)).toBeNull();
    }
    // A secret whose last character carries bits base64url would drop is a second spelling of another token: refused.
    const alias = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const parsed = parseRunnerToken(alias);
    if (parsed) expect(parsed.hash).not.toBe(hashToken(token));
  });

  it("are found in a link the app made", () => {
    const { token } = newRunnerToken("diary", randomUUID());
    expect(tokenOfUrl(`https://clinic.example/r/${token}`)).toBe(token);
    expect(tokenOfUrl(`/r/${token}`)).toBe(token);
    expect(tokenOfUrl(`https://clinic.example/r/${token}/x`)).toBeNull();
    expect(tokenOfUrl("https://clinic.example/r/abc")).toBeNull();
  });
});

describe("request status", () => {
  it("is expired once an open request passes its expiry, whatever else", () => {
    const past = new Date(Date.now() - 1000);
    expect(requestStatus("open", past)).toBe("expired");
    expect(requestStatus("open", new Date(Date.now() + 60_000))).toBe("open");
    expect(requestStatus("completed", past)).toBe("completed");
    expect(requestStatus("withdrawn", past)).toBe("withdrawn");
  });
});

describe("diary alerts", () => {
  const day = (over: Partial<DiaryDay> = {}): DiaryDay => ({
    date: "2026-11-03",
    kind: "run",
    distanceKm: 8,
    painDuring: 2,
    painNextMorning: null,
    swelling: false,
    ...over,
  });
  const run = (d: DiaryDay, previous: { date: string; painNextMorning: number | null } | null, mode: string, max: number | null = null) =>
    diaryAlerts(d, previous, { mode: mode as never, maxPainDuringRun: max }, "ADVICE", formatDate).map((a) => a.code);

  it("the pain limit is the advice's, 0 when pain-free, none when no run is allowed", () => {
    expect(painLimitOf({ mode: "pain_monitored", maxPainDuringRun: 3 })).toBe(3);
    expect(painLimitOf({ mode: "pain_free", maxPainDuringRun: 0 })).toBe(0);
    expect(painLimitOf({ mode: "stop", maxPainDuringRun: null })).toBeNull();
    expect(painLimitOf({ mode: "screen_incomplete", maxPainDuringRun: null })).toBeNull();
  });

  it.each([
    ["stop", null, ["ran_against_advice"]],
    ["screen_incomplete", null, ["ran_against_advice"]],
    ["pain_free", 0, ["pain_over_limit"]],
    ["pain_monitored", 3, []],
    ["pain_monitored", 1, ["pain_over_limit"]],
  ])("a run with pain 2/10 under %s (limit %s) raises %j", (mode, max, codes) => {
    expect(run(day(), null, mode, max)).toEqual(codes);
  });

  it("a run at exactly the limit is not over it; a rest day never runs against the advice", () => {
    expect(run(day({ painDuring: 3 }), null, "pain_monitored", 3)).toEqual([]);
    expect(run(day({ kind: "rest", distanceKm: null, painDuring: null }), null, "stop")).toEqual([]);
  });

  it("next-morning pain higher than the day before's, and swelling, each alert and name the entry", () => {
    const alerts = diaryAlerts(
      day({ painNextMorning: 5, swelling: true }),
      { date: "2026-11-02", painNextMorning: 3 },
      { mode: "pain_monitored", maxPainDuringRun: 3 },
      "ADVICE",
      formatDate,
    );
    expect(alerts).toEqual([
      { code: "next_morning_higher", message: "Run of 8 km on 3 Nov 2026: next-morning pain 5/10, up from 3/10 the day before" },
      { code: "swelling", message: "Run of 8 km on 3 Nov 2026: swelling reported" },
    ]);
    expect(run(day({ painNextMorning: 3 }), { date: "2026-11-02", painNextMorning: 3 }, "pain_monitored", 3)).toEqual([]);
    expect(run(day({ painNextMorning: 5 }), null, "pain_monitored", 3)).toEqual([]);
    expect(run(day({ painNextMorning: 5 }), { date: "2026-11-02", painNextMorning: null }, "pain_monitored", 3)).toEqual([]);
  });
});

describe("the caseload's urgency sort", () => {
  const none = { runnerRedFlags: 0, diaryAlertsOpen: 0, questionnairesToReview: 0 };
  it("puts what the runner reported among the red flags, and never lowers an episode", () => {
    expect(worklistRank({ urgencyRank: 4, ...none })).toBe(WORKLIST_NOT_EVALUATED);
    expect(worklistRank({ urgencyRank: 3, ...none, runnerRedFlags: 2 })).toBe(WORKLIST_RUNNER_REPORTED);
    expect(worklistRank({ urgencyRank: 3, ...none, diaryAlertsOpen: 1 })).toBe(WORKLIST_RUNNER_REPORTED);
    expect(worklistRank({ urgencyRank: 3, ...none, questionnairesToReview: 1 })).toBe(WORKLIST_QUESTIONNAIRE_RETURNED);
    expect(worklistRank({ urgencyRank: 0, ...none, runnerRedFlags: 1 })).toBe(0); // an emergency stays first
    // urgent < runner-reported < soon < questionnaire returned < routine
    const order = [
      worklistRank({ urgencyRank: 1, ...none }),
      WORKLIST_RUNNER_REPORTED,
      worklistRank({ urgencyRank: 2, ...none }),
      WORKLIST_QUESTIONNAIRE_RETURNED,
      worklistRank({ urgencyRank: 3, ...none }),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe("the runner's red-flag screen", () => {
  it("asks every question of the clinician's screen in plain words, except the Wells score and the swelling-timing menu", () => {
    const clinician = RED_FLAG_QUESTIONS.filter((q) => q.kind !== "wells").map((q) =>
      q.path === "context.swellingTiming" ? "symptoms.swellingWithin2hOfInjury" : q.path,
    );
    expect(RUNNER_SCREEN_QUESTIONS.map((q) => q.path)).toEqual(clinician);
    for (const q of RUNNER_SCREEN_QUESTIONS) {
      expect(q.question).toMatch(/\?$/);
      expect(q.short).toMatch(/^[a-z]/);
    }
  });

  it("reports every yes, and pain carried on despite running less for the clinic's days", () => {
    const answers = {
      symptoms: { locking: true, limp: false, daysPersistingDespiteReducedTraining: 14 },
      history: { historyOfCancer: true },
    };
    expect(runnerReportedYes(answers, 14)).toEqual([
      "symptoms.locking",
      "history.historyOfCancer",
      "symptoms.daysPersistingDespiteReducedTraining",
    ]);
    expect(runnerReportedYes(answers, 15)).toEqual(["symptoms.locking", "history.historyOfCancer"]);
    expect(["symptoms.visibleSwelling", "symptoms.locking"].map(runnerReportedLabel)).toEqual(["swelling", "locking"]);
  });
});

describe("what the runner sends", () => {
  const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
    const r = schema.safeParse(value) as { success: boolean; error?: { issues: never[] } };
    return r.success ? [] : toInputIssues(r.error!.issues);
  };

  it("a final answer asks every question of the instruments requested, and nothing else", () => {
    const schema = runnerAnswersSchema({ instruments: ["pain", "tegner"], psfsActivities: [] }, "final");
    expect(issues(schema, { symptoms: { painNow: 2, painWorstWeek: 3 }, measures: { tegner: 4 } })).toEqual([]);
    expect(issues(schema, { symptoms: { painNow: 2 }, measures: { tegner: 4, koos: {} } })).toEqual([
      { path: "measures.koos", message: "Remove the unknown field" },
      { path: "symptoms.painWorstWeek", message: "Answer this question" },
    ]);
  });

  it("PSFS scores the episode's activities as named, or 1-5 the runner names", () => {
    const named = runnerAnswersSchema({ instruments: ["psfs"], psfsActivities: ["Running", "Stairs"] }, "final");
    expect(issues(named, { measures: { psfs: [{ activity: "Running", score: 3 }] } })).toEqual([
      { path: "measures.psfs", message: "Score each of the 2 activities" },
    ]);
    expect(
      issues(named, {
        measures: {
          psfs: [
            { activity: "Hills", score: 3 },
            { activity: "Stairs", score: 4 },
          ],
        },
      }),
    ).toEqual([{ path: "measures.psfs", message: "Keep the activities your clinic named" }]);
    const own = runnerAnswersSchema({ instruments: ["psfs"], psfsActivities: [] }, "final");
    expect(issues(own, { measures: { psfs: [] } })).toEqual([
      { path: "measures.psfs", message: "Name at least 1 and at most 5 activities" },
    ]);
    expect(issues(own, { measures: { psfs: [{ activity: "Running 5 km" }] } })).toEqual([
      { path: "measures.psfs.0.score", message: "Answer this question" },
    ]);
  });

  it("a draft takes any answer so far, each still in range", () => {
    const draft = runnerAnswersSchema({ instruments: ["lefs", "screen"], psfsActivities: [] }, "draft");
    expect(issues(draft, { measures: { lefs: [4, null, 3] } })).toEqual([]);
    expect(issues(draft, { measures: { lefs: [5] }, symptoms: { locking: "yes" } })).toEqual([
      { path: "measures.lefs.0", message: "Choose one of the answers" },
      { path: "symptoms.locking", message: "Answer yes or no" },
    ]);
  });

  it("a diary day: a run needs its distance and pains, a rest day only swelling", () => {
    expect(issues(diaryEntrySchema, { date: "2026-11-03", kind: "rest", swelling: false })).toEqual([]);
    expect(
      diaryEntrySchema.parse({
        date: "2026-11-03",
        kind: "run",
        distance: "5",
        unit: "mi",
        duration: "1:02:03",
        painDuring: 1,
        painAfter: 2,
        swelling: false,
      }),
    ).toMatchObject({
      distanceKm: 8.05,
      durationSec: 3723,
    });
    expect(issues(diaryEntrySchema, { date: "2026-02-30", kind: "walk", swelling: "no" })).toEqual([
      { path: "date", message: "Choose a real day" },
      { path: "kind", message: "Choose a run or a rest day" },
      { path: "swelling", message: "Answer yes or no" },
    ]);
    expect(
      issues(diaryEntrySchema, {
        date: "2026-11-03",
        kind: "run",
        distance: 5,
        duration: "fast",
        painDuring: 11,
        painAfter: 1,
        swelling: false,
      }),
    ).toEqual([{ path: "painDuring", message: "Choose a number from 0 to 10" }]);
  });
});
