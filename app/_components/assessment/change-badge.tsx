import { ArrowDownRight, ArrowUpRight, Minus, type LucideIcon } from "lucide-react";
import type { ChangeClass } from "@/lib/clinical";
import { SpriteIcon } from "@/app/_components/ui/icon-sprite";

/** Improved / unchanged / worsened as word + icon + colour (the colours in globals.css, `.change-badge`). */
const STYLE: Record<ChangeClass, { label: string; Icon: LucideIcon }> = {
  improved: { label: "Improved", Icon: ArrowUpRight },
  unchanged: { label: "Unchanged", Icon: Minus },
  worsened: { label: "Worsened", Icon: ArrowDownRight },
};

/** The badges' icons for an IconSprite, by the ids `ChangeBadge` with `sprite` refers to. */
export const CHANGE_SPRITE: Record<string, LucideIcon> = Object.fromEntries(
  Object.entries(STYLE).map(([value, style]) => [`change-${value}`, style.Icon]),
);

export function ChangeBadge({
  value,
  sprite = false,
}: {
  value: ChangeClass;
  /** The icon drawn from the page's IconSprite of CHANGE_SPRITE (a badge in every cell of a table). */
  sprite?: boolean;
}) {
  const s = STYLE[value];
  return (
    <span className="change-badge" data-change={value}>
      {sprite ? <SpriteIcon id={`change-${value}`} /> : <s.Icon aria-hidden="true" />}
      {s.label}
    </span>
  );
}
