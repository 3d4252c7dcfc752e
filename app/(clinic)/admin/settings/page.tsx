import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { getClinicLadder } from "@/lib/data/return-to-run";
import { getClinicSettings } from "@/lib/data/settings";
import { getTwoFactorPolicy } from "@/lib/data/two-factor";
import { formatDateTime, timeZones } from "@/lib/format";
import { Card, PageHeader } from "@/app/_components/ui/card";
import { LadderForm } from "./ladder-form";
import { SettingsForm } from "./settings-form";
import { TwoFactorPolicyForm } from "./two-factor-policy-form";

export const metadata: Metadata = { title: "Clinic settings" };

export default async function SettingsPage() {
  const actor = await requirePermission("admin.settings");
  const [settings, twoFactorRequired, ladder] = await Promise.all([
    getClinicSettings(actor),
    getTwoFactorPolicy(actor),
    getClinicLadder(actor),
  ]);
  const { updatedAt, ...values } = settings;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Clinic settings"
        subtitle={`Thresholds of the clinical rules, the time zone and the return-to-run ladder for ${actor.clinicName}. ${updatedAt ? `Last changed ${formatDateTime(updatedAt, values.timezone)} (${values.timezone.replaceAll("_", " ")}).` : "Defaults in use."}`}
      />
      <Card>
        <SettingsForm values={values} timeZones={timeZones()} />
      </Card>
      <Card title="Return-to-run ladder" id="return-to-run-ladder">
        <p className="mb-3 text-sm text-slate-700">
          The walk-run stages a new return-to-run plan starts from ({ladder.isDefault ? "the default ladder" : "this clinic's own ladder"}).
          A change applies to plans made from now on; plans already made ({ladder.plans} so far) keep the ladder they started with.
        </p>
        <LadderForm ladder={ladder.ladder} />
      </Card>
      <Card title="Sign-in security" id="sign-in-security">
        <TwoFactorPolicyForm value={twoFactorRequired} />
      </Card>
    </div>
  );
}
