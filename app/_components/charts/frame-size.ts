import { createContext, useContext } from "react";

export type FrameSize = { width: number; height: number };

/** The size of a chart's frame, measured by ChartFrame when the chart's turn to be drawn came. */
export const FrameSizeContext = createContext<FrameSize | null>(null);

/**
 * The `initialDimension` of a plot's ResponsiveContainer: its frame's size,
 * so the chart is drawn once, at its size, in React's sliced rendering (a
 * guessed size is drawn again at the measured one in a single long task);
 * `fallback` outside a frame.
 */
export function useFrameSize(fallback: FrameSize): FrameSize {
  return useContext(FrameSizeContext) ?? fallback;
}
