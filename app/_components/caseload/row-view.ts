import { runnerReportedLabel } from "@/lib/questions";
import { SIDE_LABELS } from "@/lib/domain";
import { displayLevel, unsentReferralsText, type UrgencyDisplay } from "@/lib/domain/urgency";
import type { CaseloadRow } from "@/lib/data/caseload";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { ageOn, formatDate } from "@/lib/format";

/** What is still open on an episode, in the order a row lists it. */
export type RowNote = { kind: "openFlags" | "unsent" | "runnerReported" | "returned" | "diary"; text: string };

/** One row of the caseload in words, as the client's rows (rows.tsx) draw it. */
export type CaseloadRowView = {
  key: string;
  href: string;
  /** "Family, Given". */
  name: string;
  /** "35 y · MRN ", before the MRN. */
  age: string;
  mrn: string;
  knee: string;
  complaint: string;
  display: UrgencyDisplay;
  notes: RowNote[];
  lastSeen: string;
  review: string;
  due: "overdue" | "today" | null;
  worsening: boolean;
  /** "2 unsigned", or empty. */
  drafts: string;
};

/** An open episode of the caseload as its row says it, on the clinic's day `today`. */
export function caseloadRowView(r: CaseloadRow, today: string): CaseloadRowView {
  const notes: RowNote[] = [];
  if (r.openUrgentFlags.length)
    notes.push({ kind: "openFlags", text: `Open flag, no action recorded: ${r.openUrgentFlags.map(redFlagLabel).join(", ")}` });
  if (r.unsentUrgentReferrals) notes.push({ kind: "unsent", text: unsentReferralsText(r.unsentUrgentReferrals, r.unsentReferralUrgency) });
  if (r.runnerRedFlags.length)
    notes.push({ kind: "runnerReported", text: `Runner reported: ${r.runnerRedFlags.map(runnerReportedLabel).join(", ")}` });
  if (r.questionnairesToReview) notes.push({ kind: "returned", text: "Questionnaire returned, not reviewed" });
  if (r.diaryAlertsOpen) notes.push({ kind: "diary", text: `${r.diaryAlertsOpen} diary alert${r.diaryAlertsOpen === 1 ? "" : "s"}` });
  return {
    key: r.episodeId,
    href: `/patients/${r.patientId}`,
    name: `${r.familyName}, ${r.givenName}`,
    age: `${ageOn(r.birthDate, today)} y · MRN `,
    mrn: r.mrn,
    knee: SIDE_LABELS[r.side],
    complaint: r.complaint,
    display: displayLevel(r.urgency, r.screenIncomplete),
    notes,
    lastSeen: formatDate(r.lastSeenOn),
    review: formatDate(r.nextReviewDate),
    due: r.nextReviewDate === null ? null : r.nextReviewDate < today ? "overdue" : r.nextReviewDate === today ? "today" : null,
    worsening: r.worsening,
    drafts: r.draftCount ? `${r.draftCount} unsigned` : "",
  };
}
