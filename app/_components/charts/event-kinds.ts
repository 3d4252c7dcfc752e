/**
 * The kinds of marks on a chart's time axis as words and symbols. No imports
 * beyond types: the lazily loaded plots (browser) use these too.
 */
import type { Urgency } from "@/lib/clinical";
import type { TimelineEventKind } from "./types";

/** Events of the same day and kind drawn as one mark. */
export interface EventMark {
  date: string;
  kind: TimelineEventKind;
  labels: string[];
  urgency?: Urgency;
}

/** "Red flag" / "Signed" / "Event": the kind as a word (never colour alone). */
export const EVENT_KIND_LABEL: Record<TimelineEventKind, string> = { red_flag: "Red flag", signed: "Signed", other: "Event" };

/** A text symbol per kind, used in tables and tooltips next to the words. */
export const EVENT_SYMBOL: Record<TimelineEventKind, string> = { red_flag: "▲", signed: "✓", other: "●" };
