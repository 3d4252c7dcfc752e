/**
 * The runner's questionnaire page as data: every question in the words of the
 * instrument definitions in force, bound to the answer path the server reads,
 * and the check of one step with the server's own schema.
 */
import { BUILT_IN_INSTRUMENTS, choiceOptions, itemOf } from "@/lib/instruments";
import { INSTRUMENTS } from "@/lib/domain/runner";
import { flattenAnswers, nestAnswers, stepIssues } from "@/lib/runner-answers";
import { runnerSteps, stepOfPath } from "@/lib/runner-steps";
import { runnerAnswersSchema } from "@/lib/validation/runner";

const steps = runnerSteps(INSTRUMENTS, [], BUILT_IN_INSTRUMENTS);
const questions = (i: number) => steps[i]!.groups.flatMap((g) => g.questions);

describe("the runner's steps", () => {
  it("one per instrument, in the product's order, worded as the definitions", () => {
    expect(steps.map((s) => s.instrument)).toEqual([...INSTRUMENTS]);
    const koos = questions(1);
    expect(koos).toHaveLength(42);
    const p1 = koos.find((q) => q.path === "measures.koos.P1")!;
    const def = itemOf(BUILT_IN_INSTRUMENTS.koos, "P1");
    expect(p1.text).toBe(def.text);
    expect(p1.kind === "choice" && p1.options.map((o) => o.label)).toEqual(choiceOptions(def).map((o) => o.display));
    expect(questions(2).map((q) => q.path)).toEqual(Array.from({ length: 20 }, (_, i) => `measures.lefs.${i}`));
    expect(questions(0).find((q) => q.path === "symptoms.painDuringRun")).toMatchObject({ optional: "I have not run lately" });
  });

  it("finds the step of an answer path the server names", () => {
    expect(stepOfPath("measures.koos.SP3", steps)).toBe(1);
    expect(stepOfPath("measures.koos", steps)).toBe(1);
    expect(stepOfPath("measures.psfs.0.score", steps)).toBe(3);
    expect(stepOfPath("history.historyOfCancer", steps)).toBe(5);
    expect(stepOfPath("nothing.here", steps)).toBe(-1);
  });
});

describe("the page's answers", () => {
  it("nest into the shape sent and flatten back", () => {
    const flat = {
      "symptoms.painNow": 3,
      "measures.koos.P1": 2,
      "measures.lefs.4": 1,
      "measures.psfs": [{ activity: " Running ", score: 4 }, { activity: "" }],
    };
    const nested = nestAnswers(flat, "draft");
    expect(nested.measures!.psfs).toEqual([{ activity: "Running", score: 4 }]);
    expect((nested.measures!.lefs as unknown[])[4]).toBe(1);
    expect(runnerAnswersSchema({ instruments: INSTRUMENTS, psfsActivities: [] }, "draft").safeParse(nested).success).toBe(true);
    expect(flattenAnswers(nested)).toMatchObject({ "symptoms.painNow": 3, "measures.koos.P1": 2, "measures.lefs.4": 1 });
  });

  it("a step is checked question by question, in plain words", () => {
    const issues = stepIssues({ "symptoms.painNow": 11 }, steps[0]!, []);
    expect(issues).toEqual({
      "symptoms.painNow": "Choose a number from 0 to 10",
      "symptoms.painWorstWeek": "Answer this question",
    });
    expect(stepIssues({ "symptoms.painNow": 1, "symptoms.painWorstWeek": 2, "symptoms.painDuringRun": null }, steps[0]!, [])).toEqual({});
    const lefs = stepIssues({ "measures.lefs.0": 4 }, steps[2]!, []);
    expect(Object.keys(lefs)).toHaveLength(19);
    expect(lefs["measures.lefs.1"]).toBe("Answer this question");
    expect(stepIssues({}, steps[3]!, [])).toEqual({ "measures.psfs": "Name at least 1 and at most 5 activities" });
  });
});
