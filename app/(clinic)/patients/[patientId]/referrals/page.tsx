import { SIDE_LABELS } from "@/lib/domain";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getPatientRecord } from "@/lib/data/patients";
import { listReferrals } from "@/lib/data/referrals";
import { NotFoundError } from "@/lib/errors";

import { NewReferralForm } from "@/app/_components/referral/referral-forms";
import { ReferralTable } from "@/app/_components/referral/referral-table";
import { Card } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Referrals" };

export default async function PatientReferralsPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("referral.read");
  const { patientId } = await params;
  const record = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { items } = await listReferrals(actor, { patientId, limit: 100 });
  const episodes = record.episodes
    .filter((e) => e.status !== "opened_in_error")
    .map((e) => ({
      id: e.id,
      label: `${SIDE_LABELS[e.side]}: ${e.complaint}${e.status === "discharged" ? " (discharged)" : ""}`,
      assessments: e.assessments
        .filter((a) => a.status === "signed")
        .map((a) => ({ id: a.id, assessedOn: a.assessedOn, kind: a.kind, urgency: a.urgency })),
    }));
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Referrals</h2>
      {can(actor, "referral.write") ? (
        <Card title="New referral">
          <NewReferralForm episodes={episodes} />
        </Card>
      ) : null}
      <Card title="Referrals of this runner">
        {items.length === 0 ? <p className="text-slate-600">No referrals yet.</p> : <ReferralTable items={items} />}
      </Card>
    </div>
  );
}
