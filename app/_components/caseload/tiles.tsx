import type { CaseloadCounts } from "@/lib/data/caseload";
import type { CaseloadQuery } from "@/lib/validation/caseload";
import { URGENT_FLAG_WORDS } from "@/lib/domain/urgency";
import { caseloadHref } from "./href";

/**
 * The counts at the top of the caseload, each a link to the runners it counts
 * (the active one outlined): plain links (the page's ClientLinks has the
 * client router follow them), their classes in globals.css (`.caseload-tile`)
 * and their icons drawn by CSS (`icon-<name>`, app/_styles/icons.mjs), so a
 * tile is a few elements and no client component.
 */
export function CaseloadTiles({ counts, q }: { counts: CaseloadCounts; q: CaseloadQuery }) {
  return (
    <nav aria-label="Caseload summary">
      <ul className="caseload-tiles">
        {tilesOf(counts, q).map((t) => (
          <li key={t.label}>
            <a href={t.link} aria-current={t.active ? "true" : undefined} className={`caseload-tile ${t.icon}`}>
              <span>
                <span className="caseload-count" data-testid={`count-${t.label.toLowerCase().replace(/\s+/g, "-")}`}>
                  {t.value}
                </span>
                <span className="caseload-tile-label">{t.label}</span>
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
      icon: "icon-octagon-exclamation-point",
      link: caseloadHref({}, { openFlags: "1" }),
      active: q.openFlags,
    },
    {
      label: `${URGENT_FLAG_WORDS} referrals not sent`,
      value: counts.unsentReferrals,
      icon: "icon-send",
      link: caseloadHref({}, { unsent: "1" }),
      active: q.unsent,
    },
    {
      label: "Flagged",
      value: counts.flagged,
      icon: "icon-triangle-exclamation-point",
      link: caseloadHref({}, { urgency: "flagged" }),
      active: q.urgency === "flagged",
    },
    {
      label: "Overdue review",
      value: counts.overdue,
      icon: "icon-calendar-clock",
      link: caseloadHref({}, { due: "overdue", sort: "review" }),
      active: q.due === "overdue",
    },
    {
      label: "Due today",
      value: counts.dueToday,
      icon: "icon-calendar-clock",
      link: caseloadHref({}, { due: "today" }),
      active: q.due === "today",
    },
    {
      label: "Worsening",
      value: counts.worsening,
      icon: "icon-trending-down",
      link: caseloadHref({}, { worsening: "1" }),
      active: q.worsening,
    },
    { label: "Unsigned drafts", value: counts.drafts, icon: "icon-file-pen", link: caseloadHref({}, { drafts: "1" }), active: q.drafts },
    // What the runner sent by link (issue 13), until a clinician reviews it.
    {
      label: "Questionnaires returned",
      value: counts.questionnaires,
      icon: "icon-clipboard-check",
      link: caseloadHref({}, { returned: "1" }),
      active: q.returned,
    },
    {
      label: "Diary alerts",
      value: counts.diaryAlerts,
      icon: "icon-notebook-pen",
      link: caseloadHref({}, { diary: "1" }),
      active: q.diary,
    },
  ];
}
