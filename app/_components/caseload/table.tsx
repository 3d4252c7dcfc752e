import type { CaseloadRow } from "@/lib/data/caseload";
import type { PagePosition } from "@/lib/data/keyset";
import type { SortDir } from "@/lib/validation/common";
import { CASELOAD_SORT, CASELOAD_SORT_DIR, type CaseloadSort } from "@/lib/validation/caseload";
import { Card, tableClass, thClass } from "@/app/_components/ui/card";
import { Pager } from "@/app/_components/ui/pager";
import { SORT_WORDS, SortHeader, type SortWords } from "@/app/_components/ui/sort-header";
import { caseloadHref, type CaseloadParams } from "./href";
import { caseloadRowView } from "./row-view";
import { CaseloadRows } from "./rows";

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
 * headers and keyset page links. A page holds up to 100 rows: each is
 * sent as its words (row-view.ts) to one client component that draws them
 * all (rows.tsx), and its links, like the headers' forms and the page
 * links, are plain ones, which the page's ClientLinks has the client router
 * follow.
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
            <CaseloadRows rows={items.map((r) => caseloadRowView(r, today))} />
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
