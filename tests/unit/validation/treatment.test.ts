import { answersSchema } from "@/lib/validation/assessment";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { treatmentText } from "@/lib/domain";
import { readTreatmentGiven } from "@/lib/stored/answers";

/** Treatment given at a visit (issue 14 item 3): part of the answers, each bad entry named by its path. */
const issues = (treatment: unknown) => {
  const r = answersSchema.safeParse({ treatment });
  return r.success ? [] : toInputIssues(r.error.issues);
};

describe("treatment given", () => {
  it("accepts codes with notes and gait retraining with its cadence target", () => {
    const treatment = {
      given: [
        { code: "education", notes: "Load and pain explained" },
        { code: "gait_retraining", cadenceTargetSpm: 172, notes: "Metronome app" },
        { code: "other", notes: "Foam roller shown" },
      ],
    };
    expect(issues(treatment)).toEqual([]);
    expect(readTreatmentGiven({ symptoms: {}, treatment })).toEqual(treatment.given);
    expect(readTreatmentGiven({})).toEqual([]);
    expect(treatmentText({ code: "gait_retraining", cadenceTargetSpm: 172, notes: "Metronome app" })).toBe(
      "Gait retraining (cadence target 172 steps/min): Metronome app",
    );
  });

  it("names the field of each bad entry", () => {
    expect(issues({ given: [{ code: "gait_retraining" }] })).toEqual([
      { path: "treatment.given.0.cadenceTargetSpm", message: "Enter the cadence target of the gait retraining (steps/min)" },
    ]);
    expect(issues({ given: [{ code: "taping", cadenceTargetSpm: 170 }] })[0]!.path).toBe("treatment.given.0.cadenceTargetSpm");
    expect(issues({ given: [{ code: "gait_retraining", cadenceTargetSpm: 300 }] })[0]).toEqual({
      path: "treatment.given.0.cadenceTargetSpm",
      message: "Enter the cadence target as a whole number from 140 to 220 steps/min",
    });
    expect(issues({ given: [{ code: "gait_retraining", cadenceTargetSpm: 170.5 }] })[0]!.path).toBe("treatment.given.0.cadenceTargetSpm");
    expect(issues({ given: [{ code: "education" }, { code: "other" }] })[0]!.path).toBe("treatment.given.1.notes");
    expect(issues({ given: [{ code: "cupping" }] })[0]!.path).toBe("treatment.given.0.code");
    expect(issues({ given: [{ code: "taping" }, { code: "taping" }] })[0]).toEqual({
      path: "treatment.given",
      message: "Remove the treatment listed twice",
    });
    expect(issues({ given: [{ code: "taping", notes: "x".repeat(1001) }] })[0]!.path).toBe("treatment.given.0.notes");
  });
});
