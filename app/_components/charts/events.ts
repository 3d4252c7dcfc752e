/**
 * Marks on the time axis derived from the assessments: each signed
 * assessment's red flags (at the assessment day) and its signing (at the day
 * it was signed). Drafts and entered-in-error assessments give no marks.
 */
import { URGENCY_LABELS, urgencyRank } from "@/lib/domain";
import { RED_FLAG_LABELS, type Urgency } from "@/lib/clinical";
import { formatDate, todayIn } from "@/lib/format";
import type { TimelineAssessment, TimelineEvent, TimelineEventKind } from "./types";
import type { EventMark } from "./event-kinds";

export { EVENT_KIND_LABEL, EVENT_SYMBOL, type EventMark } from "./event-kinds";

const KIND_LABEL = { intake: "Intake", follow_up: "Follow-up" } as const;

/** The day (`YYYY-MM-DD`) of a `signedAt` value in the clinic's time zone. */
export function signedDay(signedAt: string, timeZone = "UTC"): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(signedAt)) return signedAt;
  const instant = new Date(signedAt);
  if (Number.isNaN(instant.getTime())) return signedAt.slice(0, 10);
  return todayIn(timeZone, instant);
}

export function eventsFromAssessments(assessments: readonly TimelineAssessment[], timeZone = "UTC"): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const a of assessments) {
    if (a.status !== "signed") continue;
    const flags = a.evaluation?.redFlags ?? [];
    if (flags.length > 0) {
      const urgency = a.evaluation?.urgency ?? flags[0]?.urgency;
      events.push({
        date: a.assessedOn,
        kind: "red_flag",
        label: `Red flag${flags.length > 1 ? "s" : ""} (${KIND_LABEL[a.kind].toLowerCase()}): ${flags.map((f) => RED_FLAG_LABELS[f.code]).join("; ")}`,
        ...(urgency ? { urgency } : {}),
        episodeId: a.episodeId,
        assessmentId: a.id,
      });
    }
    if (a.signedAt) {
      events.push({
        date: signedDay(a.signedAt, timeZone),
        kind: "signed",
        label: `Signed: ${KIND_LABEL[a.kind].toLowerCase()} of ${formatDate(a.assessedOn)}`,
        episodeId: a.episodeId,
        assessmentId: a.id,
      });
    }
  }
  return sortEvents(events);
}

const KIND_ORDER: Record<TimelineEventKind, number> = { red_flag: 0, signed: 1, other: 2 };

/** By date, red flags first within a day. Sorts in place and returns the array. */
export function sortEvents<T extends { date: string; kind: TimelineEventKind }>(events: T[]): T[] {
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind]));
}

export function groupEvents(events: readonly TimelineEvent[]): EventMark[] {
  const byKey = new Map<string, EventMark>();
  for (const e of events) {
    const key = `${e.date}|${e.kind}`;
    const mark = byKey.get(key);
    if (!mark) {
      byKey.set(key, { date: e.date, kind: e.kind, labels: [e.label], ...(e.urgency ? { urgency: e.urgency } : {}) });
      continue;
    }
    mark.labels.push(e.label);
    if (e.urgency && (!mark.urgency || urgencyRank(e.urgency) < urgencyRank(mark.urgency))) mark.urgency = e.urgency;
  }
  return sortEvents([...byKey.values()]);
}

export function urgencyText(urgency: Urgency | undefined): string {
  return urgency ? URGENCY_LABELS[urgency] : "";
}
