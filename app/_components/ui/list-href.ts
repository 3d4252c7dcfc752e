/** A list page's query string: the filters and sort kept, and a page cursor (after or before) or none (the first page). */
export type ListParams = Record<string, string | undefined>;

export function listHref(path: string, base: ListParams, change: ListParams): string {
  const merged = { ...base, ...change, cursor: change.cursor, before: change.before };
  const params = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
