/** The caseload's query string: filters kept, a new cursor or none (back to the first page). */
export type CaseloadParams = Record<string, string | undefined>;

export function caseloadHref(base: CaseloadParams, change: CaseloadParams): string {
  const merged = { ...base, ...change, cursor: change.cursor };
  const params = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const s = params.toString();
  return s ? `/patients?${s}` : "/patients";
}
