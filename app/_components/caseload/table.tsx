import Link from "next/link";
import { AlertOctagon, AlertTriangle, ClipboardCheck, NotebookPen, Send, TrendingDown } from "lucide-react";
import { runnerReportedLabel } from "@/lib/questions";
import { SIDE_LABELS } from "@/lib/domain";
import { displayLevel, unsentReferralsText } from "@/lib/domain/urgency";
import type { CaseloadRow } from "@/lib/data/caseload";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { ageOn, formatDate } from "@/lib/format";
import { buttonClass } from "@/app/_components/ui/button";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { caseloadHref, type CaseloadParams } from "./href";

type Props = {
  items: CaseloadRow[];
  today: string;
  /** The filters of this view, kept by the page links. */
  base: CaseloadParams;
  /** The cursor of this page (a "First page" link when set) and of the next one. */
  cursor: string | undefined;
  nextCursor: string | null | undefined;
};

/** One row per open episode, in words as well as colours, with keyset page links. */
export function CaseloadTable({ items, today, base, cursor, nextCursor }: Props) {
  return (
    <Card>
      {items.length === 0 ? (
        <p className="text-slate-600">No open episodes match these filters.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="caseload">
            <caption className="sr-only">Open episodes</caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  Runner
                </th>
                <th scope="col" className={`${thClass} max-md:hidden`}>
                  Knee · complaint
                </th>
                <th scope="col" className={thClass}>
                  Urgency
                </th>
                <th scope="col" className={thClass}>
                  Last seen
                </th>
                <th scope="col" className={thClass}>
                  Next review
                </th>
                <th scope="col" className={thClass}>
                  Trend
                </th>
                <th scope="col" className={thClass}>
                  Drafts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <CaseloadTableRow key={r.episodeId} r={r} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex gap-2">
        {cursor ? (
          <Link className={buttonClass("secondary")} href={caseloadHref(base, {})}>
            First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className={buttonClass("secondary")} href={caseloadHref(base, { cursor: nextCursor })}>
            Next page
          </Link>
        ) : null}
      </div>
    </Card>
  );
}

/** One open episode: runner, knee, urgency with what is still open, dates, trend and drafts. */
function CaseloadTableRow({ r, today }: { r: CaseloadRow; today: string }) {
  const overdue = r.nextReviewDate !== null && r.nextReviewDate < today;
  const dueToday = r.nextReviewDate === today;
  return (
    <tr>
      <td className={tdClass}>
        <Link href={`/patients/${r.patientId}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
          {r.familyName}, {r.givenName}
        </Link>
        <span className="block text-xs text-slate-500">
          {ageOn(r.birthDate, today)} y · MRN <span className="font-mono">{r.mrn}</span>
        </span>
        {/* On a phone the knee goes under the name, so that the urgency is the second column, in view. */}
        <span className="block text-xs text-slate-600 md:hidden">{SIDE_LABELS[r.side]}</span>
      </td>
      <td className={`${tdClass} max-md:hidden`}>
        {SIDE_LABELS[r.side]}
        <span className="block max-w-xs truncate text-xs text-slate-600" title={r.complaint}>
          {r.complaint}
        </span>
      </td>
      <td className={tdClass}>
        <DisplayLevelBadge display={displayLevel(r.urgency, r.screenIncomplete)} />
        {r.openUrgentFlags.length ? (
          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-open-flags">
            <AlertOctagon aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
            Open flag, no action recorded: {r.openUrgentFlags.map(redFlagLabel).join(", ")}
          </span>
        ) : null}
        {r.unsentUrgentReferrals ? (
          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-unsent-referral">
            <Send aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
            {unsentReferralsText(r.unsentUrgentReferrals, r.unsentReferralUrgency)}
          </span>
        ) : null}
        {r.runnerRedFlags.length ? (
          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-runner-reported">
            <AlertTriangle aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
            Runner reported: {r.runnerRedFlags.map(runnerReportedLabel).join(", ")}
          </span>
        ) : null}
        {r.questionnairesToReview ? (
          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-slate-800" data-testid="row-returned">
            <ClipboardCheck aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
            Questionnaire returned, not reviewed
          </span>
        ) : null}
        {r.diaryAlertsOpen ? (
          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-diary-alerts">
            <NotebookPen aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
            {r.diaryAlertsOpen} diary alert{r.diaryAlertsOpen === 1 ? "" : "s"}
          </span>
        ) : null}
      </td>
      <td className={`${tdClass} whitespace-nowrap`}>{formatDate(r.lastSeenOn)}</td>
      <td className={`${tdClass} whitespace-nowrap`}>
        {formatDate(r.nextReviewDate)}
        {overdue ? <span className="block text-xs font-semibold text-red-800">Overdue</span> : null}
        {dueToday ? <span className="block text-xs font-semibold text-amber-900">Due today</span> : null}
      </td>
      <td className={tdClass}>
        {r.worsening ? (
          <span className="inline-flex items-center gap-1 text-xs font-semibold text-red-800">
            <TrendingDown aria-hidden="true" className="h-3.5 w-3.5" /> Worsening
          </span>
        ) : (
          <span className="text-xs text-slate-500">—</span>
        )}
      </td>
      <td className={tdClass}>
        {r.draftCount ? (
          <span className="text-xs font-semibold">{r.draftCount} unsigned</span>
        ) : (
          <span className="text-xs text-slate-500">—</span>
        )}
      </td>
    </tr>
  );
}
