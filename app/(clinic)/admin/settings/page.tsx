import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { getClinicSettings } from "@/lib/data/settings";
import { getTwoFactorPolicy } from "@/lib/data/two-factor";
import { formatDateTime, timeZones } from "@/lib/format";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { SettingsForm } from "./settings-form";
import { TwoFactorPolicyForm } from "./two-factor-policy-form";

export const metadata: Metadata = { title: "Clinic settings" };

export default async function SettingsPage() {
  const actor = await requirePermission("admin.settings");
  const [settings, twoFactorRequired] = await Promise.all([getClinicSettings(actor), getTwoFactorPolicy(actor)]);
  const { updatedAt, ...values } = settings;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Clinic settings"
        subtitle={`Thresholds of the clinical rules for ${actor.clinicName}. ${updatedAt ? `Last changed ${formatDateTime(updatedAt, values.timezone)} (${values.timezone.replaceAll("_", " ")}).` : "Defaults in use."}`}
      />
      <Card>
        <SettingsForm values={values} timeZones={timeZones()} />
      </Card>
      <Card title="Sign-in security" id="sign-in-security">
        <TwoFactorPolicyForm value={twoFactorRequired} />
      </Card>
    </div>
  );
}
