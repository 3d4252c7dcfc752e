import { openRedFlags, type RedFlagFiring } from "@/lib/domain/red-flag-items";

const t = (minute: number) => new Date(Date.UTC(2026, 10, 3, 9, minute));
const firing = (id: string, minute: number, assessedOn: string, flags: [string, "emergency" | "urgent" | "soon"][]): RedFlagFiring => ({
  assessmentId: id,
  assessedOn,
  signedAt: t(minute),
  redFlags: flags.map(([code, urgency]) => ({ code, urgency })),
});

describe("openRedFlags", () => {
  it("raises one item per code at the first firing; later firings while open are the same item, at their most severe urgency", () => {
    expect(
      openRedFlags(
        [
          firing("a1", 1, "2026-11-01", [["persistent_pain", "soon"]]),
          firing("a2", 2, "2026-11-02", [
            ["persistent_pain", "urgent"],
            ["locked_knee", "urgent"],
          ]),
        ],
        [],
      ),
    ).toEqual([
      { code: "persistent_pain", urgency: "urgent", assessmentId: "a1", raisedOn: "2026-11-01" },
      { code: "locked_knee", urgency: "urgent", assessmentId: "a2", raisedOn: "2026-11-02" },
    ]);
  });

  it("a firing absent later does not clear an item; an action does; a later firing raises a new one", () => {
    const firings = [
      firing("a1", 1, "2026-11-01", [["locked_knee", "urgent"]]),
      firing("a2", 2, "2026-11-02", []),
      firing("a3", 5, "2026-11-05", [["locked_knee", "urgent"]]),
    ];
    expect(openRedFlags(firings.slice(0, 2), [])).toHaveLength(1);
    expect(openRedFlags(firings.slice(0, 2), [{ code: "locked_knee", actedAt: t(3) }])).toEqual([]);
    expect(openRedFlags(firings, [{ code: "locked_knee", actedAt: t(3) }])).toEqual([
      { code: "locked_knee", urgency: "urgent", assessmentId: "a3", raisedOn: "2026-11-05" },
    ]);
    // An action about another code closes nothing.
    expect(openRedFlags(firings.slice(0, 1), [{ code: "catching", actedAt: t(3) }])).toHaveLength(1);
  });

  it("orders by urgency, then the day raised", () => {
    const open = openRedFlags(
      [firing("a1", 1, "2026-11-01", [["catching", "soon"]]), firing("a2", 2, "2026-11-02", [["septic_arthritis_suspected", "emergency"]])],
      [],
    );
    expect(open.map((f) => f.code)).toEqual(["septic_arthritis_suspected", "catching"]);
  });
});
