/**
 * The mark at the top of an event's vertical line, drawn inside the chart
 * SVG: a triangle for red flags, a ring for signing, a diamond otherwise, each
 * with a <title> (shape and text, never colour alone). Red flags sit on a row
 * of their own above the plot and are drawn last, so no other mark (a
 * signing the same day or the next) ever covers one.
 */
import { EVENT_KIND_LABEL, type EventMark } from "./event-kinds";
import type { TimelineEventKind } from "./types";
import { COLOURS, formatDate } from "./format";

export const EVENT_COLOUR = { red_flag: COLOURS.redFlag, signed: COLOURS.signed, other: COLOURS.other } as const;
export const EVENT_DASH = { red_flag: "4 3", signed: "1 3", other: "6 3" } as const;

export function eventTitle(mark: EventMark): string {
  return `${EVENT_KIND_LABEL[mark.kind]}, ${formatDate(mark.date)}: ${mark.labels.join("; ")}`;
}

/** The row of each kind's mark: 0 above the plot (red flags alone), 1 just inside its top edge. */
export const MARK_ROW: Record<TimelineEventKind, 0 | 1> = { red_flag: 0, signed: 1, other: 1 };

/** The order the marks are drawn in: red flags last, so they are on top of anything near them. */
export function markDrawOrder<T extends { kind: TimelineEventKind }>(marks: readonly T[]): T[] {
  return [...marks].sort((a, b) => Number(a.kind === "red_flag") - Number(b.kind === "red_flag"));
}

interface MarkerViewBox {
  x?: number;
  y?: number;
}

/** Rendered as the `label` of a vertical ReferenceLine: Recharts passes the line's viewBox. */
export function EventMarker({ mark, viewBox }: { mark: EventMark; viewBox?: MarkerViewBox }) {
  const x = viewBox?.x;
  const y = viewBox?.y;
  if (typeof x !== "number" || typeof y !== "number") return <g />;
  const colour = EVENT_COLOUR[mark.kind];
  // The bottom edge of the mark: above the plot for row 0, inside its top edge for row 1 (11 px lower).
  const top = MARK_ROW[mark.kind] === 0 ? y - 2 : y + 10;
  return (
    <g data-mark={mark.kind} data-row={MARK_ROW[mark.kind]}>
      <title>{eventTitle(mark)}</title>
      {mark.kind === "red_flag" ? (
        <path d={`M${x},${top - 9} L${x + 5.5},${top} L${x - 5.5},${top} Z`} fill={colour} stroke="#ffffff" strokeWidth={1} />
      ) : mark.kind === "signed" ? (
        <circle cx={x} cy={top - 4.5} r={3.5} fill="#ffffff" stroke={colour} strokeWidth={1.5} />
      ) : (
        <path d={`M${x},${top - 9} L${x + 4.5},${top - 4.5} L${x},${top} L${x - 4.5},${top - 4.5} Z`} fill={colour} />
      )}
    </g>
  );
}
