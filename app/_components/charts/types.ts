/**
 * Props shared by the patient timeline components. Plain serialisable data:
 * a server page can pass them to the client charts as they are.
 */
import type { ImportantChange, StoredEvaluation, Urgency } from "@/lib/clinical";
import type { TimelineRun } from "@/lib/clinical/timeline";
import type { PainCompanion } from "@/lib/domain/measures";
import type { EpisodeStatus } from "@/lib/domain/codes";

export type AssessmentKind = "intake" | "follow_up";
export type AssessmentStatus = "draft" | "signed" | "entered_in_error";

/** One assessment of the patient, as the patient page loads it. */
export interface TimelineAssessment {
  id: string;
  episodeId: string;
  kind: AssessmentKind;
  /** `YYYY-MM-DD`. */
  assessedOn: string;
  status: AssessmentStatus;
  /** When it was signed: an ISO timestamp (or a `YYYY-MM-DD` day); null for drafts. */
  signedAt: string | null;
  urgency: Urgency | null;
  evaluation: StoredEvaluation | null;
  /** Worst pain of the last week and pain during running, charted beside pain now. */
  pain?: Partial<Record<PainCompanion, number>>;
  /** The important changes it was judged with (stored at signing); null or absent: none stored, the clinic's current ones apply. */
  judgedWith?: ImportantChange | null;
  /** A late entry: the day it was entered, later than the day assessed (absent or null: entered on the day). */
  enteredLateOn?: string | null;
  /** Link to the assessment. */
  href: string;
}

/** Red flags, signing, or anything else worth a mark on the time axis. */
export type TimelineEventKind = "red_flag" | "signed" | "other";

export interface TimelineEvent {
  /** `YYYY-MM-DD`. */
  date: string;
  kind: TimelineEventKind;
  /** Short text, shown in tooltips, tables and the accessible summary: "Red flag: Catching". */
  label: string;
  /** For red flags: the most severe urgency. */
  urgency?: Urgency;
  /** Events of one episode are drawn on that episode's measure charts only; without it, on every chart. */
  episodeId?: string;
  assessmentId?: string;
}

export interface TimelineSettings {
  /** EVALUATE.md section 6, default 10. */
  spikePct: number;
  importantChange: ImportantChange;
}

/**
 * An episode of care, to head its charts when the patient has more than one:
 * `label`, else "Left knee: <complaint>" from `side` and `complaint` (the
 * shape lib/data/timeline.ts returns), else "Episode N".
 */
export interface TimelineEpisode {
  id: string;
  label?: string;
  side?: "left" | "right" | "both";
  complaint?: string;
  status?: EpisodeStatus;
}

/** Everything the patient timeline needs: what the data layer provides. */
export interface TimelineData {
  /** Every assessment of the patient (drafts and entered-in-error included), oldest first. */
  assessments: TimelineAssessment[];
  /** Every run of the patient, any order. */
  runs: TimelineRun[];
  /** The day the run log is complete from (default: its first run). */
  runsLoggedSince?: string | null;
  /** `YYYY-MM-DD` in the clinic's time zone. */
  today: string;
  settings: TimelineSettings;
  /** Extra marks on the time axis (red flags and signing are derived from the assessments). */
  events?: TimelineEvent[];
  /** Labels of the episodes, used as headings when there is more than one. */
  episodes?: TimelineEpisode[];
  /** The clinic's time zone, to turn `signedAt` timestamps into days (default UTC). */
  timeZone?: string;
}

export type { TimelineRun };
