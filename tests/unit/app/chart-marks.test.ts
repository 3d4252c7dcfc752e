/**
 * The red-flag mark on the charts is never hidden by another mark (issue 12,
 * item 2): it sits on a row of its own above the plot and is drawn last, and
 * it is told apart by shape and title, not colour alone.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { EventMarker, MARK_ROW, markDrawOrder } from "@/app/_components/charts/event-marker";
import { groupEvents, type EventMark } from "@/app/_components/charts/events";
import type { TimelineEvent } from "@/app/_components/charts/types";

const events: TimelineEvent[] = [
  { date: "2026-11-03", kind: "signed", label: "Signed: intake of 3 Nov 2026" },
  { date: "2026-11-03", kind: "red_flag", label: "Red flag (intake): Locked knee", urgency: "urgent" },
  { date: "2026-11-04", kind: "other", label: "Discharged" },
  { date: "2026-11-04", kind: "red_flag", label: "Red flag (follow-up): Calf swelling", urgency: "emergency" },
];

/** The vertical extent of every number pair in a path or circle, by the mark's kind. */
function extents(svg: string): Map<string, { top: number; bottom: number }> {
  const out = new Map<string, { top: number; bottom: number }>();
  for (const g of svg.matchAll(/<g data-mark="([a-z_]+)"[^>]*>([\s\S]*?)<\/g>/g)) {
    const body = g[2]!;
    const ys: number[] = [];
    const circle = /<circle cx="[\d.]+" cy="([\d.]+)" r="([\d.]+)"/.exec(body);
    if (circle) ys.push(Number(circle[1]) - Number(circle[2]), Number(circle[1]) + Number(circle[2]));
    const path = /d="([^"]+)"/.exec(body);
    if (path) for (const m of path[1]!.matchAll(/[\d.]+,([\d.]+)/g)) ys.push(Number(m[1]));
    out.set(g[1]!, { top: Math.min(...ys), bottom: Math.max(...ys) });
  }
  return out;
}

function draw(marks: EventMark[], x = 100, y = 20): string {
  return renderToStaticMarkup(
    createElement(
      "svg",
      null,
      markDrawOrder(marks).map((m) => createElement(EventMarker, { key: `${m.date}-${m.kind}`, mark: m, viewBox: { x, y } })),
    ),
  );
}

describe("chart event marks", () => {
  const marks = groupEvents(events);

  it("draws red flags last, whatever order the marks come in", () => {
    const order = markDrawOrder(marks).map((m) => m.kind);
    expect(order.slice(-2)).toEqual(["red_flag", "red_flag"]);
    expect(
      markDrawOrder([...marks].reverse())
        .slice(-2)
        .every((m) => m.kind === "red_flag"),
    ).toBe(true);
    const svg = draw(marks);
    expect(svg.lastIndexOf('data-mark="red_flag"')).toBeGreaterThan(svg.lastIndexOf('data-mark="signed"'));
    expect(svg.lastIndexOf('data-mark="red_flag"')).toBeGreaterThan(svg.lastIndexOf('data-mark="other"'));
  });

  it("puts the red flag on its own row: no other mark at the same place overlaps it", () => {
    expect(MARK_ROW.red_flag).toBe(0);
    expect(MARK_ROW.signed).not.toBe(MARK_ROW.red_flag);
    expect(MARK_ROW.other).not.toBe(MARK_ROW.red_flag);
    // A red flag and a signing on the same day: the same x, as on a chart.
    const sameDay = marks.filter((m) => m.date === "2026-11-03");
    const e = extents(draw(sameDay));
    const flag = e.get("red_flag")!;
    const signed = e.get("signed")!;
    expect(flag.bottom).toBeLessThanOrEqual(signed.top);
    // The red flag stays above the plot's top edge (y = 20), within the chart's top margin (16 px).
    expect(flag.bottom).toBeLessThanOrEqual(20);
    expect(flag.top).toBeGreaterThanOrEqual(20 - 16);
    const other = extents(draw(marks.filter((m) => m.date === "2026-11-04"))).get("other")!;
    expect(e.get("red_flag")!.bottom).toBeLessThanOrEqual(other.top);
  });

  it("tells the red flag by shape and title, not colour alone", () => {
    const svg = draw(marks.filter((m) => m.date === "2026-11-03"));
    expect(svg).toContain("<title>Red flag, 3 Nov 2026: Red flag (intake): Locked knee</title>");
    expect(svg).toContain("<title>Signed, 3 Nov 2026: Signed: intake of 3 Nov 2026</title>");
    const flag = /<g data-mark="red_flag"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!;
    expect(flag).toMatch(/<path d="M[\d.]+,[\d.]+ L/); // a triangle
    expect(flag).not.toContain("<circle");
  });
});
