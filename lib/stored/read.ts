/**
 * What every reader of stored JSON shares: parse with zod, and fail loudly
 * (naming the kind of record and the path) when a stored value is not what
 * any known version wrote. Never a cast: lib/stored is the only place stored
 * JSON becomes a domain type (tests/unit/app/no-casts.test.ts).
 */
import type * as z from "zod";

export class StoredDataError extends Error {
  constructor(
    readonly kind: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`stored ${kind} is not readable: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
    this.name = "StoredDataError";
  }
}

export function readStored<S extends z.ZodType>(kind: string, schema: S, json: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success)
    throw new StoredDataError(
      kind,
      result.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  return result.data;
}
