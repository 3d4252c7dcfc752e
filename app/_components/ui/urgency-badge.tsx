import { DISPLAY_LEVEL_WORDS, displayText, type DisplayLevel, type UrgencyDisplay } from "@/lib/domain/urgency";

export type UrgencyLevel = DisplayLevel;

/**
 * Each display level's icon (lucide's name), drawn by CSS (app/_styles/icons.mjs):
 * urgency is shown as icon + word + colour, so colour is never the only signal.
 */
export const URGENCY_ICON: Record<DisplayLevel, string> = {
  emergency: "icon-octagon-exclamation-point",
  urgent: "icon-triangle-exclamation-point",
  soon: "icon-clock",
  routine: "icon-circle-check",
  not_screened: "icon-circle-question-mark",
};

/** A badge of one level: the kit's badge with its level's colours (globals.css) and icon, one element with its word. */
function badgeClass(level: DisplayLevel | "marker"): string {
  return `ui-badge ui-badge-${level} ${URGENCY_ICON[level === "marker" ? "not_screened" : level]}`;
}

/** One urgency (of a red flag, a referral). */
export function UrgencyBadge({ urgency, className = "" }: { urgency: DisplayLevel | null; className?: string }) {
  const level = urgency ?? "not_screened";
  return <span className={className ? `${badgeClass(level)} ${className}` : badgeClass(level)}>{DISPLAY_LEVEL_WORDS[level]}</span>;
}

/**
 * The display level of an episode or an evaluation (lib/domain/urgency.ts
 * `displayLevel`), the same in every view: "Not yet screened" (with the
 * number of red-flag questions still to answer where it is known), or an
 * urgency with a "screen incomplete" marker when red flags are not yet
 * assessed. Plain markup, icons drawn by CSS: a table shows one per row.
 */
export function DisplayLevelBadge({
  display,
  unanswered,
  className = "",
}: {
  display: UrgencyDisplay;
  /** Red-flag questions not yet answered (known where the answers are). */
  unanswered?: number;
  className?: string;
}) {
  const text = displayText(display, unanswered);
  const word = DISPLAY_LEVEL_WORDS[display.level];
  const [shown, marker] =
    display.level === "not_screened" ? [text, null] : [word, display.screenIncomplete ? text.slice(word.length + 3) : null];
  return (
    <span
      className={className ? `ui-badges ${className}` : "ui-badges"}
      data-level={display.level}
      data-screen-incomplete={display.screenIncomplete}
    >
      <span className={badgeClass(display.level)}>{shown}</span>
      {marker ? <span className={badgeClass("marker")}>{marker.charAt(0).toUpperCase() + marker.slice(1)}</span> : null}
    </span>
  );
}
