import "server-only";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/data/cursor";
import type { SortDir } from "@/lib/validation/common";
import { Prisma } from "@/prisma/generated/client";

/**
 * Sorted lists read a page at a time by keyset: a page starts after the sort
 * key of the previous page's last row (`cursor`, Next) or ends before the key
 * of the next page's first row (`before`, Previous), so page 1,000 costs what
 * page 1 does when an index holds the key columns in order (clinicId, …keys,
 * id). The last key column is unique (the id), so ties never skip or repeat
 * a row. Every key column is NOT NULL (absent dates are stored as sentinels,
 * 9999-12-31 for "no review planned", 0001-01-01 for "never seen"), so a row
 * comparison orders them like any value. An absent date sorts last in both
 * directions: a key column that may hold one names its stored sentinel, and
 * in the direction that would read it first it is sorted by an expression
 * that turns it into the other end's sentinel (`sortedKey`); an index on
 * that expression (migration …_empty_dates_last) keeps that direction a
 * range scan, and the cursor holds the expression's value.
 *
 * Where you are ("51–75 of 2,996 · page 3 of 120") is counted: the filtered
 * list's size (the maintained CaseloadCount where it holds it) and, past
 * the first page, the rows before the page's first one, a range of the same
 * index read without its rows (an index-only scan): nothing on page 1, and
 * tens of milliseconds at worst at the end of 50,000 (EXPLAIN ANALYZE on the
 * 50,000-runner synthetic database).
 */
/** The stored sentinel of an absent date: the earliest or the latest date a column holds. */
export type EmptyDate = "0001-01-01" | "9999-12-31";
/** Where an absent date must be for it to be read last. */
const EMPTY_LAST: Record<SortDir, EmptyDate> = { asc: "9999-12-31", desc: "0001-01-01" };

/** A key column, the SQL type its cursor value is cast to, and for a date that may be absent, its stored sentinel. */
export type KeyColumn = readonly [column: string, type: string, empty?: EmptyDate];

export type KeysetSort<R> = {
  /** The key columns in order; the last is unique. */
  keys: readonly KeyColumn[];
  /** The direction a header first sorts in (recent first for a "last seen" date). */
  dir: SortDir;
  /** A row's key, as the cursor holds it. */
  key: (row: R) => (string | number)[];
  /** What a cursor's key must be (decoded from the client, so checked). */
  schema: z.ZodType<(string | number)[]>;
};

/** Where a page is in its list: rows first to last (1-based) of total, page of pages. */
export type PagePosition = { total: number; first: number; last: number; page: number; pages: number; size: number };

export type KeysetPage<R> = { rows: R[]; nextCursor: string | null; prevCursor: string | null; position: PagePosition };

export type PageRequest = { sort: string; dir?: SortDir; cursor?: string; before?: string; limit: number };

/** Reads up to `take` rows of the filtered list in `order`, after `keyset` when given. */
export type FetchPage<R> = (keyset: Prisma.Sql | null, order: Prisma.Sql, take: number) => Promise<R[]>;
/** Counts the filtered list (`total`), and the rows of it matching a keyset condition (`before`: those before the page). */
export type CountList = { total: () => Promise<number>; before: (keyset: Prisma.Sql) => Promise<number> };

/** What a key column sorts by in `dir`: itself, or, when its absent date would come first, that date moved to the end. */
export function sortedKey([column, , empty]: KeyColumn, dir: SortDir): string {
  const last = EMPTY_LAST[dir];
  return !empty || empty === last ? column : `(CASE WHEN ${column} = '${empty}'::date THEN '${last}'::date ELSE ${column} END)`;
}

/** A row's key as `sortedKey` sorts it in `dir` (what its cursor holds). */
function sortedValues<R>(sort: KeysetSort<R>, row: R, dir: SortDir): (string | number)[] {
  return sort.key(row).map((v, i) => {
    const empty = sort.keys[i]![2];
    return empty && v === empty ? EMPTY_LAST[dir] : v;
  });
}

/** `(keys) op (values)`: the row comparison the planner turns into an index range. */
function compare<R>(sort: KeysetSort<R>, dir: SortDir, values: (string | number)[], op: ">" | "<"): Prisma.Sql {
  const lhs = Prisma.raw(`(${sort.keys.map((k) => sortedKey(k, dir)).join(", ")})`);
  const rhs = Prisma.join(values.map((v, i) => Prisma.sql`${v}::${Prisma.raw(sort.keys[i]![1])}`));
  return Prisma.sql`${lhs} ${Prisma.raw(op)} (${rhs})`;
}

/** The list's order in `dir`, read forward (`reverse`: backward, for a Previous page). */
function orderBy<R>(sort: KeysetSort<R>, dir: SortDir, reverse = false): Prisma.Sql {
  const way = (dir === "asc") !== reverse ? "ASC" : "DESC";
  return Prisma.raw(sort.keys.map((k) => `${sortedKey(k, dir)} ${way}`).join(", "));
}

/** A cursor names the sort and direction it was issued for: one from another sort is refused, not misread. */
function decode<R>(sort: KeysetSort<R>, req: PageRequest, dir: SortDir, path: "cursor" | "before"): (string | number)[] {
  const schema = z.strictObject({ s: z.literal(req.sort), d: z.literal(dir), k: sort.schema });
  return decodeCursor(path === "cursor" ? req.cursor! : req.before!, schema, path).k;
}

/**
 * One page of a sorted list with the cursors of its neighbours and its
 * position. A `before` page that would run off the start of the list is the
 * first page instead (full, and numbered 1).
 */
export async function keysetPage<R>(sort: KeysetSort<R>, req: PageRequest, fetch: FetchPage<R>, count: CountList): Promise<KeysetPage<R>> {
  const dir = req.dir ?? sort.dir;
  const asc = dir === "asc";
  const [forward, backward] = asc ? ([">", "<"] as const) : (["<", ">"] as const);
  let rows: R[];
  let fromStart = !req.cursor;
  if (req.before) {
    const key = decode(sort, req, dir, "before");
    const back = await fetch(compare(sort, dir, key, backward), orderBy(sort, dir, true), req.limit + 1);
    fromStart = back.length <= req.limit;
    rows = fromStart ? await fetch(null, orderBy(sort, dir), req.limit) : back.slice(0, req.limit).reverse();
  } else {
    const key = req.cursor ? decode(sort, req, dir, "cursor") : null;
    rows = await fetch(key ? compare(sort, dir, key, forward) : null, orderBy(sort, dir), req.limit);
  }
  const head = rows[0];
  const tail = rows[rows.length - 1];
  const total = await count.total();
  // The first page has nothing before it; an empty page after a cursor is past the end (its rows went since the link was made).
  const skipped = fromStart ? 0 : head ? await count.before(compare(sort, dir, sortedValues(sort, head, dir), backward)) : total;
  const cursorOf = (r: R) => encodeCursor({ s: req.sort, d: dir, k: sortedValues(sort, r, dir) });
  return {
    rows,
    nextCursor: tail && skipped + rows.length < total ? cursorOf(tail) : null,
    prevCursor: head && skipped > 0 ? cursorOf(head) : null,
    position: {
      total: total,
      first: rows.length ? skipped + 1 : 0,
      last: skipped + rows.length,
      page: Math.floor(skipped / req.limit) + 1,
      pages: Math.max(1, Math.ceil(total / req.limit)),
      size: req.limit,
    },
  };
}
