import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can, requirePermission } from "@/lib/auth";
import { getPatientRecord } from "@/lib/data/patients";
import { listReferrals } from "@/lib/data/referrals";
import { NotFoundError } from "@/lib/errors";
import { SIDE_LABELS, formatDate } from "@/lib/format";
import { NewReferralForm } from "@/app/_components/referral/referral-forms";
import { ReferralStatusBadge } from "@/app/_components/referral/status-badge";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

export const metadata: Metadata = { title: "Referrals" };

export default async function PatientReferralsPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("referral.read");
  const { patientId } = await params;
  const record = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { items } = await listReferrals(actor, { patientId, limit: 100 });
  const episodes = record.episodes.map((e) => ({
    id: e.id,
    label: `${SIDE_LABELS[e.side]}: ${e.complaint}${e.status === "discharged" ? " (discharged)" : ""}`,
    assessments: e.assessments.filter((a) => a.status === "signed").map((a) => ({ id: a.id, assessedOn: a.assessedOn, kind: a.kind, urgency: a.urgency })),
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
        {items.length === 0 ? (
          <p className="text-slate-600">No referrals yet.</p>
        ) : (
          <table className={tableClass}>
            <caption className="sr-only">Referrals, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>Created</th>
                <th scope="col" className={thClass}>Status</th>
                <th scope="col" className={thClass}>Urgency</th>
                <th scope="col" className={thClass}>Question</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.id}>
                  <td className={tdClass}>
                    <Link href={`/patients/${patientId}/referrals/${r.id}`} className="text-sky-800 underline">
                      {formatDate(r.createdAt.toISOString())}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <ReferralStatusBadge status={r.status} />
                  </td>
                  <td className={tdClass}>
                    <UrgencyBadge urgency={r.urgency} />
                  </td>
                  <td className={`${tdClass} max-w-md`}>{r.question || <span className="text-slate-500">Not written yet</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
