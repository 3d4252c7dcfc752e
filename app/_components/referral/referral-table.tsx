import Link from "next/link";
import type { ReferralListItem } from "@/lib/data/referrals";
import { formatDate } from "@/lib/format";
import { ReferralStatusBadge } from "@/app/_components/referral/status-badge";
import { tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

/** Referrals, newest first: one runner's (patient page) or the clinic's (with the runner column). */
export function ReferralTable({ items, showRunner = false }: { items: ReferralListItem[]; showRunner?: boolean }) {
  return (
    <div className="relative overflow-x-auto">
      <table className={tableClass} data-testid="referrals">
        <caption className="sr-only">Referrals, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              Created
            </th>
            {showRunner ? (
              <th scope="col" className={thClass}>
                Runner
              </th>
            ) : null}
            <th scope="col" className={thClass}>
              Status
            </th>
            <th scope="col" className={thClass}>
              Urgency
            </th>
            <th scope="col" className={thClass}>
              Question
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((r) => (
            <tr key={r.id}>
              <td className={`${tdClass} whitespace-nowrap`}>
                <Link className="text-sky-800 underline" href={`/patients/${r.patientId}/referrals/${r.id}`}>
                  {formatDate(r.createdAt.toISOString())}
                </Link>
              </td>
              {showRunner ? (
                <td className={tdClass}>
                  {r.patientName} <span className="block font-mono text-xs text-slate-500">{r.patientMrn}</span>
                </td>
              ) : null}
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
    </div>
  );
}
