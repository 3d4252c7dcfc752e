import { runnerReportedLabel } from "@/lib/questions";
import { SIDE_LABELS } from "@/lib/domain";
import { displayLevel, unsentReferralsText } from "@/lib/domain/urgency";
import type { CaseloadRow } from "@/lib/data/caseload";
import type { PagePosition } from "@/lib/data/keyset";
import type { SortDir } from "@/lib/validation/common";
import { CASELOAD_SORT, CASELOAD_SORT_DIR, type CaseloadSort } from "@/lib/validation/caseload";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { ageOn, formatDate } from "@/lib/format";
import { Card, tableClass, thClass } from "@/app/_components/ui/card";
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

/**
 * One row per open episode, in words as well as colours, with sortable
 * headers and keyset page links. A page holds up to 100 rows, so a row is
 * plain markup: no client component in it (names, headers and page links
 * as plain links and forms, which the page's ClientLinks has the client
 * router follow), its cells' classes in globals.css (`.caseload-rows`), its
 * icons drawn by CSS (`icon-<name>`, app/_styles/icons.mjs), and no work
 * repeated per row that a page can do once.
 */
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
            <tbody className="caseload-rows divide-y divide-slate-100">
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
  const none = <span className="caseload-none">—</span>;
  return (
    <tr>
      <td>
        <a href={`/patients/${r.patientId}`} className="caseload-name">
          {`${r.familyName}, ${r.givenName}`}
        </a>
        <span className="caseload-sub">
          {`${ageOn(r.birthDate, today)} y · MRN `}
          <span className="font-mono">{r.mrn}</span>
        </span>
        {/* On a phone the knee goes under the name, so that the urgency is the second column, in view. */}
        <span className="caseload-sub text-slate-600 md:hidden">{SIDE_LABELS[r.side]}</span>
      </td>
      <td className="max-md:hidden">
        {SIDE_LABELS[r.side]}
        <span className="caseload-complaint" title={r.complaint}>
          {r.complaint}
        </span>
      </td>
      <td>
        <DisplayLevelBadge display={displayLevel(r.urgency, r.screenIncomplete)} />
        {r.openUrgentFlags.length ? (
          <span className="caseload-note icon-octagon-exclamation-point" data-testid="row-open-flags">
            {`Open flag, no action recorded: ${r.openUrgentFlags.map(redFlagLabel).join(", ")}`}
          </span>
        ) : null}
        {r.unsentUrgentReferrals ? (
          <span className="caseload-note icon-send" data-testid="row-unsent-referral">
            {unsentReferralsText(r.unsentUrgentReferrals, r.unsentReferralUrgency)}
          </span>
        ) : null}
        {r.runnerRedFlags.length ? (
          <span className="caseload-note icon-triangle-exclamation-point" data-testid="row-runner-reported">
            {`Runner reported: ${r.runnerRedFlags.map(runnerReportedLabel).join(", ")}`}
          </span>
        ) : null}
        {r.questionnairesToReview ? (
          <span className="caseload-note icon-clipboard-check text-slate-800" data-testid="row-returned">
            Questionnaire returned, not reviewed
          </span>
        ) : null}
        {r.diaryAlertsOpen ? (
          <span className="caseload-note icon-notebook-pen" data-testid="row-diary-alerts">
            {`${r.diaryAlertsOpen} diary alert${r.diaryAlertsOpen === 1 ? "" : "s"}`}
          </span>
        ) : null}
      </td>
      <td className="whitespace-nowrap">{formatDate(r.lastSeenOn)}</td>
      <td className="whitespace-nowrap">
        {formatDate(r.nextReviewDate)}
        {overdue ? <span className="caseload-due text-red-800">Overdue</span> : null}
        {dueToday ? <span className="caseload-due text-amber-900">Due today</span> : null}
      </td>
      <td>{r.worsening ? <span className="caseload-note icon-trending-down mt-0 inline-flex">Worsening</span> : none}</td>
      <td>{r.draftCount ? <span className="text-xs font-semibold">{`${r.draftCount} unsigned`}</span> : none}</td>
    </tr>
  );
}
