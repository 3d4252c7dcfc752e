import { outcomeRows, outcomesCsv, SUPPRESSED_CELL } from "@/lib/export/outcomes-csv";
import { OUTCOME_MEASURES, OUTCOME_POINTS, type OutcomeFigure, type OutcomeFigures, type OutcomesReport } from "@/lib/domain/outcomes";
import { DISCHARGE_REASONS } from "@/lib/domain/codes";

/** The CSV export of the clinic outcomes: aggregates only, "<5" for suppressed cells, formulas never live. */
const fig = (numerator: number, denominator: number, value: number): OutcomeFigure => ({
  numerator,
  denominator,
  value,
  suppressed: false,
});
const hidden: OutcomeFigure = { numerator: null, denominator: null, value: null, suppressed: true };

function figures(f: OutcomeFigure): OutcomeFigures {
  const m = { ...f, missing: f.suppressed ? null : 1, notYetDue: f.suppressed ? null : 2 };
  return {
    opened: f.suppressed ? f : fig(10, 10, 10),
    discharged: f,
    open: f,
    improvement: Object.fromEntries(
      OUTCOME_MEASURES.map((x) => [x, Object.fromEntries(OUTCOME_POINTS.map((p) => [p, m]))]),
    ) as OutcomeFigures["improvement"],
    medianDaysToReturnToRunning: f.suppressed ? f : fig(6, 10, 42.5),
    medianDaysToDischarge: f,
    recurrence: { ...f, notYetDue: null },
    referred: f,
    redFlag: f,
    followUpsOnTime: f,
    dischargeReasons: Object.fromEntries([...DISCHARGE_REASONS, "not_recorded"].map((r) => [r, f])) as OutcomeFigures["dischargeReasons"],
  };
}

const report: OutcomesReport = {
  from: "2026-01-01",
  to: "2026-12-01",
  today: "2026-12-04",
  groupBy: "clinician",
  clinicianId: null,
  consideration: null,
  thresholds: { painNow: 2, koos: 10, lefs: 9, psfs: 2 },
  groups: [
    {
      key: "5b0c1a9e-1111-4222-8333-944445555666",
      label: '=HYPERLINK("x")',
      episodes: 10,
      suppressed: false,
      figures: figures(fig(3, 8, 0.375)),
    },
    { key: "none", label: "No signed intake", episodes: null, suppressed: true, figures: figures(hidden) },
  ],
};

describe("outcomesCsv", () => {
  const csv = outcomesCsv(report);
  const lines = csv.trimEnd().split("\r\n");

  it("names the range and the thresholds, then one line per group and figure", () => {
    expect(lines[0]).toBe("Clinic outcomes,episodes opened 2026-01-01 to 2026-12-01");
    expect(lines[1]).toBe("Important change,pain NRS 2 points; KOOS 10 points; LEFS 9 points; PSFS 2 points");
    expect(lines[4]).toBe("group,figure,numerator,denominator,value,missing,not yet due");
    expect(lines.length - 5).toBe(outcomeRows(report).length);
  });

  it("writes shares as percentages, medians in days, and a suppressed cell as <5 in every column", () => {
    expect(csv).toContain('"Important improvement: Pain now (NRS), 6 weeks",3,8,37.5%,1,2');
    expect(csv).toContain("Median time to return to running,6,10,42.5 days,,");
    expect(csv).toContain(`No signed intake,Episodes opened,${SUPPRESSED_CELL},${SUPPRESSED_CELL},${SUPPRESSED_CELL},,`);
    expect(csv).toContain(
      `No signed intake,"Important improvement: LEFS, 12 weeks",${SUPPRESSED_CELL},${SUPPRESSED_CELL},${SUPPRESSED_CELL},${SUPPRESSED_CELL},${SUPPRESSED_CELL}`,
    );
  });

  it("carries no ids, and a cell that starts like a formula is quoted and neutralised", () => {
    expect(csv).not.toContain("5b0c1a9e");
    expect(csv).toContain(`"'=HYPERLINK(""x"")",Episodes opened,10,10,10`);
  });
});
