import type { LucideIcon } from "lucide-react";

/**
 * Icons drawn once per page and reused by reference: each lucide icon is a
 * client component (its props, the icon's paths, travel in the page's React
 * payload and it is rendered again in the browser), so a table that put one
 * in each of its rows paid for it row after row. `IconSprite` renders each
 * icon once, hidden, as an SVG <symbol>; `SpriteIcon` draws it with a
 * <use> reference, plain markup that costs a few bytes.
 */
export function IconSprite({ icons }: { icons: Record<string, LucideIcon> }) {
  return (
    <svg aria-hidden="true" className="hidden">
      {Object.entries(icons).map(([id, Icon]) => (
        <symbol key={id} id={id} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

export function SpriteIcon({ id, className }: { id: string; className: string }) {
  return (
    <svg aria-hidden="true" className={className}>
      <use href={`#${id}`} />
    </svg>
  );
}
