/**
 * PSFS carried forward (Stratford et al. 1995): a follow-up scores the
 * activities named at the intake, unchanged and in order, or records no PSFS.
 */
import { psfsBaseline, psfsCarryForwardIssues } from "@/lib/instruments/psfs";

const prior = (assessedOn: string, activities?: string[]) => ({
  assessedOn,
  answers: activities ? { measures: { psfs: activities.map((activity) => ({ activity, score: 3 })) } } : {},
});

describe("psfsBaseline", () => {
  it("takes the activities of the earliest assessment that recorded PSFS", () => {
    expect(psfsBaseline([prior("2026-01-05"), prior("2026-01-19", ["Running 10 km", "Stairs"]), prior("2026-02-02", ["Hills"])])).toEqual({
      activities: ["Running 10 km", "Stairs"],
      assessedOn: "2026-01-19",
    });
  });

  it("is null when no assessment recorded PSFS", () => {
    expect(psfsBaseline([])).toBeNull();
    expect(psfsBaseline([prior("2026-01-05"), prior("2026-01-06", [])])).toBeNull();
  });
});

describe("psfsCarryForwardIssues", () => {
  const baseline = { activities: ["Running 10 km", "Running downhill", "Stairs"], assessedOn: "2026-01-05" };
  const items = (...activities: string[]) => activities.map((activity) => ({ activity }));

  it("accepts the same activities in the same order, or no PSFS at all", () => {
    expect(psfsCarryForwardIssues(baseline, items("Running 10 km", "Running downhill", "Stairs"))).toEqual([]);
    expect(psfsCarryForwardIssues(baseline, undefined)).toEqual([]);
    expect(psfsCarryForwardIssues(null, items("Anything"))).toEqual([]);
  });

  it("refuses another number of activities, naming them and where they were recorded", () => {
    expect(psfsCarryForwardIssues(baseline, items("Running 10 km", "Running downhill"))).toEqual([
      {
        path: "measures.psfs",
        message:
          "Score the 3 activities recorded on 5 Jan 2026 (“Running 10 km”, “Running downhill”, “Stairs”): a follow-up scores the same activities",
      },
    ]);
  });

  it("refuses a renamed or reordered activity at its own field", () => {
    expect(psfsCarryForwardIssues(baseline, items("Running 10 km", "Stairs", "Running downhill"))).toEqual([
      {
        path: "measures.psfs.1.activity",
        message: "Keep “Running downhill” as recorded on 5 Jan 2026: a follow-up scores the same activities, unchanged",
      },
      {
        path: "measures.psfs.2.activity",
        message: "Keep “Stairs” as recorded on 5 Jan 2026: a follow-up scores the same activities, unchanged",
      },
    ]);
    expect(psfsCarryForwardIssues(baseline, items("Running 10 km ", "Running downhill", "Stairs"))).toHaveLength(1);
  });
});
