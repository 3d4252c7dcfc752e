import { z } from "zod";
import { INVALID_CURSOR, blankToUndefined, isoDate, queryText } from "@/lib/validation/common";

/** Audit event ids are PostgreSQL bigints: a cursor above the largest one cannot have been issued. */
const MAX_BIGINT = 9223372036854775807n;

/** Filters of the audit log page (query string). */
export const auditQuerySchema = z
  .object({
    user: z.preprocess(blankToUndefined, z.uuid({ error: "choose a user from the list" }).optional()),
    mrn: queryText(40, "MRN"),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
    cursor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[1-9]\d{0,18}$/, INVALID_CURSOR)
        .refine((c) => !/^\d+$/.test(c) || BigInt(c) <= MAX_BIGINT, INVALID_CURSOR)
        .optional(),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "the end date must not be before the start date" });

export type AuditQuery = z.output<typeof auditQuerySchema>;
