import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_KIND_LABELS, type AuditAction, type AuditKind } from "@/lib/domain/labels";
import { notBefore } from "@/lib/validation/messages";
import { INVALID_CURSOR, blankToUndefined, isoDate, queryText } from "@/lib/validation/common";

/** The action filter: a kind of action ("refused"), or one action ("assessment.sign"). */
const ACTION_CHOICES = [...Object.keys(AUDIT_KIND_LABELS), ...Object.keys(AUDIT_ACTIONS)] as [
  AuditKind | AuditAction,
  ...(AuditKind | AuditAction)[],
];

/** Audit event ids are PostgreSQL bigints: a cursor above the largest one cannot have been issued. */
const MAX_BIGINT = 9223372036854775807n;

/** Filters of the audit log page (query string). */
export const auditQuerySchema = z
  .object({
    user: z.preprocess(blankToUndefined, z.uuid({ error: "Choose a user from the list" }).optional()),
    mrn: queryText(40, "MRN"),
    patient: z.preprocess(blankToUndefined, z.uuid({ error: "Choose the patient again: the patient link is not valid" }).optional()),
    record: z.preprocess(blankToUndefined, z.uuid({ error: "Choose the record again: the record link is not valid" }).optional()),
    action: z.preprocess(blankToUndefined, z.enum(ACTION_CHOICES, { error: "Choose a kind of action from the list" }).optional()),
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
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: notBefore("end date", "start date") });

export type AuditQuery = z.output<typeof auditQuerySchema>;
