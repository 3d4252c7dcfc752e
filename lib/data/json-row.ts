import "server-only";
import { z } from "zod";
import { Prisma } from "@/prisma/generated/client";

/**
 * What the readers of JSON built by PostgreSQL share (json_build_object rows
 * parsed by a strict zod schema, never cast: lib/data/patient-record.ts,
 * lib/data/timeline.ts): the column types as PostgreSQL writes them in JSON.
 */
export const uuid = z.uuid();
/** A timestamptz column ("2026-06-15T09:30:00.123+00:00"), as a Date. */
export const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
/** A date column ("2026-06-15"), as a Date at UTC midnight. */
export const day = z.iso.date().transform((s) => new Date(`${s}T00:00:00.000Z`));
/** An enum column: one of the generated enum's values. */
export const by = <T extends z.core.util.EnumLike>(values: T) => z.enum(values);

/** `json_agg` of `row` in `order`, `[]` when there is none. */
export const agg = (row: Prisma.Sql, order: Prisma.Sql) => Prisma.sql`coalesce(json_agg(${row} ORDER BY ${order}), '[]'::json)`;
