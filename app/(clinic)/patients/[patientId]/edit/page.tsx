import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { getPatientRecord } from "@/lib/data/patients";
import { NotFoundError } from "@/lib/errors";
import { PatientForm } from "@/app/_components/forms/patient-form";
import { Card, PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Edit demographics" };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.write");
  const { patientId } = await params;
  const record = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  return (
    <div>
      <PageHeader
        title={`Edit ${record.patient.givenName} ${record.patient.familyName}`}
        subtitle="Every change is recorded in the audit log with its previous value."
      />
      <Card>
        <PatientForm patient={record.patient} />
      </Card>
    </div>
  );
}
