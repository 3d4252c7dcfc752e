import { z } from "zod";
import { ValidationError, type FieldIssue } from "@/lib/errors";
import {
  chooseOne,
  enterDateOf,
  enterThe,
  enterWholeNumber,
  removeControlCharacters,
  removeNul,
  shortenTo,
  validId,
} from "@/lib/validation/messages";

/** zod issues as `{path: "a.b.0", message}` pairs, the shape every API and form uses. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Parse or throw a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}

export const uuid = z.uuid({ error: validId() });

const realDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

/** Validation messages follow one style, built in lib/validation/messages.ts. */

/** A calendar date written YYYY-MM-DD that really exists (no 30 February). */
export const isoDate = z.string({ error: "Enter a date" }).refine(realDate, "Enter a real date");

/** isoDate with the field named in its messages: "Enter the date of birth". */
export const dateOf = (label: string) => z.string({ error: enterThe(label) }).refine(realDate, enterDateOf(label));

/** PostgreSQL text cannot hold a NUL character: refuse it where text comes in, naming the field. */
const hasNoNul = (s: string) => !s.includes("\u0000");

/** Optional text from a form: trimmed, empty means absent. */
export const optionalText = (max: number, label = "text") =>
  z
    .string()
    .trim()
    .max(max, shortenTo(label, max))
    .refine(hasNoNul, removeNul(label))
    .optional()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number, label: string) =>
  z
    .string({ error: enterThe(label) })
    .trim()
    .min(1, enterThe(label))
    .max(max, shortenTo(label, max))
    .refine(hasNoNul, removeNul(label));

// ---------------------------------------------------------------- query strings

/** An empty query parameter means "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A search or filter text from a query string: trimmed, at most `max` characters, no control characters. */
export const queryText = (max: number, label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, shortenTo(label, max))
      .regex(/^[^\u0000-\u001f\u007f]*$/, removeControlCharacters(label))
      .optional(),
  );

const LIMIT_MESSAGE = enterWholeNumber("limit", 1, 100);

/** How many items a page of a list holds: 1 to 100, 25 when not given. */
export const queryLimit = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: LIMIT_MESSAGE }).int(LIMIT_MESSAGE).min(1, LIMIT_MESSAGE).max(100, LIMIT_MESSAGE).default(25),
);

/** Every list answers a cursor it did not issue with this message (as a 400 naming `cursor` in the API). */
export const INVALID_CURSOR = "Start again from the first page: this cursor is not one the list gave";

/** An opaque keyset cursor as the lists issue it (base64url); what it holds is checked where it is decoded. */
export const queryCursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(400, INVALID_CURSOR)
    .regex(/^[A-Za-z0-9_-]+$/, INVALID_CURSOR)
    .optional(),
);

/** The previous page's cursor (the first row of the page after it): the same shape as `cursor`. */
export const queryBefore = queryCursor;

/** A list's sort direction in a query string; absent means the sort's own direction (lib/data/keyset.ts). */
export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];
export const querySortDir = z.preprocess(blankToUndefined, z.enum(SORT_DIRS, { error: chooseOne("sort direction", SORT_DIRS) }).optional());

/** A list's sort by name, one of `sorts`; absent means the first. */
export const querySort = <const T extends readonly [string, ...string[]]>(sorts: T) =>
  z.preprocess(blankToUndefined, z.enum(sorts, { error: chooseOne("sort order", sorts) }).default(sorts[0]));

/** A page is read after a cursor (next) or before one (previous), never both. */
export const oneCursor = (q: { cursor?: string; before?: string }) => !(q.cursor && q.before);
export const ONE_CURSOR = { path: ["before"], message: "Follow one page link at a time: before cannot be given with cursor" };

/**
 * A list page's query string read field by field: each bad value is named
 * and replaced by its default, the good ones (a search, the filters) kept, so
 * a mistyped parameter shows the list with a message, never an error page.
 */
export function parseListQuery<S extends z.ZodType>(
  schema: S,
  raw: Record<string, string | undefined>,
): { data: z.output<S>; issues: FieldIssue[] } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, issues: [] };
  const bad = new Set(first.error.issues.map((i) => String(i.path[0] ?? "")));
  const kept = schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  return { data: kept.success ? kept.data : schema.parse({}), issues: toFieldIssues(first.error) };
}

/** A page's search parameters as single strings (the first of a repeated one). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }));

/** FormData to a plain object; repeated keys become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

type UndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
/** A parsed type whose possibly-undefined keys may also be left out (for callers other than forms). */
export type Loose<T> = Omit<T, UndefinedKeys<T>> & Partial<Pick<T, UndefinedKeys<T>>>;
