/**
 * How each line of a measure chart is drawn: colour, dash and marker differ,
 * so no line is told by colour alone. Plain components: the legend (server)
 * and the plot (browser) draw the same swatches and markers.
 */
import { COLOURS } from "./format";
import type { PainCompanion } from "@/lib/domain/measures";

export type Marker = "circle" | "square" | "triangle";
export const MAIN_STYLE = { stroke: COLOURS.line, dash: undefined, marker: "circle" as Marker };
export const COMPANION_STYLE: Record<PainCompanion, { stroke: string; dash: string; marker: Marker }> = {
  painWorstWeek: { stroke: COLOURS.painWorstWeek, dash: "6 3", marker: "square" },
  painDuringRun: { stroke: COLOURS.painDuringRun, dash: "2 3", marker: "triangle" },
};

export function MarkerShape({
  marker,
  cx,
  cy,
  colour,
  size = 3.5,
}: {
  marker: Marker;
  cx: number;
  cy: number;
  colour: string;
  size?: number;
}) {
  if (marker === "square")
    return <rect x={cx - size} y={cy - size} width={size * 2} height={size * 2} fill="white" stroke={colour} strokeWidth={1.5} />;
  if (marker === "triangle")
    return (
      <path
        d={`M${cx},${cy - size - 0.5} L${cx + size + 0.5},${cy + size} L${cx - size - 0.5},${cy + size} Z`}
        fill={colour}
        stroke={colour}
      />
    );
  return <circle cx={cx} cy={cy} r={size - 0.5} fill={colour} stroke={colour} />;
}

/** A legend swatch: a short stretch of the line with its marker. */
export function LineSwatch({ stroke, dash, marker }: { stroke: string; dash: string | undefined; marker: Marker }) {
  return (
    <svg width="24" height="10" viewBox="0 0 24 10">
      <line x1="0" y1="5" x2="24" y2="5" stroke={stroke} strokeWidth="2" strokeDasharray={dash} />
      <MarkerShape marker={marker} cx={12} cy={5} colour={stroke} size={3} />
    </svg>
  );
}
