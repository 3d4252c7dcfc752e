/** The typed readers of stored JSON (lib/stored): each validates and knows its versions. */
import { evaluate } from "@/lib/clinical";
import { readAnswers, readPainCompanions } from "@/lib/stored/answers";
import { readDischargeOutcome } from "@/lib/stored/discharge-outcome";
import { readEvaluation, readEvaluationOrNull, rulesVersionLabel } from "@/lib/stored/evaluation";
import { StoredDataError } from "@/lib/stored/read";
import { readReferralDraft, readSettingsUsed } from "@/lib/stored/settings";
import { DEFAULT_SETTINGS } from "@/lib/domain";

const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("evaluation reader", () => {
  const evaluation = stored(
    evaluate({ assessedOn: "2026-06-15", patient: { birthDate: "1990-06-15" }, symptoms: { locking: true }, training: { runs: [] } }),
  );

  it("reads an evaluation of the rules version it names", () => {
    const e = readEvaluation(evaluation);
    expect(e).toEqual(evaluation);
    expect(rulesVersionLabel(e)).toBe(`rules version ${e.rulesVersion}`);
    expect(readEvaluationOrNull(null)).toBeNull();
  });

  it("refuses an unknown rules version, an unknown code and a missing list, naming the path", () => {
    const e = evaluation as Record<string, unknown>;
    expect(() => readEvaluation({ ...e, rulesVersion: "9" })).toThrow(StoredDataError);
    expect(() => readEvaluation({ ...e, redFlagsAbsent: ["no_such_flag"] })).toThrow(/redFlagsAbsent/);
    const { redFlags: _r, ...withoutFlags } = e;
    expect(() => readEvaluation(withoutFlags)).toThrow(/redFlags/);
    expect(() => readEvaluation("not an object")).toThrow(/stored evaluation is not readable/);
  });
});

describe("answers reader", () => {
  it("reads answers through the form's own schema and refuses what it refuses", () => {
    expect(readAnswers({ symptoms: { painNow: 4 }, context: { notes: "  kept  " } })).toEqual({
      symptoms: { painNow: 4 },
      context: { notes: "kept" },
    });
    expect(() => readAnswers({ symptoms: { painNow: 11 } })).toThrow(/symptoms\.painNow/);
    expect(() => readAnswers({ symptoms: { painnow: 4 } })).toThrow(StoredDataError);
  });

  it("reads only the pain charted beside pain now from the symptoms, in the chart's order; absent when not asked", () => {
    expect(readPainCompanions({ painDuringRun: 2, painNow: 5, painWorstWeek: 7, locking: true })).toEqual({
      painWorstWeek: 7,
      painDuringRun: 2,
    });
    expect(Object.keys(readPainCompanions({ painDuringRun: 2, painWorstWeek: 7 }))).toEqual(["painWorstWeek", "painDuringRun"]);
    expect(readPainCompanions({ painNow: 5 })).toEqual({});
    expect(readPainCompanions(null)).toEqual({});
  });

  it("refuses stored pain that the answers' schema refuses, naming the path", () => {
    expect(() => readPainCompanions({ painWorstWeek: 11 })).toThrow(/answers\.symptoms is not readable: painWorstWeek/);
    expect(() => readPainCompanions({ painDuringRun: "3" })).toThrow(/painDuringRun/);
    expect(() => readPainCompanions({ painDuringRun: 2.5 })).toThrow(StoredDataError);
    expect(() => readPainCompanions({ painWorstWeek: null })).toThrow(/painWorstWeek/);
    expect(() => readPainCompanions("not symptoms")).toThrow(StoredDataError);
    expect(() => readPainCompanions([4])).toThrow(StoredDataError);
  });
});

describe("settings reader", () => {
  it("reads the settings an evaluation used; those stored before maxRunPain read with its default", () => {
    const { maxRunPain: _m, ...before } = DEFAULT_SETTINGS;
    expect(readSettingsUsed(stored({ ...before, persistentPainDays: 10 }))).toEqual({ ...DEFAULT_SETTINGS, persistentPainDays: 10 });
    expect(readSettingsUsed(stored({ ...DEFAULT_SETTINGS, maxRunPain: 1 }))?.maxRunPain).toBe(1);
    expect(readSettingsUsed(null)).toBeNull();
    expect(() => readSettingsUsed({ ...DEFAULT_SETTINGS, spikePct: "10" })).toThrow(/spikePct/);
  });

  it("reads the referral's draft text; nothing stored is an empty draft", () => {
    expect(readReferralDraft({ notes: "Call first" })).toEqual({ notes: "Call first" });
    expect(readReferralDraft(null)).toEqual({});
    expect(() => readReferralDraft({ notes: 3 })).toThrow(/notes/);
  });
});

describe("discharge outcome reader", () => {
  const measure = { measure: "painNow", baseline: 7, final: 2, difference: -5, importantChange: 2, change: "improved" };
  const outcome = (version: number, final: unknown) => ({
    version,
    baseline: { assessmentId: "a1", assessedOn: "2026-06-01" },
    final,
    measures: [measure],
  });

  it("reads version 1 (assessments) and version 2 (a questionnaire the runner returned as the final measures)", () => {
    expect(readDischargeOutcome(outcome(1, { assessmentId: "a2", assessedOn: "2026-08-01" })).final?.assessmentId).toBe("a2");
    const v2 = readDischargeOutcome(outcome(2, { assessmentId: null, questionnaireRequestId: "q1", assessedOn: "2026-08-01" }));
    expect(v2.final?.questionnaireRequestId).toBe("q1");
  });

  it("refuses a version 1 visit without its assessment, and a visit naming neither an assessment nor a questionnaire", () => {
    expect(() => readDischargeOutcome(outcome(1, { assessmentId: null, questionnaireRequestId: "q1", assessedOn: "2026-08-01" }))).toThrow(
      /final/,
    );
    expect(() => readDischargeOutcome(outcome(2, { assessmentId: null, assessedOn: "2026-08-01" }))).toThrow(/final/);
  });
});
