import type { SortDir } from "@/lib/validation/common";
import { thClass } from "./card";
import type { ListParams } from "./list-href";

/** How a column's directions read: "A to Z" / "Z to A", "earliest first" / "latest first". */
export type SortWords = Record<SortDir, string>;
export const SORT_WORDS = {
  text: { asc: "A to Z", desc: "Z to A" },
  date: { asc: "earliest first", desc: "latest first" },
} satisfies Record<string, SortWords>;

type Props = {
  label: string;
  /** The sort this header asks for, and the direction it first reads in. */
  sort: string;
  firstDir: SortDir;
  /** The list's sort now. */
  current: { sort: string; dir: SortDir };
  /** The list's address and the filters kept (no sort, direction or cursor: sorting starts again at page 1). */
  action: string;
  keep: ListParams;
  words: SortWords;
  className?: string;
};

/**
 * A sortable column header: a button (a GET form, so the sort is in the
 * address: back, forward and links keep it, and it works before scripts
 * load) in a th that carries aria-sort when the list is sorted by it. The
 * direction shows as an arrow and, for screen readers, in words; a second
 * press reverses it. Plain markup: the list puts a ClientLinks around its
 * table (app/_components/ui/client-links.tsx) to have the client router
 * follow the form.
 */
export function SortHeader({ label, sort, firstDir, current, action, keep, words, className = "" }: Props) {
  const active = current.sort === sort;
  const next: SortDir = active ? (current.dir === "asc" ? "desc" : "asc") : firstDir;
  // The arrow, drawn by CSS (app/_styles/icons.mjs; `.ui-sort` in globals.css places and colours it).
  const arrow = !active ? "icon-arrow-up-down" : current.dir === "asc" ? "icon-arrow-up" : "icon-arrow-down";
  const hidden = { ...keep, sort, dir: next === firstDir ? undefined : next };
  return (
    <th
      scope="col"
      className={className ? `${thClass} ${className}` : thClass}
      aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <form method="get" action={action} className="inline">
        {Object.entries(hidden).flatMap(([name, value]) => (value ? [<input key={name} type="hidden" name={name} value={value} />] : []))}
        <button type="submit" className={`ui-sort ${arrow}`} data-testid={`sort-${sort}`}>
          {label}
          <span className="sr-only">
            {active ? `, sorted ${words[current.dir]}; press to sort ${words[next]}` : `, press to sort ${words[next]}`}
          </span>
        </button>
      </form>
    </th>
  );
}
