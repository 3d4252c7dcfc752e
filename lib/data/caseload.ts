import "server-only";
import type { Actor } from "@/lib/domain/access";
import { FLAGGED_MAX_RANK, urgencyRank, type Urgency } from "@/lib/domain/urgency";
import { z } from "zod";
import { todayIn } from "@/lib/format";
import { cursorPart } from "@/lib/data/cursor";
import { keysetPage, type KeysetSort, type PagePosition } from "@/lib/data/keyset";
import { auditList } from "@/lib/data/audit";
import { read, type Tx } from "@/lib/data/tx";
import { runnerMatches, searchable } from "@/lib/data/search";
import { Prisma } from "@/prisma/generated/client";
import { CASELOAD_SORT_DIR, type CaseloadQuery } from "@/lib/validation/caseload";

/**
 * The clinician's worklist: open episodes of the clinic with urgency, last
 * seen, next review (due today / overdue), worsening trend and unsigned
 * drafts. Keyset pagination on the non-null sort columns of Episode, each
 * backed by an index (clinicId, status, <keys>, id), so page 1000 costs what
 * page 1 does. Raw SQL for the row-value comparison the planner turns into an
 * index range scan. Each view is audited ("caseload.view": the filter and
 * the patients shown) before it is returned: a view whose audit row cannot
 * be written fails. The reads and the row are separate statements, not one
 * transaction (a read has nothing to roll back, and BEGIN and COMMIT were
 * two of a view's six round trips); the tiles' counts and the page are read
 * at once, on two connections.
 */
export type CaseloadRow = {
  episodeId: string;
  patientId: string;
  givenName: string;
  familyName: string;
  mrn: string;
  birthDate: string;
  side: "left" | "right" | "both";
  complaint: string;
  urgency: Urgency | null;
  screenIncomplete: boolean;
  lastSeenOn: string | null;
  nextReviewDate: string | null;
  worsening: boolean;
  draftCount: number;
  /** Returned questionnaires not yet reviewed. */
  questionnairesToReview: number;
  /** Red-flag screen questions the runner answered yes in them (paths; lib/questions.ts runnerReportedLabel names them). */
  runnerRedFlags: string[];
  /** Diary alerts not yet reviewed. */
  diaryAlertsOpen: number;
  /** Codes of the open emergency or urgent red flags (nothing recorded about them yet). */
  openUrgentFlags: string[];
  /** Emergency or urgent referrals drafted or signed but not yet sent. */
  unsentUrgentReferrals: number;
  /** The most severe urgency of those referrals (null when there are none). */
  unsentReferralUrgency: Urgency | null;
};

export type CaseloadCounts = {
  open: number;
  flagged: number;
  overdue: number;
  dueToday: number;
  worsening: number;
  drafts: number;
  /** Open episodes with a returned questionnaire not yet reviewed. */
  questionnaires: number;
  /** Open episodes with a diary alert not yet reviewed. */
  diaryAlerts: number;
  /** Open episodes with an open emergency or urgent red flag. */
  openUrgentFlags: number;
  /** Open episodes with an emergency or urgent referral not yet sent. */
  unsentReferrals: number;
};

type Row = CaseloadRow & { worklistRank: number; reviewSort: string; seenSort: string; sortName: string };

