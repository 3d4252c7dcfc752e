/**
 * The worked examples of the contract, rules version 2 (copied from
 * shared/clinical/examples into tests/fixtures/evaluate). The expected files
 * hold the values the contract fixes: red flags by code and urgency (plus
 * `because` of the five flags whose reasons the contract fixes), risk
 * factors by code, `runningAdvice` complete; other reasons and
 * `considerations` are ours to design.
 */
import { evaluate, type Evaluation } from "@/lib/clinical";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { EXAMPLES, readExample } from "@/tests/helpers/evaluate-examples";

/** The red flags whose `because` the contract fixes (EVALUATE.md section 3). */
const FIXED_BECAUSE = new Set([
  "septic_arthritis_suspected",
  "dvt_suspected",
  "scfe_suspected",
  "femoral_neck_bsi_suspected",
  "bone_stress_injury_suspected",
]);

const read = readExample;

/** The output reduced to what the expected files fix. */
function comparable(e: Evaluation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rulesVersion: e.rulesVersion,
    ageYears: e.ageYears,
    urgency: e.urgency,
    redFlags: e.redFlags.map(({ code, urgency, because }) => (FIXED_BECAUSE.has(code) ? { code, urgency, because } : { code, urgency })),
    redFlagsAbsent: e.redFlagsAbsent,
    redFlagsNotAssessed: e.redFlagsNotAssessed,
    riskFactors: e.riskFactors.map((r) => r.code),
    runningAdvice: e.runningAdvice,
    scores: e.scores,
  };
  if (e.load !== undefined) out.load = e.load;
  if (e.changes !== undefined) out.changes = e.changes;
  return out;
}

describe.each(EXAMPLES)("worked example %s", (name) => {
  const parsed = parseEvaluationInput(read(`${name}.input.json`));

  it("is valid input", () => {
    expect(parsed.ok).toBe(true);
  });

  it("gives the expected values, in the expected order", () => {
    if (!parsed.ok) throw new Error("invalid example");
    const evaluation = evaluate(parsed.value);
    const expected = read(`${name}.expected.json`);
    // toStrictEqual checks values; JSON text equality also checks key order.
    expect(comparable(evaluation)).toStrictEqual(expected);
    expect(JSON.stringify(comparable(evaluation))).toBe(JSON.stringify(expected));
  });

  it("orders the output keys as EVALUATE.md section 2", () => {
    if (!parsed.ok) throw new Error("invalid example");
    const keys = Object.keys(evaluate(parsed.value));
    const order = [
      "rulesVersion",
      "ageYears",
      "urgency",
      "redFlags",
      "redFlagsAbsent",
      "redFlagsNotAssessed",
      "riskFactors",
      "runningAdvice",
      "considerations",
      "scores",
      "load",
      "changes",
    ];
    expect(keys).toEqual(order.filter((k) => keys.includes(k)));
  });
});

describe("worked examples: reasoning", () => {
  it("01: names the inputs behind each risk factor and the pes anserine consideration", () => {
    const e = evaluate(read("01-gradual-with-load.input.json") as never);
    expect(e.riskFactors).toEqual([
      { code: "age_over_30", because: ["ageYears"] },
      { code: "cambered_or_one_direction", because: ["training.camberedRoads"] },
      { code: "rapid_distance_increase", because: ["load.twoWeekChangePct"] },
      { code: "single_run_spike", because: ["load.spikes"] },
    ]);
    expect(e.considerations).toEqual([{ code: "pes_anserine", supporting: ["exam.tenderness", "symptoms.painOnStairs"] }]);
  });

  it("02: Ottawa fires on age and weight-bearing after acute trauma, urgent within 7 days; swelling on the effusion", () => {
    const e = evaluate(read("02-acute-trauma.input.json") as never);
    expect(e.redFlags).toEqual([
      {
        code: "ottawa_knee_rule_positive",
        urgency: "urgent",
        because: [
          "episode.mechanism",
          "ageYears",
          "symptoms.unableToBearWeightImmediately",
          "symptoms.unableToBearWeightNow",
          "episode.onsetDate",
        ],
      },
      { code: "unable_to_bear_weight", urgency: "urgent", because: ["symptoms.unableToBearWeightNow"] },
      { code: "visible_swelling", urgency: "soon", because: ["exam.effusion"] },
    ]);
    expect(e.considerations).toEqual([{ code: "mcl", supporting: ["exam.tenderness", "exam.valgusStress30"] }]);
  });

  it("06: without loggedSince the log begins at its first run, the same day: the same evaluation", () => {
    const input = read("06-new-run-log.input.json") as { training: Record<string, unknown> };
    const { loggedSince: _l, ...training } = input.training;
    expect(evaluate({ ...input, training } as never)).toEqual(evaluate(input as never));
  });
});
