/**
 * The answers the form asks once: swelling timing decides
 * symptoms.swellingWithin2hOfInjury, the Wells criteria decide
 * exam.wellsDvt, so the history and the screen can never contradict
 * themselves; old drafts are shown without a hidden answer.
 */
import { wellsDvtLikelihood, wellsDvtScore } from "@/lib/clinical/wells";
import { WELLS_DVT_CRITERIA } from "@/lib/domain";
import { answersSchema, deriveAnswers, formAnswers } from "@/lib/validation/assessment";

describe("the Wells score from its criteria", () => {
  it("one point each, an alternative diagnosis at least as likely -2: from -2 to 9", () => {
    expect(wellsDvtScore([])).toBe(0);
    expect(wellsDvtScore(["alternative_diagnosis_as_likely"])).toBe(-2);
    expect(wellsDvtScore(["calf_swelling_3cm", "previous_dvt"])).toBe(2);
    expect(wellsDvtScore([...WELLS_DVT_CRITERIA])).toBe(7);
    expect(wellsDvtScore(WELLS_DVT_CRITERIA.filter((c) => c !== "alternative_diagnosis_as_likely"))).toBe(9);
    expect([wellsDvtLikelihood(1), wellsDvtLikelihood(2)]).toEqual(["unlikely", "likely"]);
  });

  it("the answers refuse an unknown or repeated criterion, naming the field", () => {
    const bad = answersSchema.safeParse({ context: { wellsDvtCriteria: ["previous_dvt", "previous_dvt"] } });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["context.wellsDvtCriteria", "Remove the criterion listed twice"],
    ]);
    expect(answersSchema.safeParse({ context: { wellsDvtCriteria: ["gut_feeling"] } }).success).toBe(false);
  });
});

describe("deriveAnswers", () => {
  it("sets swelling within 2 hours from the one timing question, whatever was sent", () => {
    expect(deriveAnswers({ context: { swellingTiming: "within_2h" } }).symptoms).toEqual({ swellingWithin2hOfInjury: true });
    expect(
      deriveAnswers({ context: { swellingTiming: "gradual" }, symptoms: { swellingWithin2hOfInjury: true, painNow: 3 } }).symptoms,
    ).toEqual({ swellingWithin2hOfInjury: false, painNow: 3 });
    expect(deriveAnswers({ context: { swellingTiming: "none" } }).symptoms?.swellingWithin2hOfInjury).toBe(false);
    expect(deriveAnswers({ symptoms: { painNow: 3 } })).toEqual({ symptoms: { painNow: 3 } });
  });

  it("sets the Wells score from the ticked criteria; a score without criteria is not kept", () => {
    expect(deriveAnswers({ context: { wellsDvtCriteria: [] }, exam: { hopPain: false } }).exam).toEqual({ hopPain: false, wellsDvt: 0 });
    expect(deriveAnswers({ context: { wellsDvtCriteria: ["entire_leg_swollen", "pitting_oedema"] }, exam: { wellsDvt: -2 } }).exam).toEqual(
      {
        wellsDvt: 2,
      },
    );
    expect(deriveAnswers({ exam: { wellsDvt: 5, hopPain: true } }).exam).toEqual({ hopPain: true });
  });
});

describe("formAnswers (a draft opened in the form)", () => {
  it("keeps 'swelling within 2 hours: yes' as the timing, and asks a bare 'no' again", () => {
    expect(formAnswers({ symptoms: { swellingWithin2hOfInjury: true } })).toEqual({
      symptoms: { swellingWithin2hOfInjury: true },
      context: { swellingTiming: "within_2h" },
    });
    expect(formAnswers({ symptoms: { swellingWithin2hOfInjury: false, locking: false } })).toEqual({ symptoms: { locking: false } });
    expect(formAnswers({ symptoms: { swellingWithin2hOfInjury: false }, context: { swellingTiming: "2_to_24h" } })).toEqual({
      symptoms: { swellingWithin2hOfInjury: false },
      context: { swellingTiming: "2_to_24h" },
    });
  });
});
