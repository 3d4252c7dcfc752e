import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { INVALID_CURSOR } from "@/lib/validation/common";

/**
 * Keyset cursors: the sort key of a page's last row, as base64url JSON. A
 * cursor comes back from the client, so it is decoded through a zod schema
 * of exactly what the list issued; anything else (tampered, from another
 * sort, values no column can hold) is a ValidationError naming `cursor`,
 * never a database error.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S, path: "cursor" | "before" = "cursor"): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError([{ path, message: path === "cursor" ? INVALID_CURSOR : INVALID_CURSOR.replace("cursor", "before") }]);
  return parsed.data;
}

/** A real instant of the years 0001-9999 (what PostgreSQL's date and timestamptz hold) that prints back as it was written. */
const roundTrips = (s: string, iso: (d: Date) => string) => {
  const d = new Date(s);
  return !s.startsWith("0000") && !Number.isNaN(d.getTime()) && iso(d) === s;
};

/** Pieces of cursors. */
export const cursorPart = {
  uuid: z.uuid(),
  /** A sort text (a name): what a text column holds. */
  text: z
    .string()
    .max(400)
    .refine((s) => !s.includes("\u0000")),
  /** A calendar date YYYY-MM-DD (0001-01-01 and 9999-12-31 are the sort sentinels). */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((s) => roundTrips(`${s}T00:00:00.000Z`, (d) => `${d.toISOString().slice(0, 10)}T00:00:00.000Z`)),
  /** A timestamp as Date.toISOString() writes it, years 0001-9999. */
  timestamp: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    .refine((s) => roundTrips(s, (d) => d.toISOString())),
  smallInt: z.number().int().min(-32768).max(32767),
};
