import { z } from "zod";
import { isoDate } from "@/lib/validation/common";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Filters of the audit log page (query string). */
export const auditQuerySchema = z
  .object({
    user: z.preprocess(blankToUndefined, z.uuid({ error: "choose a user from the list" }).optional()),
    mrn: z.preprocess(blankToUndefined, z.string().trim().max(40, "MRN must be at most 40 characters").optional()),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
    cursor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{1,19}$/, "cursor must be a number")
        .optional(),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "the end date must not be before the start date" });

export type AuditQuery = z.output<typeof auditQuerySchema>;
