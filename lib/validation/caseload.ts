import { z } from "zod";
import { URGENCY_ORDER } from "@/lib/domain/urgency";
import { chooseOne } from "@/lib/validation/messages";
import {
  type SortDir,
  ONE_CURSOR,
  oneCursor,
  queryBefore,
  queryCursor,
  queryLimit,
  querySort,
  querySortDir,
  queryText,
} from "@/lib/validation/common";

/** Caseload filters (query string of /patients and GET /api/v1/patients). */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** "flagged" (emergency, urgent or soon), or one display level (lib/domain/urgency.ts). */
export const CASELOAD_URGENCY = ["flagged", ...URGENCY_ORDER, "not_screened"] as const;
export const CASELOAD_DUE = ["due", "today", "overdue", "upcoming", "none"] as const;
export const CASELOAD_SORT = ["urgency", "review", "seen", "name"] as const;
export type CaseloadSort = (typeof CASELOAD_SORT)[number];
/** The direction each sort first reads in (a header's first click): last seen recent first, the others ascending. */
export const CASELOAD_SORT_DIR = { urgency: "asc", review: "asc", seen: "desc", name: "asc" } as const satisfies Record<
  (typeof CASELOAD_SORT)[number],
  SortDir
>;

const flag = z
  .preprocess(blank, z.enum(["1", "true"], { error: "Use 1 to filter, or leave it empty" }).optional())
  .transform((v) => v !== undefined);

export const caseloadQuerySchema = z
  .object({
    q: queryText(80, "search"),
    urgency: z.preprocess(blank, z.enum(CASELOAD_URGENCY, { error: chooseOne("urgency", CASELOAD_URGENCY) }).optional()),
    due: z.preprocess(blank, z.enum(CASELOAD_DUE, { error: chooseOne("review due", CASELOAD_DUE) }).optional()),
    worsening: flag,
    drafts: flag,
    /** Returned questionnaires not yet reviewed. */
    returned: flag,
    /** Diary alerts not yet reviewed. */
    diary: flag,
    /** Open emergency or urgent red flags nobody has recorded an action for. */
    openFlags: flag,
    /** Emergency or urgent referrals drafted or signed but not sent. */
    unsent: flag,
    /** The column sorted by (urgency first: the worklist) and its direction (each sort's own when absent). */
    sort: querySort(CASELOAD_SORT),
    dir: querySortDir,
    /** The next page (after this cursor) or the previous one (before that one). */
    cursor: queryCursor,
    before: queryBefore,
    limit: queryLimit,
  })
  .refine(oneCursor, ONE_CURSOR);

export type CaseloadQuery = z.output<typeof caseloadQuerySchema>;
