"use client";

/**
 * The drawings of the charts (Recharts), each loaded by the browser only when
 * its ChartFrame comes near the viewport, in its turn once the page is idle
 * (draw-queue.ts): React.lazy keeps Recharts out of the JavaScript a page
 * loads first (issue 17). The server renders the rest
 * of every chart (title, legend, accessible summary, data table); these
 * receive plain data from it.
 */
import { lazy } from "react";
import type { MeasurePlotProps } from "./measure-plot";
import type { TrainingPlotProps } from "./training-plot";
import type { TrainingDetailPlotProps } from "./training-detail-plot";
import type { DiaryPainPlotProps } from "./diary-pain-plot";
import type { OutcomePlotProps } from "./outcome-plot";

const LazyMeasurePlot = lazy(() => import("./measure-plot"));
const LazyTrainingPlot = lazy(() => import("./training-plot"));
const LazyTrainingDetailPlot = lazy(() => import("./training-detail-plot"));
const LazyDiaryPainPlot = lazy(() => import("./diary-pain-plot"));
const LazyOutcomePlot = lazy(() => import("./outcome-plot"));

export function MeasurePlot(props: MeasurePlotProps) {
  return <LazyMeasurePlot {...props} />;
}

export function TrainingPlot(props: TrainingPlotProps) {
  return <LazyTrainingPlot {...props} />;
}

export function TrainingDetailPlot(props: TrainingDetailPlotProps) {
  return <LazyTrainingDetailPlot {...props} />;
}

export function DiaryPainPlot(props: DiaryPainPlotProps) {
  return <LazyDiaryPainPlot {...props} />;
}

export function OutcomePlot(props: OutcomePlotProps) {
  return <LazyOutcomePlot {...props} />;
}
