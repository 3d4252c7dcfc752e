import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { trainingDetail } from "@/lib/clinical/training-detail";
import { trainingSeries } from "@/lib/clinical/timeline";
import { listRunsAudited, type RunView } from "@/lib/data/runs";
import { NotFoundError } from "@/lib/errors";
import { addDays, formatDate, formatDuration } from "@/lib/format";
import { TrainingChart } from "@/app/_components/charts";
import { TrainingDetailChart } from "@/app/_components/charts/training-detail-chart";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { FileImport } from "./file-import";
import { RunLogStartForm } from "./log-start-form";
import { CsvImport, RunForm, RunRowActions } from "./run-forms";
import { RunShoeSelect, ShoeLog } from "./shoe-log";

export const metadata: Metadata = { title: "Run log" };

const SURFACE = { road: "Road", track: "Track", treadmill: "Treadmill", trail: "Trail" } as const;
const SOURCE: Record<string, string> = {
  manual: "Entered",
  csv_import: "CSV import",
  seed: "Demo data",
  fit: "FIT file",
  gpx: "GPX file",
  tcx: "TCX file",
  strava_zip: "Strava export",
  garmin_csv: "Garmin CSV",
};

/** "07:05" in the clinic's zone. */
function startTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

function elevation(r: RunView): string {
  if (r.elevationGainM === null && r.elevationLossM === null) return "—";
  return `+${r.elevationGainM ?? "?"} / −${r.elevationLossM ?? "?"} m`;
}

// eslint-disable-next-line max-lines-per-function -- the run log page: the log, its charts and its forms, top to bottom
export default async function RunsPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const { runs, today, timezone, spikePct, shoes, logStart, birthDate } = await listRunsAudited(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const canWrite = can(actor, "run.write");
  const last28 = runs.filter((r) => r.date > addDays(today, -28));
  const shoeName = new Map(shoes.shoes.map((s) => [s.id, s.name]));
  const series = trainingSeries(runs, today, spikePct, logStart.runsLoggedSince ?? undefined);
  const detail = trainingDetail(
    runs.map((r) => ({ ...r, treadmill: r.indoor || r.surface === "treadmill" })),
    today,
  );
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Run log</h2>
      <p className="text-sm text-slate-700">
        {runs.length} run{runs.length === 1 ? "" : "s"} recorded · last 28 days: {last28.length} run{last28.length === 1 ? "" : "s"},{" "}
        {Math.round(last28.reduce((s, r) => s + r.distanceKm, 0) * 10) / 10} km. Runs are not part of signed records: a signed assessment
        keeps the runs it was evaluated with.
      </p>
      <Card title="Run log complete from">
        <RunLogStartForm patientId={patientId} start={logStart} today={today} birthDate={birthDate} canWrite={canWrite} />
      </Card>
      {canWrite ? (
        <Card title="Import from the runner's watch or app" id="run-file-import">
          <FileImport patientId={patientId} />
        </Card>
      ) : null}
      <Card title="Training" id="run-training">
        <div className="space-y-3">
          <TrainingChart series={series} spikePct={spikePct} height={240} id="run-training-chart" />
          <TrainingDetailChart detail={detail} id="run-training-detail" />
        </div>
      </Card>
      <Card title="Shoes" id="shoe-log">
        <ShoeLog patientId={patientId} today={today} summary={shoes} canWrite={canWrite} />
      </Card>
      {canWrite ? (
        <Card title="Add a run">
          <RunForm patientId={patientId} today={today} />
        </Card>
      ) : null}
      {canWrite ? (
        <Card title="Import runs from CSV">
          <CsvImport patientId={patientId} />
        </Card>
      ) : null}
      <Card title="Runs, newest first">
        {runs.length === 0 ? (
          <p className="text-slate-600">No runs recorded.</p>
        ) : (
          <div className="relative max-h-[48rem] overflow-auto">
            <table className={tableClass} data-testid="run-table">
              <caption className="sr-only">Runs, newest first</caption>
              <thead>
                <tr>
                  {["Date", "Start", "Distance", "Duration", "Elevation", "Cadence", "Heart rate", "Surface", "Shoes", "Source"].map(
                    (h) => (
                      <th key={h} scope="col" className={thClass}>
                        {h}
                      </th>
                    ),
                  )}
                  {canWrite ? (
                    <th scope="col" className={thClass}>
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td className={`${tdClass} whitespace-nowrap`}>{formatDate(r.date)}</td>
                    <td className={tdClass}>{r.startedAt ? startTime(r.startedAt, timezone) : "—"}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{r.distanceKm} km</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{formatDuration(r.durationSec)}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{elevation(r)}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {r.avgCadenceSpm === null ? "—" : `${Math.round(r.avgCadenceSpm)} steps/min`}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>{r.avgHeartRate === null ? "—" : `${r.avgHeartRate} bpm`}</td>
                    <td className={tdClass}>{r.surface ? SURFACE[r.surface] : "—"}</td>
                    <td className={tdClass}>
                      {canWrite && shoes.shoes.length ? (
                        <RunShoeSelect
                          patientId={patientId}
                          runId={r.id}
                          shoeId={r.shoeId}
                          shoes={shoes.shoes}
                          label={`Shoes of the run of ${formatDate(r.date)}, ${r.distanceKm} km`}
                        />
                      ) : r.shoeId ? (
                        shoeName.get(r.shoeId)
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className={tdClass}>
                      {SOURCE[r.source] ?? r.source}
                      {r.fileName ? (
                        <span className="block max-w-48 truncate text-xs text-slate-600" title={r.fileName}>
                          {r.fileName}
                        </span>
                      ) : null}
                    </td>
                    {canWrite ? (
                      <td className={tdClass}>
                        <RunRowActions patientId={patientId} today={today} run={r} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