/** The caseload's sorts (lib/data/keyset.ts), each way over an index (clinicId, status, <keys>, id) of Episode; an absent date last both ways. */
const SORTS: Record<CaseloadQuery["sort"], KeysetSort<Row>> = {
  // Urgency, with what the runner reported among the red flags (lib/domain/urgency.ts worklistRank), then the review date.
  urgency: {
    keys: [
      ['e."worklistRank"', "int"],
      ['e."reviewSort"', "date", "9999-12-31"],
      ["e.id", "uuid"],
    ],
    dir: CASELOAD_SORT_DIR.urgency,
    key: (r) => [r.worklistRank, r.reviewSort, r.episodeId],
    schema: z.tuple([cursorPart.smallInt, cursorPart.date, cursorPart.uuid]),
  },
  // No review planned (stored as 9999-12-31) sorts last both ways.
  review: {
    keys: [
      ['e."reviewSort"', "date", "9999-12-31"],
      ["e.id", "uuid"],
    ],
    dir: CASELOAD_SORT_DIR.review,
    key: (r) => [r.reviewSort, r.episodeId],
    schema: z.tuple([cursorPart.date, cursorPart.uuid]),
  },
  // Never seen (stored as 0001-01-01) sorts last both ways.
  seen: {
    keys: [
      ['e."seenSort"', "date", "0001-01-01"],
      ["e.id", "uuid"],
    ],
    dir: CASELOAD_SORT_DIR.seen,
    key: (r) => [r.seenSort, r.episodeId],
    schema: z.tuple([cursorPart.date, cursorPart.uuid]),
  },
  name: {
    keys: [
      ['e."sortName"', "text"],
      ["e.id", "uuid"],
    ],
    dir: CASELOAD_SORT_DIR.name,
    key: (r) => [r.sortName, r.episodeId],
    schema: z.tuple([cursorPart.text, cursorPart.uuid]),
  },
};

function filters(actor: Actor, q: CaseloadQuery, today: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`e."clinicId" = ${actor.clinicId}::uuid`, Prisma.sql`e.status = 'open'`];
  // Name ("given family" or "family, given"), part of the MRN: the runner-search index (lib/data/search.ts).
  if (q.q && searchable(q.q)) where.push(runnerMatches("p", q.q));
  switch (q.urgency) {
    // The filters are the display levels of lib/domain/urgency.ts (displayLevel), in ranks.
    case "flagged":
      where.push(Prisma.sql`e."urgencyRank" <= ${FLAGGED_MAX_RANK}::int`);
      break;
    case "emergency":
    case "urgent":
    case "soon":
      where.push(Prisma.sql`e."urgencyRank" = ${urgencyRank(q.urgency)}::int`);
      break;
    case "routine":
      where.push(Prisma.sql`e."urgencyRank" = ${urgencyRank("routine")}::int AND NOT e."screenIncomplete"`);
      break;
    case "not_screened":
      where.push(Prisma.sql`e."urgencyRank" >= ${urgencyRank("routine")}::int AND e."screenIncomplete"`);
      break;
  }
  switch (q.due) {
    case "due":
      where.push(Prisma.sql`e."reviewSort" <= ${today}::date`);
      break;
    case "today":
      where.push(Prisma.sql`e."reviewSort" = ${today}::date`);
      break;
    case "overdue":
      where.push(Prisma.sql`e."reviewSort" < ${today}::date`);
      break;
    case "upcoming":
      where.push(Prisma.sql`e."reviewSort" > ${today}::date AND e."reviewSort" < '9999-12-31'::date`);
      break;
    case "none":
      where.push(Prisma.sql`e."reviewSort" = '9999-12-31'::date`);
      break;
  }
  if (q.worsening) where.push(Prisma.sql`e.worsening`);
  if (q.drafts) where.push(Prisma.sql`e."draftCount" > 0`);
  if (q.returned) where.push(Prisma.sql`e."questionnairesToReview" > 0`);
  if (q.diary) where.push(Prisma.sql`e."diaryAlertsOpen" > 0`);
  if (q.openFlags) where.push(Prisma.sql`cardinality(e."openUrgentFlags") > 0`);
  if (q.unsent) where.push(Prisma.sql`e."unsentUrgentReferrals" > 0`);
  return where;
}

/**
 * The tiles' counts in one statement: the maintained ones (one row kept in
 * step by triggers, migration …_caseload_counts; none yet for a clinic
 * without episodes) beside the two that depend on the day, counted over an
 * index range on (clinicId, status, reviewSort).
 */
async function caseloadCounts(c: Tx, clinicId: string, today: string): Promise<CaseloadCounts> {
  const [row] = await c.$queryRaw<CaseloadCounts[]>`
    SELECT coalesce(s.open, 0) AS open, coalesce(s.flagged, 0) AS flagged, d.overdue, d."dueToday",
           coalesce(s.worsening, 0) AS worsening, coalesce(s.drafts, 0) AS drafts,
           coalesce(s.questionnaires, 0) AS questionnaires, coalesce(s."diaryAlerts", 0) AS "diaryAlerts",
           coalesce(s."openUrgentFlags", 0) AS "openUrgentFlags", coalesce(s."unsentReferrals", 0) AS "unsentReferrals"
      FROM (SELECT count(*) FILTER (WHERE "reviewSort" < ${today}::date)::int AS overdue,
                   count(*) FILTER (WHERE "reviewSort" = ${today}::date)::int AS "dueToday"
              FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND status = 'open' AND "reviewSort" <= ${today}::date) d
      LEFT JOIN "CaseloadCount" s ON s."clinicId" = ${clinicId}::uuid`;
  return row!;
}

