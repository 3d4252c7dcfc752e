import { z } from "zod";
import { CONSIDERATION_CODES } from "@/lib/domain/codes";
import { MAX_OUTCOME_RANGE_YEARS, OUTCOME_GROUP_BYS } from "@/lib/domain/outcomes";
import { formatDate } from "@/lib/format";
import { chooseOne, notBefore } from "@/lib/validation/messages";
import { blankToUndefined, dateOf, uuid } from "@/lib/validation/common";

/** The last day of a range of `years` starting on `from` (YYYY-MM-DD): from + years - 1 day. */
export function lastDayOfYears(from: string, years: number): string {
  const d = new Date(`${from}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The outcome filters (query string of the Outcomes page and GET
 * /api/v1/analytics/outcomes). `from` and `to` are the days the episodes
 * were opened on, both included; without them the last 12 months up to the
 * clinic's today (lib/data/outcomes.ts). At most 5 years.
 */
const outcomesQueryObject = z.object({
  from: z.preprocess(blankToUndefined, dateOf("from date").optional()),
  to: z.preprocess(blankToUndefined, dateOf("to date").optional()),
  groupBy: z.preprocess(blankToUndefined, z.enum(OUTCOME_GROUP_BYS, { error: chooseOne("grouping", OUTCOME_GROUP_BYS) }).default("none")),
  clinicianId: z.preprocess(blankToUndefined, uuid.optional()),
  consideration: z.preprocess(
    blankToUndefined,
    z.enum(CONSIDERATION_CODES, { error: chooseOne("consideration", CONSIDERATION_CODES) }).optional(),
  ),
});

function refineRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: notBefore("to date", "from date", q.from) });
  else if (q.from && q.to && q.to > lastDayOfYears(q.from, MAX_OUTCOME_RANGE_YEARS))
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `Enter a to date within ${MAX_OUTCOME_RANGE_YEARS} years of the from date (${formatDate(lastDayOfYears(q.from, MAX_OUTCOME_RANGE_YEARS))} at the latest)`,
    });
}

export const outcomesQuerySchema = outcomesQueryObject.superRefine(refineRange);
/** The API's: an unknown parameter is refused, named. */
export const outcomesApiQuerySchema = outcomesQueryObject.strict().superRefine(refineRange);

export type OutcomesQuery = z.output<typeof outcomesQuerySchema>;
