import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getCaseload } from "@/lib/data/caseload";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { firstValues, parseListQuery } from "@/lib/validation/common";
import { CASELOAD_SORT_DIR, caseloadQuerySchema } from "@/lib/validation/caseload";
import { CaseloadFilters } from "@/app/_components/caseload/filters";
import { CaseloadTable } from "@/app/_components/caseload/table";
import { CaseloadTiles } from "@/app/_components/caseload/tiles";
import { Alert } from "@/app/_components/ui/alert";
import { buttonClass } from "@/app/_components/ui/button";
import { ClientLinks } from "@/app/_components/ui/client-links";
import { PlainLink } from "@/app/_components/ui/plain-link";
import { PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Caseload" };

type Search = Record<string, string | string[] | undefined>;

/**
 * The caseload: tiles, filters, and the open episodes sorted by a column
 * (urgency first), a page at a time with where it is. Its links and GET forms
 * are plain markup, followed by the client router through the one ClientLinks
 * around the page (no client component per link, tile, header or row).
 */
export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("patient.read");
  const { data: q, issues: errors } = parseListQuery(caseloadQuerySchema, firstValues(await searchParams));
  const result = await getCaseload(actor, q).catch((e) => {
    // A cursor that is not one this list issued: named, and the first page shown.
    if (e instanceof ValidationError) {
      errors.push(...e.issues);
      return getCaseload(actor, { ...q, cursor: undefined, before: undefined });
    }
    throw e;
  });
  const { items, counts, today, nextCursor, prevCursor, position } = result;
  const filters = {
    q: q.q,
    urgency: q.urgency,
    due: q.due,
    worsening: q.worsening ? "1" : undefined,
    drafts: q.drafts ? "1" : undefined,
    returned: q.returned ? "1" : undefined,
    diary: q.diary ? "1" : undefined,
    openFlags: q.openFlags ? "1" : undefined,
    unsent: q.unsent ? "1" : undefined,
    limit: q.limit === 25 ? undefined : String(q.limit),
  };
  const sort = { sort: q.sort, dir: q.dir ?? CASELOAD_SORT_DIR[q.sort] };

  return (
    <ClientLinks className="space-y-4">
      <PageHeader
        title="Caseload"
        subtitle={`${counts.open} open episodes at ${actor.clinicName} · today ${formatDate(today)}`}
        actions={
          <>
            <PlainLink href="/patients/directory" className={buttonClass("secondary")}>
              All runners
            </PlainLink>
            {can(actor, "patient.write") ? (
              <PlainLink href="/patients/new" className={buttonClass("primary")}>
                Register a runner
              </PlainLink>
            ) : null}
          </>
        }
      />
      <CaseloadTiles counts={counts} q={q} />

      <CaseloadFilters q={q} />

      {errors.length ? (
        <Alert tone="error" title="Some filters were not understood">
          <ul>
            {errors.map((e) => (
              <li key={e.path + e.message}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <CaseloadTable
        items={items}
        today={today}
        filters={filters}
        sort={sort}
        position={position}
        nextCursor={nextCursor}
        prevCursor={prevCursor}
      />
    </ClientLinks>
  );
}
