import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { searchPatients } from "@/lib/data/patients";
import { ValidationError } from "@/lib/errors";
import { ageOn, formatDate, todayIn } from "@/lib/format";
import { firstValues, parseListQuery } from "@/lib/validation/common";
import { DIRECTORY_SORT_DIR, patientSearchSchema, type DirectorySort, type PatientSearch } from "@/lib/validation/patients";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink, buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { TextInput } from "@/app/_components/ui/field";
import { listHref, type ListParams } from "@/app/_components/ui/list-href";
import { ClientLinks } from "@/app/_components/ui/client-links";
import { Pager } from "@/app/_components/ui/pager";
import { SORT_WORDS, SortHeader, type SortWords } from "@/app/_components/ui/sort-header";

export const metadata: Metadata = { title: "All runners" };

const WORDS = { mrn: { asc: "lowest first", desc: "highest first" }, born: { asc: "oldest first", desc: "youngest first" } };

/** The runner directory: a search, the clinic's runners sorted by a column (name first), a page at a time with where it is. */
// eslint-disable-next-line max-lines-per-function -- the runner directory: search, table and paging
export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("patient.read");
  const { data: q, issues } = parseListQuery(patientSearchSchema, firstValues(await searchParams));
  const search = (opts: PatientSearch) => searchPatients(actor, { ...opts, limit: 25 });
  const page = await search(q).catch((e: unknown) => {
    // A cursor that is not one this list issued: named, and the first page shown.
    if (e instanceof ValidationError) {
      issues.push(...e.issues);
      return search({ ...q, cursor: undefined, before: undefined });
    }
    throw e;
  });
  const today = todayIn(actor.timezone);
  const sort = { sort: q.sort, dir: q.dir ?? DIRECTORY_SORT_DIR[q.sort] };
  const base = { q: q.q, sort: q.sort === "name" ? undefined : q.sort, dir: q.dir === DIRECTORY_SORT_DIR[q.sort] ? undefined : q.dir };
  const href = (change: ListParams) => listHref("/patients/directory", base, change);
  const header = (label: string, key: DirectorySort, words: SortWords) => (
    <SortHeader
      label={label}
      sort={key}
      firstDir={DIRECTORY_SORT_DIR[key]}
      current={sort}
      action="/patients/directory"
      keep={{ q: q.q }}
      words={words}
    />
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title="All runners"
        subtitle={`Patients of ${actor.clinicName}`}
        actions={
          can(actor, "patient.write") ? (
            <ButtonLink href="/patients/new" variant="primary">
              Register a runner
            </ButtonLink>
          ) : null
        }
      />
      <Card>
        <form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="mb-1 block text-sm font-medium">
              Search by name, MRN or date of birth (YYYY-MM-DD)
            </label>
            <TextInput id="q" name="q" type="search" defaultValue={q.q ?? ""} />
          </div>
          {/* A search keeps the sort chosen by the column headers. */}
          {base.sort ? <input type="hidden" name="sort" value={base.sort} /> : null}
          {base.dir ? <input type="hidden" name="dir" value={base.dir} /> : null}
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </form>
      </Card>
      {issues.length ? (
        <Alert tone="error" title="Some of the address was not understood">
          <ul>
            {issues.map((e) => (
              <li key={e.path + e.message}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {/* The sortable headers and the pager are a plain form and links: the client router follows them. */}
      <ClientLinks>
        <Card>
          {page.items.length === 0 ? (
            <p className="text-slate-600">No runners found.</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className={tableClass} data-testid="directory">
                <caption className="sr-only">Runners, sorted by the column marked with an arrow</caption>
                <thead>
                  <tr>
                    {header("Name", "name", SORT_WORDS.text)}
                    {header("MRN", "mrn", WORDS.mrn)}
                    {header("Date of birth", "born", WORDS.born)}
                    <th scope="col" className={thClass}>
                      Open episodes
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.items.map((p) => (
                    <tr key={p.id}>
                      <td className={tdClass}>
                        <Link href={`/patients/${p.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                          {p.familyName}, {p.givenName}
                        </Link>
                      </td>
                      <td className={`${tdClass} font-mono text-xs`}>{p.mrn}</td>
                      <td className={tdClass}>
                        {formatDate(p.birthDate)} <span className="text-slate-500">({ageOn(p.birthDate, today)} y)</span>
                      </td>
                      <td className={tdClass}>{p.openEpisodes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            noun="Runners"
            position={page.position}
            first={href({})}
            previous={page.prevCursor ? href({ before: page.prevCursor }) : null}
            next={page.nextCursor ? href({ cursor: page.nextCursor }) : null}
          />
        </Card>
      </ClientLinks>
    </div>
  );
}
