/**
 * The evaluation panel (live in the form, and on a signed record): one
 * display level, the running advice, and evaluations of rules version 1
 * shown as they were made, labelled, without running advice.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { EvaluationPanel } from "@/app/_components/assessment/evaluation-panel";
import { evaluate, type EvaluationV1 } from "@/lib/clinical";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const render = (props: Parameters<typeof EvaluationPanel>[0]) => text(renderToStaticMarkup(createElement(EvaluationPanel, props)));
const base = { assessedOn: "2026-06-15", patient: { birthDate: "1990-06-15" } };

/** A version 1 evaluation as stored: routine, some flags not assessed, no running advice. */
const v1: EvaluationV1 = {
  rulesVersion: "1",
  ageYears: 36,
  urgency: "urgent",
  redFlags: [{ code: "scfe_suspected", urgency: "urgent", because: ["ageYears", "symptoms.limp"] }],
  redFlagsAbsent: ["dvt_suspected"],
  redFlagsNotAssessed: ["tumour_suspected"],
  riskFactors: [],
  considerations: [],
  scores: { painNow: 4 },
  load: { acute7dKm: 12, chronicWeeklyKm: 10, acwr: 1.2, twoWeekChangePct: null, spikes: [] },
};

describe("EvaluationPanel", () => {
  it("nothing asked: not yet screened with the questions still to answer, never routine, no running advice yet", () => {
    const out = render({ evaluation: evaluate(base), unanswered: ["Hot, swollen joint", "Night pain", "Pain at rest"] });
    expect(out).toContain("Not yet screened: 3 questions");
    expect(out).not.toMatch(/\bRoutine\b/);
    expect(out).toContain("3 red-flag questions still to answer");
    expect(out).toContain("No running advice until the screen is complete: 18 red flags not assessed"); // SCFE is absent at 36
  });

  it("a flag with the screen incomplete: its urgency and a screen-incomplete marker; running stops", () => {
    const out = render({ evaluation: evaluate({ ...base, symptoms: { locking: true } }), unanswered: ["Night pain"] });
    expect(out).toMatch(/Urgent Screen incomplete: 1 question/);
    expect(out).toContain("Stop running");
    expect(out).toContain("Because of: Locked knee");
  });

  it("every flag assessed, none found: routine, pain-monitored at the clinic's limit", () => {
    const e = evaluate(
      {
        ...base,
        episode: { mechanism: "gradual" },
        symptoms: {
          hotSwollenJoint: false,
          coldOrPaleLimb: false,
          suspectedDislocation: false,
          newNumbnessOrWeakness: false,
          calfSwellingOrTenderness: false,
          unableToBearWeightNow: false,
          locking: false,
          patellarDislocation: false,
          nightPain: false,
          painAtRest: false,
          instability: false,
          daysPersistingDespiteReducedTraining: 0,
          visibleSwelling: false,
          catching: false,
          sharpWeightBearingPain: false,
        },
        exam: { tenderness: [], hipInternalRotationReduced: false, valgusStress0: "normal", effusion: "none" },
      },
      { maxRunPain: 4 },
    );
    expect(e.redFlagsNotAssessed).toEqual([]);
    const out = render({ evaluation: e, unanswered: [] });
    expect(out).toMatch(/Routine Routine: conservative care/);
    expect(out).toContain("Pain up to 4 of 10 during the run, settled by the next morning");
  });

  it("an evaluation of rules version 1 is shown as made: labelled, its flags and urgency, no running advice", () => {
    const out = render({ evaluation: v1 });
    expect(out).toContain("Made under rules version 1");
    expect(out).toContain("Suspected slipped capital femoral epiphysis");
    expect(out).toMatch(/Urgent Screen incomplete/);
    expect(out).toContain("No running advice: this evaluation was made under rules version 1, which gave none.");
    expect(out).toContain("12 km");
  });
});