export type CaseloadPage = {
  items: CaseloadRow[];
  /** The next and previous pages' cursors (null at either end). */
  nextCursor: string | null;
  prevCursor: string | null;
  /** Where this page is in the filtered caseload. */
  position: PagePosition;
  counts: CaseloadCounts;
  today: string;
};

export async function getCaseload(actor: Actor, q: CaseloadQuery): Promise<CaseloadPage> {
  return read(async (c) => {
    // The clinic's day, by its time zone as the session's statement read it (lib/auth.ts): no statement of its own.
    const today = todayIn(actor.timezone);
    const sort = SORTS[q.sort];
    const where = filters(actor, q, today);
    const unfiltered = where.length === 2;
    const joined = Prisma.join(where, " AND ");
    const counting = caseloadCounts(c, actor.clinicId, today);
    // Read beside the page; handled here so that a page that fails first leaves no rejection unheard.
    counting.catch(() => undefined);
    const search = q.q && searchable(q.q);
    const count = async (keyset: Prisma.Sql | null) => {
      const [n] = await c.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Episode" e
          ${search ? Prisma.sql`JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId"` : Prisma.empty}
         WHERE ${joined}${keyset ? Prisma.sql` AND ${keyset}` : Prisma.empty}`;
      return n?.n ?? 0;
    };
    const page = await keysetPage(
      sort,
      q,
      (keyset, order, take) => c.$queryRaw<Row[]>`
      SELECT e.id AS "episodeId", e."patientId", p."givenName", p."familyName", p.mrn, to_char(p."birthDate", 'YYYY-MM-DD') AS "birthDate",
             e.side::text AS side, e.complaint, e.urgency::text AS urgency, e."screenIncomplete",
             to_char(e."lastSeenOn", 'YYYY-MM-DD') AS "lastSeenOn", to_char(e."nextReviewDate", 'YYYY-MM-DD') AS "nextReviewDate",
             e.worsening, e."draftCount", e."questionnairesToReview", coalesce(e."runnerRedFlags", '{}') AS "runnerRedFlags",
             e."diaryAlertsOpen", coalesce(e."openUrgentFlags", '{}') AS "openUrgentFlags", e."unsentUrgentReferrals",
             e."unsentReferralUrgency"::text AS "unsentReferralUrgency",
             e."worklistRank", to_char(e."reviewSort", 'YYYY-MM-DD') AS "reviewSort",
             to_char(e."seenSort", 'YYYY-MM-DD') AS "seenSort", e."sortName"
        FROM "Episode" e
        JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId"
       WHERE ${joined}${keyset ? Prisma.sql` AND ${keyset}` : Prisma.empty}
       ORDER BY ${order}
       LIMIT ${take}`,
      {
        // The whole caseload's size is maintained; a filtered one is counted (a search from its index).
        total: async () => (unfiltered ? (await counting).open : count(null)),
        before: (keyset) => count(keyset),
      },
    );
    await auditList(
      c,
      actor,
      "caseload.view",
      {
        q: q.q,
        urgency: q.urgency,
        due: q.due,
        worsening: q.worsening,
        drafts: q.drafts,
        returned: q.returned,
        diary: q.diary,
        openFlags: q.openFlags,
        unsent: q.unsent,
        sort: q.sort,
        dir: q.dir,
        cursor: q.cursor,
        before: q.before,
        limit: q.limit,
      },
      page.rows.map((r) => r.patientId),
    );
    return {
      items: page.rows.map(({ worklistRank: _r, reviewSort: _rs, seenSort: _ss, sortName: _sn, ...row }) => row),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      position: page.position,
      counts: await counting,
      today,
    };
  });
}
