import Link from "next/link";
import { AlertOctagon, Send } from "lucide-react";
import { isUrgentFlag, SIDE_LABELS, unsentReferralsText } from "@/lib/domain";
import type { HeaderEpisode } from "@/lib/data/patients";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { formatDate } from "@/lib/format";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

/**
 * The top of every patient page: open emergency or urgent red flags nobody
 * has recorded an action for yet, and emergency or urgent referrals drafted
 * or signed but not sent. Each line says what it is in words and links to
 * where it is dealt with.
 */
export function ActionNeeded({ patientId, episodes }: { patientId: string; episodes: HeaderEpisode[] }) {
  const flags = episodes.flatMap((e) => e.openRedFlags.filter(isUrgentFlag).map((f) => ({ ...f, episode: e })));
  const referrals = episodes.filter((e) => e.unsentUrgentReferrals > 0);
  if (!flags.length && !referrals.length) return null;
  return (
    <section
      aria-label="Action needed"
      data-testid="action-needed"
      className="rounded-md border-l-4 border-red-700 bg-white px-3 py-2 text-sm ring-1 ring-red-200"
    >
      <p className="flex items-center gap-2 font-semibold text-red-900">
        <AlertOctagon aria-hidden="true" className="h-4 w-4" /> Action needed
      </p>
      <ul className="mt-1 space-y-0.5">
        {flags.map((f) => (
          <li key={`${f.episode.id}-${f.code}`} className="flex flex-wrap items-baseline gap-1.5" data-testid="open-urgent-flag">
            <UrgencyBadge urgency={f.urgency} />
            <span className="font-medium">Open red flag: {redFlagLabel(f.code)}</span>
            <span className="text-xs text-slate-600">
              ({SIDE_LABELS[f.episode.side]}, raised {formatDate(f.raisedOn)}, nothing recorded yet)
            </span>
            <Link href={`/patients/${patientId}#red-flags-${f.episode.id}`} className="text-xs text-sky-800 underline">
              Record what was done
            </Link>
          </li>
        ))}
        {referrals.map((e) => (
          <li key={`ref-${e.id}`} className="flex flex-wrap items-baseline gap-1.5" data-testid="unsent-urgent-referral">
            <Send aria-hidden="true" className="h-3.5 w-3.5 self-center text-red-800" />
            <span className="font-medium">{unsentReferralsText(e.unsentUrgentReferrals, e.unsentReferralUrgency)}</span>
            <span className="text-xs text-slate-600">({SIDE_LABELS[e.side]}: drafted or signed, not yet sent)</span>
            <Link href={`/patients/${patientId}/referrals`} className="text-xs text-sky-800 underline">
              Send or cancel {e.unsentUrgentReferrals === 1 ? "it" : "them"}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
