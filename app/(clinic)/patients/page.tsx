import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getCaseload } from "@/lib/data/caseload";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { toFieldIssues } from "@/lib/validation/common";
import { caseloadQuerySchema, type CaseloadQuery } from "@/lib/validation/caseload";
import { CaseloadFilters } from "@/app/_components/caseload/filters";
import { CaseloadTable } from "@/app/_components/caseload/table";
import { CaseloadTiles } from "@/app/_components/caseload/tiles";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Caseload" };

type Search = Record<string, string | string[] | undefined>;

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("patient.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])) as Record<
    string,
    string | undefined
  >;
  const parsed = caseloadQuerySchema.safeParse(raw);
  const errors = parsed.success ? [] : toFieldIssues(parsed.error);
  const q: CaseloadQuery = parsed.success ? parsed.data : caseloadQuerySchema.parse({});
  const result = await getCaseload(actor, q).catch((e) => {
    if (e instanceof ValidationError) {
      errors.push(...e.issues);
      return getCaseload(actor, { ...q, cursor: undefined });
    }
    throw e;
  });
  const { items, counts, today, nextCursor } = result;
  const base = {
    q: q.q,
    urgency: q.urgency,
    due: q.due,
    worsening: q.worsening ? "1" : undefined,
    drafts: q.drafts ? "1" : undefined,
    returned: q.returned ? "1" : undefined,
    diary: q.diary ? "1" : undefined,
    openFlags: q.openFlags ? "1" : undefined,
    unsent: q.unsent ? "1" : undefined,
    sort: q.sort === "urgency" ? undefined : q.sort,
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title="Caseload"
        subtitle={`${counts.open} open episodes at ${actor.clinicName} · today ${formatDate(today)}`}
        actions={
          <>
            <ButtonLink href="/patients/directory">All runners</ButtonLink>
            {can(actor, "patient.write") ? (
              <ButtonLink href="/patients/new" variant="primary">
                Register a runner
              </ButtonLink>
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

      <CaseloadTable items={items} today={today} base={base} cursor={q.cursor} nextCursor={nextCursor} />
    </div>
  );
}
