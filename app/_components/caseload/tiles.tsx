import { AlertOctagon, AlertTriangle, CalendarClock, ClipboardCheck, FileEdit, NotebookPen, Send, TrendingDown } from "lucide-react";
import type { CaseloadCounts } from "@/lib/data/caseload";
import type { CaseloadQuery } from "@/lib/validation/caseload";
import { URGENT_FLAG_WORDS } from "@/lib/domain/urgency";
import { IconSprite, SpriteIcon } from "@/app/_components/ui/icon-sprite";
import { caseloadHref } from "./href";

/** The tiles' icons, drawn once (app/_components/ui/icon-sprite.tsx). */
const TILE_ICONS = {
  "tile-open-flags": AlertOctagon,
  "tile-unsent": Send,
  "tile-flagged": AlertTriangle,
  "tile-due": CalendarClock,
  "tile-worsening": TrendingDown,
  "tile-drafts": FileEdit,
  "tile-returned": ClipboardCheck,
  "tile-diary": NotebookPen,
};

/**
 * The counts at the top of the caseload, each a link to the runners it counts
 * (the active one outlined): plain links (the page's ClientLinks has the
 * client router follow them) and icons by reference, so no client component
 * per tile.
 */
export function CaseloadTiles({ counts, q }: { counts: CaseloadCounts; q: CaseloadQuery }) {
  return (
    <nav aria-label="Caseload summary">
      <IconSprite icons={TILE_ICONS} />
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-9">
        {tilesOf(counts, q).map((t) => (
          <li key={t.label}>
            <a
              href={t.link}
              aria-current={t.active ? "true" : undefined}
              className={`flex items-center gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 hover:bg-slate-50 ${t.active ? "ring-2 ring-sky-600" : "ring-slate-200"}`}
            >
              <SpriteIcon id={t.icon} className="h-5 w-5 text-slate-500" />
              <span>
                <span
                  className="block text-xl font-semibold tabular-nums"
                  data-testid={`count-${t.label.toLowerCase().replace(/\s+/g, "-")}`}
                >
                  {t.value}
                </span>
                <span className="text-xs text-slate-600">{t.label}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function tilesOf(counts: CaseloadCounts, q: CaseloadQuery) {
  return [
    {
      label: `Open ${URGENT_FLAG_WORDS.toLowerCase()} flags`,
      value: counts.openUrgentFlags,
      icon: "tile-open-flags",
      link: caseloadHref({}, { openFlags: "1" }),
      active: q.openFlags,
    },
    {
      label: `${URGENT_FLAG_WORDS} referrals not sent`,
      value: counts.unsentReferrals,
      icon: "tile-unsent",
      link: caseloadHref({}, { unsent: "1" }),
      active: q.unsent,
    },
    {
      label: "Flagged",
      value: counts.flagged,
      icon: "tile-flagged",
      link: caseloadHref({}, { urgency: "flagged" }),
      active: q.urgency === "flagged",
    },
    {
      label: "Overdue review",
      value: counts.overdue,
      icon: "tile-due",
      link: caseloadHref({}, { due: "overdue", sort: "review" }),
      active: q.due === "overdue",
    },
    {
      label: "Due today",
      value: counts.dueToday,
      icon: "tile-due",
      link: caseloadHref({}, { due: "today" }),
      active: q.due === "today",
    },
    {
      label: "Worsening",
      value: counts.worsening,
      icon: "tile-worsening",
      link: caseloadHref({}, { worsening: "1" }),
      active: q.worsening,
    },
    { label: "Unsigned drafts", value: counts.drafts, icon: "tile-drafts", link: caseloadHref({}, { drafts: "1" }), active: q.drafts },
    // What the runner sent by link (issue 13), until a clinician reviews it.
    {
      label: "Questionnaires returned",
      value: counts.questionnaires,
      icon: "tile-returned",
      link: caseloadHref({}, { returned: "1" }),
      active: q.returned,
    },
    { label: "Diary alerts", value: counts.diaryAlerts, icon: "tile-diary", link: caseloadHref({}, { diary: "1" }), active: q.diary },
  ];
}
