import Link from "next/link";
import { AlertOctagon, AlertTriangle, ClipboardCheck, NotebookPen, Send, TrendingDown } from "lucide-react";
import { runnerReportedLabel } from "@/lib/questions";
import { SIDE_LABELS } from "@/lib/domain";
import { displayLevel, unsentReferralsText } from "@/lib/domain/urgency";
import type { CaseloadRow } from "@/lib/data/caseload";
import type { PagePosition } from "@/lib/data/keyset";
import type { SortDir } from "@/lib/validation/common";
import { CASELOAD_SORT, CASELOAD_SORT_DIR, type CaseloadSort } from "@/lib/validation/caseload";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { ageOn, formatDate } from "@/lib/format";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { Pager } from "@/app/_components/ui/pager";
import { SORT_WORDS, SortHeader, type SortWords } from "@/app/_components/ui/sort-header";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { caseloadHref, type CaseloadParams } from "./href";

type Props = {
  items: CaseloadRow[];
  today: string;
  /** The filters of this view, kept by the sort headers and page links (no sort, direction or cursor). */
  filters: CaseloadParams;
  /** The sort now (its direction resolved). */
  sort: { sort: CaseloadSort; dir: SortDir };
  position: PagePosition;
  nextCursor: string | null;
  prevCursor: string | null;
};

/** How the urgency sort's directions read. */
const URGENCY_WORDS = { asc: "most urgent first", desc: "least urgent first" };

/** One row per open episode, in words as well as colours, with sortable headers and keyset page links. */
export function CaseloadTable({ items, today, filters, sort, position, nextCursor, prevCursor }: Props) {
  const header = (label: string, key: CaseloadSort, words: SortWords, className = "") => (
    <SortHeader
      label={label}
      sort={key}
      firstDir={CASELOAD_SORT_DIR[key]}
      current={sort}
      action="/patients"
      keep={filters}
      words={words}
      className={className}
    />
  );
  // The page links keep the sort as the address had it (absent when it is the default).
  const base = {
    ...filters,
    sort: sort.sort === CASELOAD_SORT[0] ? undefined : sort.sort,
    dir: sort.dir === CASELOAD_SORT_DIR[sort.sort] ? undefined : sort.dir,
  };
  return (
    <Card>
      {items.length === 0 ? (
        <p className="text-slate-600">No open episodes match these filters.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="caseload">
            <caption className="sr-only">Open episodes, sorted by the column marked with an arrow</caption>
            <thead>
              <tr>
                {header("Runner", "name", SORT_WORDS.text)}
                <th scope="col" className={`${thClass} max-md:hidden`}>
                  Knee · complaint
                </th>
                {header("Urgency", "urgency", URGENCY_WORDS)}
                {header("Last seen", "seen", SORT_WORDS.date)}
                {header("Next review", "review", SORT_WORDS.date)}
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
      <Pager
        noun="Open episodes"
        position={position}
        first={caseloadHref(base, {})}
        previous={prevCursor ? caseloadHref(base, { before: prevCursor }) : null}
        next={nextCursor ? caseloadHref(base, { cursor: nextCursor }) : null}
      />
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
