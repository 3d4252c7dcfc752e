import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { PatientForm } from "@/app/_components/forms/patient-form";
import { Card, PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Register a runner" };

export default async function NewPatientPage() {
  await requirePermission("patient.write");
  return (
    <div>
      <PageHeader title="Register a runner" subtitle="Fields marked * are required." />
      <Card>
        <PatientForm />
      </Card>
    </div>
  );
}
