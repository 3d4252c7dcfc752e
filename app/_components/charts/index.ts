/** The patient timeline: charts (rendered on the server; only their drawings are client code, loaded lazily), their data tables and the assessment history. */
export { PatientTimeline, groupByEpisode, episodeLabel, type PatientTimelineProps } from "./patient-timeline";
export { MeasureChart, type MeasureChartProps } from "./measure-chart";
export { TrainingChart, ACWR_BAND_LABEL, type TrainingChartProps } from "./training-chart";
export { AssessmentHistory, historyMeasures } from "./assessment-history";
export { MeasureTable, TrainingTable, measureRows } from "./data-tables";
export { eventsFromAssessments, groupEvents, signedDay, type EventMark } from "./events";
export { measureSummary, trainingSummary } from "./summary";
export type {
  AssessmentKind,
  AssessmentStatus,
  TimelineAssessment,
  TimelineData,
  TimelineEpisode,
  TimelineEvent,
  TimelineEventKind,
  TimelineRun,
  TimelineSettings,
} from "./types";
