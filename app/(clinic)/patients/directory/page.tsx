import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { searchPatients } from "@/lib/data/patients";
import { ValidationError } from "@/lib/errors";
import { ageOn, formatDate, todayIn } from "@/lib/format";
import { patientSearchSchema } from "@/lib/validation/patients";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink, buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { TextInput } from "@/app/_components/ui/field";

export const metadata: Metadata = { title: "All runners" };

// eslint-disable-next-line max-lines-per-function -- the runner directory: search, table and paging
export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("patient.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = patientSearchSchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  const { page, error } = parsed.success
    ? await searchPatients(actor, { q: q.q, cursor: q.cursor, limit: 25 }).then(
        (page) => ({ page, error: null as string | null }),
        (e: unknown) => {
          if (e instanceof ValidationError)
            return { page: { items: [], nextCursor: null }, error: e.issues[0]?.message ?? "invalid search" };
          throw e;
        },
      )
    : { page: { items: [], nextCursor: null }, error: parsed.error.issues[0]?.message ?? "invalid search" };
  const today = todayIn(actor.timezone);
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
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </form>
      </Card>
      {error ? (
        <Alert tone="error" title="Search not run">
          {error}
        </Alert>
      ) : null}
      <Card>
        {page.items.length === 0 ? (
          <p className="text-slate-600">No runners found.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass}>
              <caption className="sr-only">Runners</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    Name
                  </th>
                  <th scope="col" className={thClass}>
                    MRN
                  </th>
                  <th scope="col" className={thClass}>
                    Date of birth
                  </th>
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
        {page.nextCursor ? (
          <div className="mt-3">
            <Link
              className={buttonClass("secondary")}
              href={`/patients/directory?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), cursor: page.nextCursor }).toString()}`}
            >
              Next page
            </Link>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
