/**
 * Stored audit details (AuditEvent.detail). Each action writes its own facts
 * (lib/data), so the detail is a JSON object of any shape; the log reads it
 * as one: the fields a change had before and after, the refusal of a refused
 * write, and the other facts by name. A detail that is no object reads as
 * having no facts (events are append-only: old shapes stay readable).
 */
import * as z from "zod";
import { AUDIT_ATTEMPT_LABELS, AUDIT_REFUSAL_LABELS, type AuditAttempt, type AuditRefusal } from "@/lib/domain/labels";
import { readStored } from "./read";

const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** What a refused write records (lib/data/audit.ts `auditRefusal`). Version 1 is the only version. */
export const refusalDetailSchema = z.strictObject({
  version: z.literal(1),
  attempt: z.enum(keysOf(AUDIT_ATTEMPT_LABELS)),
  refused: z.enum(keysOf(AUDIT_REFUSAL_LABELS)),
  message: z.string(),
  fields: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  /** An API request: its method and path. */
  request: z.string().optional(),
});
export type RefusalDetail = {
  version: 1;
  attempt: AuditAttempt;
  refused: AuditRefusal;
  message: string;
  fields: { path: string; message: string }[];
  request?: string | undefined;
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.output<typeof refusalDetailSchema>, RefusalDetail> = true;
void agrees;

export function readRefusalDetail(json: unknown): RefusalDetail {
  return readStored("refused-write audit detail", refusalDetailSchema, json);
}

const facts = z.record(z.string(), z.json());
export type AuditFacts = z.output<typeof facts>;

/** Any other detail: its facts by name (none when it is not an object). */
export function readAuditFacts(json: unknown): AuditFacts {
  const result = facts.safeParse(json);
  return result.success ? result.data : {};
}
