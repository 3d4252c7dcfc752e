import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { getPatientHeader } from "@/lib/data/patients";
import { NotFoundError } from "@/lib/errors";
import { PatientHeader } from "@/app/_components/patient/patient-header";

/** Every patient page: the header with the red-flag banner, then the page. */
export default async function PatientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const header = await getPatientHeader(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  return (
    <div>
      <PatientHeader patient={header.patient} episodes={header.episodes} today={header.today} />
      {children}
    </div>
  );
}
