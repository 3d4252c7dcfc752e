/**
 * The mark at the top of an event's vertical line, drawn inside the chart
 * SVG: a triangle for red flags, a ring for signing, a diamond otherwise, each
 * with a <title> (shape and text, never colour alone).
 */
import { EVENT_KIND_LABEL, type EventMark } from "./events";
import { COLOURS, formatDate } from "./format";

export const EVENT_COLOUR = { red_flag: COLOURS.redFlag, signed: COLOURS.signed, other: COLOURS.other } as const;
export const EVENT_DASH = { red_flag: "4 3", signed: "1 3", other: "6 3" } as const;

export function eventTitle(mark: EventMark): string {
  return `${EVENT_KIND_LABEL[mark.kind]}, ${formatDate(mark.date)}: ${mark.labels.join("; ")}`;
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
  const top = y - 2;
  return (
    <g>
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
