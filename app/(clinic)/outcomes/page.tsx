import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { CONSIDERATION_CODES } from "@/lib/domain/codes";
import { CONSIDERATION_LABELS, DISCHARGE_REASON_LABELS } from "@/lib/domain/labels";
import { CHANGE_MEASURE_LABELS } from "@/lib/domain/measures";
import {
  OUTCOME_GROUP_BY_LABELS,
  OUTCOME_GROUP_BYS,
  OUTCOME_MEASURES,
  OUTCOME_POINT_LABELS,
  OUTCOME_POINTS,
  type OutcomeFigure,
  type OutcomeGroup,
  type OutcomesReport,
} from "@/lib/domain/outcomes";
import { clinicOutcomes, outcomeClinicians } from "@/lib/data/outcomes";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { SUPPRESSED_CELL, valueText } from "@/lib/export/outcomes-csv";
import { outcomesQuerySchema } from "@/lib/validation/outcomes";
import { OutcomeBarChart, type OutcomeChartRow } from "@/app/_components/charts/outcome-chart";
import { Alert } from "@/app/_components/ui/alert";
import { Button, buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { Field, Select, TextInput } from "@/app/_components/ui/field";

export const metadata: Metadata = { title: "Outcomes" };

const thClass = "px-2 py-1.5 text-left text-xs font-semibold text-slate-700";
const tdClass = "px-2 py-1.5 text-right tabular-nums text-slate-800";

/** A chart value: the share in %, the days or the count; null when suppressed or not measured. */
const plotted = (f: OutcomeFigure, share: boolean) =>
  f.suppressed || f.value === null ? null : share ? Math.round(f.value * 1000) / 10 : f.value;
const count = (f: OutcomeFigure, n: number | null | undefined) =>
  f.suppressed ? SUPPRESSED_CELL : n === null || n === undefined ? "—" : String(n);

/** One figure's row cells: numerator, denominator, value (and missing, not yet due). */
function FigureCells({
  f,
  kind,
  extra = false,
}: {
  f: OutcomeFigure & { missing?: number | null; notYetDue?: number | null };
  kind: "share" | "count" | "days";
  extra?: boolean;
}) {
  return (
    <>
      <td className={tdClass}>{count(f, f.numerator)}</td>
      <td className={tdClass}>{count(f, f.denominator)}</td>
      <td className={tdClass}>{valueText(f, kind) || "—"}</td>
      {extra ? (
        <>
          <td className={tdClass}>{count(f, f.missing)}</td>
          <td className={tdClass}>{count(f, f.notYetDue)}</td>
        </>
      ) : null}
    </>
  );
}

type FigureKind = "share" | "count" | "days";
type FigureRow = {
  key: string;
  label: string;
  f: OutcomeFigure & { missing?: number | null; notYetDue?: number | null };
  kind: FigureKind;
};

/** A figure of a card: its id, its words in the table (and in the chart unless `category` says it there), where a group holds it. */
type FigureSpec = { id: string; label: string; category?: string; pick: (g: OutcomeGroup) => FigureRow["f"]; kind: FigureKind };

/** A card's table rows: each group's figures in order, the group named when there are several. */
function figureRows(report: OutcomesReport, specs: readonly FigureSpec[]): FigureRow[] {
  return report.groups.flatMap((g, i) =>
    specs.map((s) => ({ key: `${i}-${s.id}`, label: rowLabel(report, g, s.label), f: s.pick(g), kind: s.kind })),
  );
}

/** A card's chart by group: one bar group per group, one bar per figure (its `category` or label names the series). */
function groupBars(report: OutcomesReport, specs: readonly FigureSpec[]) {
  return {
    series: specs.map((s) => ({ key: s.id, label: s.category ?? s.label })),
    rows: report.groups.map((g): OutcomeChartRow => ({
      category: g.label,
      ...Object.fromEntries(specs.map((s) => [s.id, plotted(s.pick(g), s.kind === "share")])),
    })),
  };
}

/** A card's chart rows: one bar group per figure, one bar per group (shares in %). */
function figureBars(report: OutcomesReport, specs: readonly FigureSpec[]): OutcomeChartRow[] {
  const byGroup = byGroupOf(report.groups);
  return specs.map((s) => ({ category: s.category ?? s.label, ...byGroup(s.pick, s.kind === "share") }));
}

function FigureTable({ caption, first, extra = false, rows }: { caption: string; first: string; extra?: boolean; rows: FigureRow[] }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              {first}
            </th>
            <th scope="col" className={`${thClass} text-right`}>
              Numerator (episodes)
            </th>
            <th scope="col" className={`${thClass} text-right`}>
              Denominator (episodes)
            </th>
            <th scope="col" className={`${thClass} text-right`}>
              Value
            </th>
            {extra ? (
              <>
                <th scope="col" className={`${thClass} text-right`}>
                  Missing (episodes)
                </th>
                <th scope="col" className={`${thClass} text-right`}>
                  Not yet due (episodes)
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="px-2 py-1.5 text-left font-normal text-slate-800">
                {r.label}
              </th>
              <FigureCells f={r.f} kind={r.kind} extra={extra} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const seriesOf = (groups: OutcomeGroup[]) => groups.map((g) => ({ key: `g${groups.indexOf(g)}`, label: g.label }));
const rowLabel = (report: OutcomesReport, g: OutcomeGroup, what: string) => (report.groups.length > 1 ? `${g.label}: ${what}` : what);

/** The figures of one kind, one column per group, as the bar chart plots them. */
function byGroupOf(groups: OutcomeGroup[]) {
  return (pick: (g: OutcomeGroup) => OutcomeFigure, share: boolean): Record<string, number | null> =>
    Object.fromEntries(groups.map((g, i) => [`g${i}`, plotted(pick(g), share)]));
}

type ReportProps = { report: OutcomesReport };

function FiltersCard({ report, clinicians, error }: ReportProps & { clinicians: { id: string; name: string }[]; error: string | null }) {
  const t = report.thresholds;
  return (
    <Card title="Filters" id="filters">
      <form method="get" action="/outcomes" className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        <Field id="from" label="Opened from">
          <TextInput id="from" name="from" type="date" defaultValue={report.from} />
        </Field>
        <Field id="to" label="Opened to">
          <TextInput id="to" name="to" type="date" defaultValue={report.to} />
        </Field>
        <Field id="clinicianId" label="Clinician (signed the intake)">
          <Select id="clinicianId" name="clinicianId" defaultValue={report.clinicianId ?? ""}>
            <option value="">All clinicians</option>
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="consideration" label="Condition (structure to consider)">
          <Select id="consideration" name="consideration" defaultValue={report.consideration ?? ""}>
            <option value="">All conditions</option>
            {CONSIDERATION_CODES.map((c) => (
              <option key={c} value={c}>
                {CONSIDERATION_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="groupBy" label="Group by">
          <Select id="groupBy" name="groupBy" defaultValue={report.groupBy}>
            {OUTCOME_GROUP_BYS.map((g) => (
              <option key={g} value={g}>
                {OUTCOME_GROUP_BY_LABELS[g]}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button type="submit">Show outcomes</Button>
        </div>
      </form>
      {error ? (
        <div className="mt-3">
          <Alert tone="error" title="Filter not understood: showing the last 12 months">
            {error}
          </Alert>
        </div>
      ) : null}
      <p className="mt-3 text-sm text-slate-700" id="thresholds">
        Important change (the clinic&apos;s current settings, applied to the stored scores): pain NRS {t.painNow} points, KOOS subscale{" "}
        {t.koos} points, LEFS {t.lefs} points, PSFS {t.psfs} points. Windows: 6 weeks is the signed assessment closest to day 42 within days
        28-56, 12 weeks closest to day 84 within days 70-98. Entered-in-error records and episodes opened in error never count. Cells under
        5 episodes show &quot;{SUPPRESSED_CELL}&quot;. Definitions: docs/outcomes.md.
      </p>
    </Card>
  );
}

const EPISODE_FIGURES: FigureSpec[] = [
  { id: "o", label: "Opened", pick: (g) => g.figures.opened, kind: "count" },
  { id: "d", label: "Discharged", pick: (g) => g.figures.discharged, kind: "count" },
  { id: "p", label: "Open", pick: (g) => g.figures.open, kind: "count" },
];

function EpisodesCard({ report }: ReportProps) {
  const groups = report.groups;
  return (
    <Card title="Episodes" id="episodes">
      <OutcomeBarChart
        label={`Episodes opened, discharged and open per group: ${groups.map((g) => `${g.label} ${count(g.figures.opened, g.figures.opened.numerator)} opened`).join(", ")}`}
        {...groupBars(report, EPISODE_FIGURES)}
        unit="episodes"
      />
      <FigureTable caption="Episodes opened, discharged and open" first="Group and figure" rows={figureRows(report, EPISODE_FIGURES)} />
    </Card>
  );
}

/** Important improvement at a point, one figure per measure. */
const improvementFigures = (p: (typeof OUTCOME_POINTS)[number]): FigureSpec[] =>
  OUTCOME_MEASURES.map((m) => ({ id: m, label: CHANGE_MEASURE_LABELS[m], pick: (g) => g.figures.improvement[m][p], kind: "share" }));

function ImprovementCards({ report }: ReportProps) {
  const groups = report.groups;
  const series = seriesOf(groups);
  return (
    <>
      {OUTCOME_POINTS.map((p) => (
        <Card key={p} title={`Important improvement at ${OUTCOME_POINT_LABELS[p].toLowerCase()}`} id={`improvement-${p}`}>
          <OutcomeBarChart
            label={`Share of episodes with an important improvement at ${OUTCOME_POINT_LABELS[p].toLowerCase()}, per measure${groups.length > 1 ? " and group" : ""}; the table below has every number`}
            series={series}
            rows={figureBars(report, improvementFigures(p))}
            unit="%"
          />
          <FigureTable
            caption={`Important improvement at ${OUTCOME_POINT_LABELS[p].toLowerCase()}`}
            first="Measure"
            extra
            rows={figureRows(report, improvementFigures(p))}
          />
        </Card>
      ))}
    </>
  );
}

const TIME_FIGURES: FigureSpec[] = [
  {
    id: "r",
    label: "Return to running",
    category: "Return to running (median days)",
    pick: (g) => g.figures.medianDaysToReturnToRunning,
    kind: "days",
  },
  { id: "d", label: "Discharge", category: "Discharge (median days)", pick: (g) => g.figures.medianDaysToDischarge, kind: "days" },
];

function TimesCard({ report }: ReportProps) {
  return (
    <Card title="Time to return to running and to discharge" id="times">
      <OutcomeBarChart
        label="Median days from the intake to the return to running and to discharge, per group; the table below has every number"
        {...groupBars(report, TIME_FIGURES)}
        unit="days"
      />
      <FigureTable
        caption="Median time to return to running and to discharge"
        first="Group and figure"
        rows={figureRows(report, TIME_FIGURES)}
      />
    </Card>
  );
}

const SHARE_FIGURES: FigureSpec[] = [
  {
    id: "rec",
    label: "Recurrence within 12 months of discharge",
    category: "Recurrence",
    pick: (g) => g.figures.recurrence,
    kind: "share",
  },
  { id: "ref", label: "Referred (referral signed or sent)", category: "Referred", pick: (g) => g.figures.referred, kind: "share" },
  { id: "rf", label: "Red flag raised", category: "Red flag", pick: (g) => g.figures.redFlag, kind: "share" },
  {
    id: "fu",
    label: "Follow-ups done on time (planned reviews)",
    category: "Follow-ups on time",
    pick: (g) => g.figures.followUpsOnTime,
    kind: "share",
  },
];

function SharesCard({ report }: ReportProps) {
  return (
    <Card title="Recurrence, referrals, red flags and follow-ups" id="shares">
      <OutcomeBarChart
        label="Shares of recurrence within 12 months, referred, red flag raised and follow-ups on time, per group; the table below has every number"
        series={seriesOf(report.groups)}
        rows={figureBars(report, SHARE_FIGURES)}
        unit="%"
      />
      <FigureTable
        caption="Recurrence, referrals, red flags and follow-ups on time"
        first="Group and figure"
        rows={figureRows(report, SHARE_FIGURES)}
      />
    </Card>
  );
}

/** One figure per discharge reason (those of the first group: every group has the same). */
function reasonFigures(report: OutcomesReport): FigureSpec[] {
  const reasons = Object.keys(report.groups[0]?.figures.dischargeReasons ?? {}) as (keyof OutcomeGroup["figures"]["dischargeReasons"])[];
  return reasons.map((r) => ({
    id: r,
    label: r === "not_recorded" ? "Not recorded" : DISCHARGE_REASON_LABELS[r],
    pick: (g) => g.figures.dischargeReasons[r],
    kind: "share",
  }));
}

function ReasonsCard({ report }: ReportProps) {
  const figures = reasonFigures(report);
  return (
    <Card title="Discharge reasons" id="reasons">
      <OutcomeBarChart
        label="Share of discharged episodes per discharge reason, per group; the table below has every number"
        series={seriesOf(report.groups)}
        rows={figureBars(report, figures)}
        unit="%"
      />
      <FigureTable caption="Discharge reasons" first="Group and reason" rows={figureRows(report, figures)} />
    </Card>
  );
}

export default async function OutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("outcomes.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = outcomesQuerySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : outcomesQuerySchema.parse({});
  const { report, error } = await clinicOutcomes(actor, q).then(
    (report) => ({ report, error: parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }),
    async (e: unknown) => {
      if (!(e instanceof ValidationError)) throw e;
      const report = await clinicOutcomes(actor, outcomesQuerySchema.parse({}));
      return { report, error: e.issues.map((i) => `${i.path}: ${i.message}`).join("; ") };
    },
  );
  const clinicians = await outcomeClinicians(actor);
  const params = new URLSearchParams({
    from: report.from,
    to: report.to,
    groupBy: report.groupBy,
    ...(report.clinicianId ? { clinicianId: report.clinicianId } : {}),
    ...(report.consideration ? { consideration: report.consideration } : {}),
  });

  return (
    <div className="space-y-4">
      <PageHeader
        title="Outcomes"
        subtitle={`${actor.clinicName}: episodes opened ${formatDate(report.from)} to ${formatDate(report.to)}, ${OUTCOME_GROUP_BY_LABELS[report.groupBy].toLowerCase()}`}
        actions={
          <a className={buttonClass("secondary")} href={`/api/v1/analytics/outcomes/csv?${params}`} download>
            Download CSV (aggregates only)
          </a>
        }
      />
      <FiltersCard report={report} clinicians={clinicians} error={error} />

      <EpisodesCard report={report} />

      <ImprovementCards report={report} />

      <TimesCard report={report} />

      <SharesCard report={report} />

      <ReasonsCard report={report} />
    </div>
  );
}
