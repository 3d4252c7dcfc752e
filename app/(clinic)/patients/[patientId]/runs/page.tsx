import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { listRunsAudited } from "@/lib/data/runs";
import { NotFoundError } from "@/lib/errors";
import { addDays, formatDate, formatDuration } from "@/lib/format";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { RunLogStartForm } from "./log-start-form";
import { CsvImport, RunForm, RunRowActions } from "./run-forms";

export const metadata: Metadata = { title: "Run log" };

const SURFACE = { road: "Road", track: "Track", treadmill: "Treadmill", trail: "Trail" } as const;

export default async function RunsPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const { runs, today, logStart, birthDate } = await listRunsAudited(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const canWrite = can(actor, "run.write");
  const last28 = runs.filter((r) => r.date > addDays(today, -28));
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Run log</h2>
      <p className="text-sm text-slate-700">
        {runs.length} runs recorded · last 28 days: {last28.length} runs,{" "}
        {Math.round(last28.reduce((s, r) => s + r.distanceKm, 0) * 10) / 10} km. Runs are not part of signed records: a signed assessment
        keeps the runs it was evaluated with.
      </p>
      <Card title="Run log complete from">
        <RunLogStartForm patientId={patientId} start={logStart} today={today} birthDate={birthDate} canWrite={canWrite} />
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
          <div className="max-h-[36rem] overflow-auto">
            <table className={tableClass}>
              <caption className="sr-only">Runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    Date
                  </th>
                  <th scope="col" className={thClass}>
                    Distance
                  </th>
                  <th scope="col" className={thClass}>
                    Duration
                  </th>
                  <th scope="col" className={thClass}>
                    Surface
                  </th>
                  <th scope="col" className={thClass}>
                    Source
                  </th>
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
                    <td className={tdClass}>{r.distanceKm} km</td>
                    <td className={tdClass}>{formatDuration(r.durationSec)}</td>
                    <td className={tdClass}>{r.surface ? SURFACE[r.surface] : "—"}</td>
                    <td className={tdClass}>{r.source === "csv_import" ? "CSV import" : r.source === "seed" ? "Demo data" : "Entered"}</td>
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
