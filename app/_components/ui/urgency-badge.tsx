import { AlertOctagon, AlertTriangle, CircleCheck, Clock, HelpCircle, type LucideIcon } from "lucide-react";
import { DISPLAY_LEVEL_WORDS, displayText, type DisplayLevel, type UrgencyDisplay } from "@/lib/domain/urgency";
import { SpriteIcon } from "./icon-sprite";

export type UrgencyLevel = DisplayLevel;

/** Urgency shown as icon + word + colour, so colour is never the only signal. */
export const URGENCY_STYLE: Record<DisplayLevel, { label: string; cls: string; Icon: typeof Clock }> = {
  emergency: { label: DISPLAY_LEVEL_WORDS.emergency, cls: "bg-red-700 text-white ring-red-800", Icon: AlertOctagon },
  urgent: { label: DISPLAY_LEVEL_WORDS.urgent, cls: "bg-orange-100 text-orange-950 ring-orange-400", Icon: AlertTriangle },
  soon: { label: DISPLAY_LEVEL_WORDS.soon, cls: "bg-amber-50 text-amber-950 ring-amber-300", Icon: Clock },
  routine: { label: DISPLAY_LEVEL_WORDS.routine, cls: "bg-emerald-50 text-emerald-900 ring-emerald-300", Icon: CircleCheck },
  not_screened: { label: DISPLAY_LEVEL_WORDS.not_screened, cls: "bg-slate-100 text-slate-800 ring-slate-300", Icon: HelpCircle },
};

/** The badges' icons for an IconSprite, by the ids `DisplayLevelBadge` with `sprite` refers to. */
export const URGENCY_SPRITE: Record<string, LucideIcon> = Object.fromEntries(
  Object.entries(URGENCY_STYLE).map(([level, style]) => [`urgency-${level}`, style.Icon]),
);

const badgeClass = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

/** One urgency (of a red flag, a referral). */
export function UrgencyBadge({ urgency, className = "" }: { urgency: DisplayLevel | null; className?: string }) {
  const style = URGENCY_STYLE[urgency ?? "not_screened"];
  return (
    <span className={`${badgeClass} ${style.cls} ${className}`}>
      <style.Icon aria-hidden="true" className="h-3.5 w-3.5" />
      {style.label}
    </span>
  );
}

/**
 * The display level of an episode or an evaluation (lib/domain/urgency.ts
 * `displayLevel`), the same in every view: "Not yet screened" (with the
 * number of red-flag questions still to answer where it is known), or an
 * urgency with a "screen incomplete" marker when red flags are not yet
 * assessed.
 */
export function DisplayLevelBadge({
  display,
  unanswered,
  className = "",
  sprite = false,
}: {
  display: UrgencyDisplay;
  /** Red-flag questions not yet answered (known where the answers are). */
  unanswered?: number;
  className?: string;
  /** Icons drawn from the page's IconSprite of URGENCY_SPRITE (a badge per row of a table). */
  sprite?: boolean;
}) {
  const style = URGENCY_STYLE[display.level];
  const icon = (level: DisplayLevel, Icon: LucideIcon) =>
    sprite ? <SpriteIcon id={`urgency-${level}`} className="h-3.5 w-3.5" /> : <Icon aria-hidden="true" className="h-3.5 w-3.5" />;
  const text = displayText(display, unanswered);
  const [word, marker] =
    display.level === "not_screened" ? [text, null] : [style.label, display.screenIncomplete ? text.slice(style.label.length + 3) : null];
  return (
    <span
      className={`inline-flex flex-wrap items-center gap-1 ${className}`}
      data-level={display.level}
      data-screen-incomplete={display.screenIncomplete}
    >
      <span className={`${badgeClass} ${style.cls}`}>
        {icon(display.level, style.Icon)}
        {word}
      </span>
      {marker ? (
        <span className={`${badgeClass} bg-white text-slate-800 ring-slate-400`}>
          {icon("not_screened", HelpCircle)}
          {marker.charAt(0).toUpperCase() + marker.slice(1)}
        </span>
      ) : null}
    </span>
  );
}
