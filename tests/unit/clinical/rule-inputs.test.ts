/**
 * Every input a red-flag rule reads is asked by the forms and has a label
 * for its reasons: a new rule on an input nobody asks, or one without a
 * label, fails here. The inputs are found by running each rule on answers
 * where nothing was asked (lib/clinical/facts.ts `pathsRead`).
 */
import { defineRedFlag, inputsOf, RED_FLAG_RULES, type RedFlagRule } from "@/lib/clinical";
import { FINDING_LABELS } from "@/lib/domain";
import { questionFor, questionsOf, RECORD_QUESTIONS, unansweredRedFlagQuestions } from "@/lib/questions";

const RULES = RED_FLAG_RULES as readonly RedFlagRule[];

/** The paths a rule reads that no question of `kind`'s form (or of the runner's and episode's records) asks. */
function unasked(rule: RedFlagRule, kind: "intake" | "follow_up"): string[] {
  const asked = new Set([...questionsOf(kind), ...RECORD_QUESTIONS].map((q) => q.path));
  return inputsOf(rule).all.filter((path) => !asked.has(questionFor(path)?.path ?? ""));
}

describe("the inputs of each red-flag rule", () => {
  it("are found (guards the test itself)", () => {
    const septic = RULES.find((r) => r.code === "septic_arthritis_suspected")!;
    expect(inputsOf(septic)).toEqual({
      fires: ["symptoms.hotSwollenJoint"],
      urgency: [],
      because: ["symptoms.fever", "history.recentJointInjection", "history.immunosuppressed"],
      all: ["symptoms.hotSwollenJoint", "symptoms.fever", "history.recentJointInjection", "history.immunosuppressed"],
    });
    const ottawa = RULES.find((r) => r.code === "ottawa_knee_rule_positive")!;
    expect(inputsOf(ottawa).urgency).toEqual(["episode.onsetDate"]);
    expect(inputsOf(ottawa).fires).toEqual(
      expect.arrayContaining(["episode.mechanism", "ageYears", "exam.tenderness", "exam.flexionTo90"]),
    );
  });

  it.each(RULES.map((r) => [r.code, r] as const))("%s: each input has a form question and a finding label", (_code, rule) => {
    for (const path of inputsOf(rule).all) {
      expect([path, questionFor(path)?.label]).toEqual([path, expect.any(String)]);
      expect([path, FINDING_LABELS[path]]).toEqual([path, expect.any(String)]);
    }
  });

  it.each(RULES.map((r) => [r.code, r] as const))("%s: the intake and the follow-up both ask every input", (_code, rule) => {
    expect(unasked(rule, "intake")).toEqual([]);
    expect(unasked(rule, "follow_up")).toEqual([]);
  });

  it("a rule on an input no form asks is caught (guards the test itself)", () => {
    const rule = defineRedFlag({
      code: "test_only",
      label: "Test",
      firesWhen: "",
      urgencyText: "",
      explanation: "",
      source: "",
      levels: ["soon"],
      when: (f) => f.is("patient.sex", "female"),
    });
    expect(questionFor("patient.sex")).toBeUndefined();
    expect(unasked(rule, "intake")).toEqual(["patient.sex"]);
  });
});

describe("the red-flag questions still to answer", () => {
  const record = { birthDate: "1990-06-15", mechanism: "gradual", onsetDate: null };

  it("names, for each flag not assessed, the unanswered questions of its trigger, once each, in form order", () => {
    const questions = unansweredRedFlagQuestions(
      ["tumour_suspected", "septic_arthritis_suspected"],
      { symptoms: { nightPain: true } },
      record,
    );
    expect(questions.map((q) => q.path)).toEqual([
      "symptoms.painAtRest",
      "symptoms.hotSwollenJoint",
      "symptoms.unexplainedWeightLoss",
      "history.historyOfCancer",
    ]);
  });

  it("asks for the episode's mechanism and the swelling timing through their own questions", () => {
    const q = unansweredRedFlagQuestions(["haemarthrosis_suspected"], {}, { ...record, mechanism: null });
    expect(q.map((x) => x.path)).toEqual(["context.swellingTiming", "episode.mechanism"]);
    expect(unansweredRedFlagQuestions(["haemarthrosis_suspected"], { context: { swellingTiming: "within_2h" } }, record)).toEqual([]);
  });

  it("is empty when nothing is left unassessed", () => {
    expect(unansweredRedFlagQuestions([], {}, record)).toEqual([]);
  });
});
