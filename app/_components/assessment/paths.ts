/** Reading and immutably writing nested answers by dotted path ("symptoms.painNow"). */
type Obj = Record<string, unknown>;

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Obj)[key];
  }
  return cur;
}

/** A copy of `obj` with `path` set; `undefined` removes the key (and parents left empty). */
export function setPath<T extends Obj>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  const copy: Obj = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy as T;
  }
  const child = copy[head] && typeof copy[head] === "object" ? (copy[head] as Obj) : {};
  const next = setPath(child, rest.join("."), value);
  if (Object.keys(next).length === 0) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

/** Every leaf path of a nested object (arrays are leaves). */
export function leafPaths(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return prefix ? [prefix] : [];
  return Object.entries(obj as Obj).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** Paths whose values differ between two answer sets. */
export function changedPaths(a: unknown, b: unknown): string[] {
  const paths = new Set([...leafPaths(a), ...leafPaths(b)]);
  return [...paths].filter((p) => JSON.stringify(getPath(a, p)) !== JSON.stringify(getPath(b, p))).sort();
}
