import type { PagePosition } from "@/lib/data/keyset";
import { pagePosition } from "@/lib/format";
import { buttonClass } from "./button";

type Props = {
  /** What the list holds, capitalised: "Runners", "Open episodes". */
  noun: string;
  position: PagePosition;
  /** The first page's address (unavailable on the first page), the previous and next pages' (null at either end). */
  first: string;
  previous: string | null;
  next: string | null;
};

/**
 * Where this page is ("Runners 51–75 of 2,996 · page 3 of 120") and the links
 * to the pages around it: plain links, followed by the client router where
 * the list puts a ClientLinks around them (app/_components/ui/client-links.tsx).
 */
export function Pager({ noun, position, first, previous, next }: Props) {
  if (position.total === 0) return null;
  return (
    <nav aria-label={`Pages of ${noun.toLowerCase()}`} className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
      <p className="text-sm text-slate-700" data-testid="page-position">
        {pagePosition(noun, position)}
      </p>
      <div className="flex flex-wrap gap-2">
        <PageLink href={position.first > 1 || position.first === 0 ? first : null} label="First page" />
        <PageLink href={previous} label="Previous page" />
        <PageLink href={next} label="Next page" />
      </div>
    </nav>
  );
}

/** A page link, or the same words unavailable (a link without an address, announced as disabled). */
function PageLink({ href, label }: { href: string | null; label: string }) {
  return href ? (
    <a className={buttonClass("secondary")} href={href}>
      {label}
    </a>
  ) : (
    <a role="link" aria-disabled="true" className={buttonClass("secondary", "cursor-not-allowed text-slate-400 opacity-60 shadow-none")}>
      {label}
    </a>
  );
}
