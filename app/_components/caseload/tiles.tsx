import Link from "next/link";
import { AlertOctagon, AlertTriangle, CalendarClock, ClipboardCheck, FileEdit, NotebookPen, Send, TrendingDown } from "lucide-react";
import type { CaseloadCounts } from "@/lib/data/caseload";
import type { CaseloadQuery } from "@/lib/validation/caseload";
import { URGENT_FLAG_WORDS } from "@/lib/domain/urgency";
import { caseloadHref } from "./href";

/** The counts at the top of the caseload, each a link to the runners it counts (the active one outlined). */
export function CaseloadTiles({ counts, q }: { counts: CaseloadCounts; q: CaseloadQuery }) {
  const tiles = [
    {
      label: `Open ${URGENT_FLAG_WORDS.toLowerCase()} flags`,
      value: counts.openUrgentFlags,
      Icon: AlertOctagon,
      link: caseloadHref({}, { openFlags: "1" }),
      active: q.openFlags,
    },
    {
      label: `${URGENT_FLAG_WORDS} referrals not sent`,
      value: counts.unsentReferrals,
      Icon: Send,
      link: caseloadHref({}, { unsent: "1" }),
      active: q.unsent,
    },
    {
      label: "Flagged",
      value: counts.flagged,
      Icon: AlertTriangle,
      link: caseloadHref({}, { urgency: "flagged" }),
      active: q.urgency === "flagged",
    },
    {
      label: "Overdue review",
      value: counts.overdue,
      Icon: CalendarClock,
      link: caseloadHref({}, { due: "overdue", sort: "review" }),
      active: q.due === "overdue",
    },
    {
      label: "Due today",
      value: counts.dueToday,
      Icon: CalendarClock,
      link: caseloadHref({}, { due: "today" }),
      active: q.due === "today",
    },
    { label: "Worsening", value: counts.worsening, Icon: TrendingDown, link: caseloadHref({}, { worsening: "1" }), active: q.worsening },
    { label: "Unsigned drafts", value: counts.drafts, Icon: FileEdit, link: caseloadHref({}, { drafts: "1" }), active: q.drafts },
    // What the runner sent by link (issue 13), until a clinician reviews it.
    {
      label: "Questionnaires returned",
      value: counts.questionnaires,
      Icon: ClipboardCheck,
      link: caseloadHref({}, { returned: "1" }),
      active: q.returned,
    },
    { label: "Diary alerts", value: counts.diaryAlerts, Icon: NotebookPen, link: caseloadHref({}, { diary: "1" }), active: q.diary },
  ];
  return (
    <nav aria-label="Caseload summary">
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-9">
        {tiles.map((t) => (
          <li key={t.label}>
            <Link
              href={t.link}
              aria-current={t.active ? "true" : undefined}
              className={`flex items-center gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 hover:bg-slate-50 ${t.active ? "ring-2 ring-sky-600" : "ring-slate-200"}`}
            >
              <t.Icon aria-hidden="true" className="h-5 w-5 text-slate-500" />
              <span>
                <span
                  className="block text-xl font-semibold tabular-nums"
                  data-testid={`count-${t.label.toLowerCase().replace(/\s+/g, "-")}`}
                >
                  {t.value}
                </span>
                <span className="text-xs text-slate-600">{t.label}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
