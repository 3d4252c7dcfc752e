import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can, requirePermission } from "@/lib/auth";
import { getPatientRecord } from "@/lib/data/patients";
import { NotFoundError } from "@/lib/errors";
import { LEVEL_LABELS, MECHANISM_LABELS, SEX_LABELS, SIDE_LABELS, ageOn, formatDate, formatKm, todayIn } from "@/lib/format";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const { patient, episodes } = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const age = ageOn(patient.birthDate, todayIn("UTC"));
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${patient.familyName}, ${patient.givenName}`}
        subtitle={`MRN ${patient.mrn} · ${age} years · ${SEX_LABELS[patient.sex]} · born ${formatDate(patient.birthDate)}`}
        actions={can(actor, "patient.write") ? <ButtonLink href={`/patients/${patient.id}/edit`}>Edit demographics</ButtonLink> : null}
      />
      <Card title="Running">
        <dl className="grid gap-2 sm:grid-cols-3">
          <div>
            <dt className="text-xs text-slate-500">Level</dt>
            <dd>{patient.runningLevel ? LEVEL_LABELS[patient.runningLevel] : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Usual weekly distance</dt>
            <dd>{formatKm(patient.weeklyDistanceKm)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Goal</dt>
            <dd>{patient.goalEvent ? `${patient.goalEvent}${patient.goalEventDate ? `, ${formatDate(patient.goalEventDate)}` : ""}` : "—"}</dd>
          </div>
        </dl>
      </Card>
      <Card title="Episodes">
        {episodes.length === 0 ? (
          <p className="text-slate-600">No episodes yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {episodes.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">
                    {SIDE_LABELS[e.side]} · {e.complaint}
                  </p>
                  <p className="text-xs text-slate-600">
                    {e.status === "open" ? "Open" : "Discharged"} · onset {formatDate(e.onsetDate)} · {e.mechanism ? MECHANISM_LABELS[e.mechanism] : "mechanism not recorded"}
                  </p>
                </div>
                <UrgencyBadge urgency={e.urgency ?? "not_screened"} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
