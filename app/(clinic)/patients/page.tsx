import { SIDE_LABELS } from "@/lib/domain";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import type { Metadata } from "next";
import Link from "next/link";
import { AlertOctagon, AlertTriangle, CalendarClock, ClipboardCheck, FileEdit, NotebookPen, Send, TrendingDown } from "lucide-react";
import { runnerReportedLabel } from "@/lib/questions";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getCaseload } from "@/lib/data/caseload";
import { ValidationError } from "@/lib/errors";
import { ageOn, formatDate } from "@/lib/format";
import { toFieldIssues } from "@/lib/validation/common";
import { caseloadQuerySchema, type CaseloadQuery } from "@/lib/validation/caseload";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink, buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { Select, TextInput } from "@/app/_components/ui/field";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { displayLevel } from "@/lib/domain/urgency";

export const metadata: Metadata = { title: "Caseload" };

type Search = Record<string, string | string[] | undefined>;

function href(base: Record<string, string | undefined>, change: Record<string, string | undefined>) {
  const merged = { ...base, ...change, cursor: change.cursor };
  const params = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const s = params.toString();
  return s ? `/patients?${s}` : "/patients";
}

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
  const tiles = [
    {
      label: "Open urgent flags",
      value: counts.openUrgentFlags,
      Icon: AlertOctagon,
      link: href({}, { openFlags: "1" }),
      active: q.openFlags,
    },
    {
      label: "Urgent referrals not sent",
      value: counts.unsentReferrals,
      Icon: Send,
      link: href({}, { unsent: "1" }),
      active: q.unsent,
    },
    {
      label: "Flagged",
      value: counts.flagged,
      Icon: AlertTriangle,
      link: href({}, { urgency: "flagged" }),
      active: q.urgency === "flagged",
    },
    {
      label: "Overdue review",
      value: counts.overdue,
      Icon: CalendarClock,
      link: href({}, { due: "overdue", sort: "review" }),
      active: q.due === "overdue",
    },
    { label: "Due today", value: counts.dueToday, Icon: CalendarClock, link: href({}, { due: "today" }), active: q.due === "today" },
    { label: "Worsening", value: counts.worsening, Icon: TrendingDown, link: href({}, { worsening: "1" }), active: q.worsening },
    { label: "Unsigned drafts", value: counts.drafts, Icon: FileEdit, link: href({}, { drafts: "1" }), active: q.drafts },
    // What the runner sent by link (issue 13), until a clinician reviews it.
    {
      label: "Questionnaires returned",
      value: counts.questionnaires,
      Icon: ClipboardCheck,
      link: href({}, { returned: "1" }),
      active: q.returned,
    },
    { label: "Diary alerts", value: counts.diaryAlerts, Icon: NotebookPen, link: href({}, { diary: "1" }), active: q.diary },
  ];

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
      <nav aria-label="Caseload summary">
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-9">
          {tiles.map((t) => (
            <li key={t.label}>
              <Link
                href={t.link}
                aria-current={t.active ? "true" : undefined}
                className={`flex items-center gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 hover:bg-slate-50 ${t.active ? "ring-2 ring-sky-600" : "ring-slate-200"}`}
              >
                <t.Icon aria-hidden="true" className="h-5 w-5 text-slate-500" />
                <span>
                  <span
                    className="block text-xl font-semibold tabular-nums"
                    data-testid={`count-${t.label.toLowerCase().replace(/\s+/g, "-")}`}
                  >
                    {t.value}
                  </span>
                  <span className="text-xs text-slate-600">{t.label}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Card>
        <form method="get" role="search" aria-label="Filter the caseload" className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-7">
          <div className="sm:col-span-3 lg:col-span-2">
            <label htmlFor="q" className="mb-1 block text-sm font-medium">
              Name or MRN
            </label>
            <TextInput id="q" name="q" type="search" defaultValue={q.q ?? ""} />
          </div>
          <div>
            <label htmlFor="urgency" className="mb-1 block text-sm font-medium">
              Urgency
            </label>
            <Select id="urgency" name="urgency" defaultValue={q.urgency ?? ""}>
              <option value="">Any</option>
              <option value="flagged">Any red flag</option>
              <option value="emergency">Emergency</option>
              <option value="urgent">Urgent</option>
              <option value="soon">Soon</option>
              <option value="routine">Routine (screened)</option>
              <option value="not_screened">Not yet screened</option>
            </Select>
          </div>
          <div>
            <label htmlFor="due" className="mb-1 block text-sm font-medium">
              Review
            </label>
            <Select id="due" name="due" defaultValue={q.due ?? ""}>
              <option value="">Any</option>
              <option value="due">Due (today or overdue)</option>
              <option value="today">Due today</option>
              <option value="overdue">Overdue</option>
              <option value="upcoming">Upcoming</option>
              <option value="none">No review planned</option>
            </Select>
          </div>
          <div>
            <label htmlFor="sort" className="mb-1 block text-sm font-medium">
              Sort by
            </label>
            <Select id="sort" name="sort" defaultValue={q.sort}>
              <option value="urgency">Urgency, then review date</option>
              <option value="review">Next review date</option>
              <option value="seen">Last seen (recent first)</option>
              <option value="name">Name</option>
            </Select>
          </div>
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="sr-only">Other filters</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="worsening" value="1" defaultChecked={q.worsening} className="h-4 w-4" /> Worsening
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="drafts" value="1" defaultChecked={q.drafts} className="h-4 w-4" /> Unsigned drafts
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="openFlags" value="1" defaultChecked={q.openFlags} className="h-4 w-4" /> Open urgent flags
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="unsent" value="1" defaultChecked={q.unsent} className="h-4 w-4" /> Urgent referral not sent
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="returned" value="1" defaultChecked={q.returned} className="h-4 w-4" /> Questionnaire returned
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="diary" value="1" defaultChecked={q.diary} className="h-4 w-4" /> Diary alert
            </label>
          </fieldset>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Apply
            </button>
            <Link href="/patients" className={buttonClass("secondary")}>
              Clear
            </Link>
          </div>
        </form>
      </Card>

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

      <Card>
        {items.length === 0 ? (
          <p className="text-slate-600">No open episodes match these filters.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={tableClass} data-testid="caseload">
              <caption className="sr-only">Open episodes</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    Runner
                  </th>
                  <th scope="col" className={thClass}>
                    Knee · complaint
                  </th>
                  <th scope="col" className={thClass}>
                    Urgency
                  </th>
                  <th scope="col" className={thClass}>
                    Last seen
                  </th>
                  <th scope="col" className={thClass}>
                    Next review
                  </th>
                  <th scope="col" className={thClass}>
                    Trend
                  </th>
                  <th scope="col" className={thClass}>
                    Drafts
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((r) => {
                  const overdue = r.nextReviewDate !== null && r.nextReviewDate < today;
                  const dueToday = r.nextReviewDate === today;
                  return (
                    <tr key={r.episodeId}>
                      <td className={tdClass}>
                        <Link href={`/patients/${r.patientId}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                          {r.familyName}, {r.givenName}
                        </Link>
                        <span className="block text-xs text-slate-500">
                          {ageOn(r.birthDate, today)} y · MRN <span className="font-mono">{r.mrn}</span>
                        </span>
                      </td>
                      <td className={tdClass}>
                        {SIDE_LABELS[r.side]}
                        <span className="block max-w-xs truncate text-xs text-slate-600" title={r.complaint}>
                          {r.complaint}
                        </span>
                      </td>
                      <td className={tdClass}>
                        <DisplayLevelBadge display={displayLevel(r.urgency, r.screenIncomplete)} />
                        {r.openUrgentFlags.length ? (
                          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-open-flags">
                            <AlertOctagon aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
                            Open flag, no action recorded: {r.openUrgentFlags.map(redFlagLabel).join(", ")}
                          </span>
                        ) : null}
                        {r.unsentUrgentReferrals ? (
                          <span
                            className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800"
                            data-testid="row-unsent-referral"
                          >
                            <Send aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
                            Urgent referral not sent
                          </span>
                        ) : null}
                        {r.runnerRedFlags.length ? (
                          <span
                            className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800"
                            data-testid="row-runner-reported"
                          >
                            <AlertTriangle aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
                            Runner reported: {r.runnerRedFlags.map(runnerReportedLabel).join(", ")}
                          </span>
                        ) : null}
                        {r.questionnairesToReview ? (
                          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-slate-800" data-testid="row-returned">
                            <ClipboardCheck aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
                            Questionnaire returned, not reviewed
                          </span>
                        ) : null}
                        {r.diaryAlertsOpen ? (
                          <span className="mt-1 flex items-center gap-1 text-xs font-semibold text-red-800" data-testid="row-diary-alerts">
                            <NotebookPen aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
                            {r.diaryAlertsOpen} diary alert{r.diaryAlertsOpen === 1 ? "" : "s"}
                          </span>
                        ) : null}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap`}>{formatDate(r.lastSeenOn)}</td>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        {formatDate(r.nextReviewDate)}
                        {overdue ? <span className="block text-xs font-semibold text-red-800">Overdue</span> : null}
                        {dueToday ? <span className="block text-xs font-semibold text-amber-900">Due today</span> : null}
                      </td>
                      <td className={tdClass}>
                        {r.worsening ? (
                          <span className="inline-flex items-center gap-1 text-xs font-semibold text-red-800">
                            <TrendingDown aria-hidden="true" className="h-3.5 w-3.5" /> Worsening
                          </span>
                        ) : (
                          <span className="text-xs text-slate-500">—</span>
                        )}
                      </td>
                      <td className={tdClass}>
                        {r.draftCount ? (
                          <span className="text-xs font-semibold">{r.draftCount} unsigned</span>
                        ) : (
                          <span className="text-xs text-slate-500">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="mt-3 flex gap-2">
          {q.cursor ? (
            <Link className={buttonClass("secondary")} href={href(base, {})}>
              First page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link className={buttonClass("secondary")} href={href(base, { cursor: nextCursor })}>
              Next page
            </Link>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
