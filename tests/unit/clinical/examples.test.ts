/**
 * The worked examples of the contract (copied from shared/clinical/examples
 * into tests/fixtures/evaluate). The expected files hold the values the
 * contract fixes; `because` and `considerations` are ours to design, and
 * riskFactors / redFlags are listed there by code (and urgency) only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, type Evaluation } from "@/lib/clinical";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";

const DIR = join(__dirname, "..", "..", "fixtures", "evaluate");
const EXAMPLES = ["01-gradual-with-load", "02-acute-trauma", "03-follow-up"];

function read(name: string): unknown {
  return JSON.parse(readFileSync(join(DIR, name), "utf8"));
}

/** The output reduced to what the expected files fix. */
function comparable(e: Evaluation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rulesVersion: e.rulesVersion,
    ageYears: e.ageYears,
    urgency: e.urgency,
    redFlags: e.redFlags.map(({ code, urgency }) => ({ code, urgency })),
    redFlagsAbsent: e.redFlagsAbsent,
    redFlagsNotAssessed: e.redFlagsNotAssessed,
    riskFactors: e.riskFactors.map((r) => r.code),
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

  it("02: Ottawa fires on age and weight-bearing after acute trauma; swelling on the effusion", () => {
    const e = evaluate(read("02-acute-trauma.input.json") as never);
    expect(e.redFlags).toEqual([
      {
        code: "ottawa_knee_rule_positive",
        urgency: "urgent",
        because: ["episode.mechanism", "ageYears", "symptoms.unableToBearWeightImmediately", "symptoms.unableToBearWeightNow"],
      },
      { code: "visible_swelling", urgency: "soon", because: ["exam.effusion"] },
    ]);
    expect(e.considerations).toEqual([{ code: "mcl", supporting: ["exam.tenderness", "exam.valgusStress30"] }]);
  });
});
