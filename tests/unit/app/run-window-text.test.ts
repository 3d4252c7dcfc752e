/**
 * The intake says how many runs its live evaluation reads: those of the one
 * run window (the 60 days up to the assessment, D-59 .. D), the same runs
 * the server reads when signing.
 */
import { runsInWindow } from "@/lib/clinical/record-input";
import { RUN_WINDOW_DAYS } from "@/lib/domain/windows";
import { runWindowText } from "@/lib/questions";

const run = (date: string) => ({ date, distanceKm: 5 });

describe("the intake's run count", () => {
  const runs = [run("2026-01-01"), run("2026-04-16"), run("2026-04-17"), run("2026-06-14"), run("2026-06-15"), run("2026-06-16")];

  it("counts the runs of D-59 .. D, not of 120 days, and says 60 days", () => {
    // D = 15 Jun 2026: D-59 is 17 Apr; 16 Apr and 1 Jan are outside, 16 Jun is after D.
    expect(RUN_WINDOW_DAYS).toBe(59);
    expect(runsInWindow(runs, "2026-06-15").map((r) => r.date)).toEqual(["2026-04-17", "2026-06-14", "2026-06-15"]);
    expect(runWindowText(runs, "2026-06-15")).toBe("3 runs in the 60 days up to the assessment");
    expect(runWindowText([run("2026-06-15")], "2026-06-15")).toBe("1 run in the 60 days up to the assessment");
    expect(runWindowText([], "2026-06-15")).toBe("0 runs in the 60 days up to the assessment");
  });

  it("says when an earlier assessment date needs runs the form did not load", () => {
    expect(runWindowText(runs, "2026-06-15", "2026-04-17")).toBe("3 runs in the 60 days up to the assessment");
    expect(runWindowText(runs, "2026-06-14", "2026-04-17")).toBe(
      "3 runs in the 60 days up to the assessment (runs before 17 Apr 2026 are not loaded here: the training load is computed when the draft is saved)",
    );
  });
});
