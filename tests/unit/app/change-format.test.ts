/**
 * The change tables (the live evaluation, the signed record): values from
 * the baseline to now, and the change with its sign and unit.
 */
import { formatDelta, formatFromTo } from "@/app/_components/charts/format";
import { baselineScoresOf } from "@/lib/clinical/record-input";

describe("change with its sign and unit", () => {
  it.each<[number, number, "/10" | "/100" | "/80" | "level", string]>([
    [6, 1, "/10", "−5 points"],
    [1, 2, "/10", "+1 point"],
    [73.3, 83.3, "/100", "+10 points"],
    [50, 50, "/80", "±0 points"],
    [5, 6, "level", "+1 level"],
    [6, 3, "level", "−3 levels"],
    [40.5, 38, "/80", "−2.5 points"],
  ])("%s → %s (%s) is %s", (before, now, unit, text) => {
    expect(formatDelta(before, now, unit)).toBe(text);
  });

  it("writes baseline → now with the measure's unit", () => {
    expect(formatFromTo(6, 1, "/10")).toBe("6/10 → 1/10");
    expect(formatFromTo(72.2, 80, "/100")).toBe("72.2/100 → 80/100");
    expect(formatFromTo(4, 6, "level")).toBe("level 4 → level 6");
  });
});

describe("the baseline's scores", () => {
  const intake = { assessedOn: "2026-11-03", answers: { symptoms: { painNow: 6 }, measures: { tegner: 4 } } };
  const followUp = { assessedOn: "2026-11-20", answers: { symptoms: { painNow: 3 }, measures: { tegner: 5 } } };

  it("are the earliest prior assessment's measures, scored", () => {
    expect(baselineScoresOf([followUp, intake], "2026-12-01")).toMatchObject({ tegner: 4 });
  });

  it("are none for the baseline itself, or before any prior", () => {
    expect(baselineScoresOf([], "2026-11-03")).toBeNull();
    expect(baselineScoresOf([intake], "2026-11-02")).toBeNull();
  });
});
