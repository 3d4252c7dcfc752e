import Link from "next/link";
import type { OpenRedFlag } from "@/lib/domain";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { formatDate } from "@/lib/format";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

/**
 * Shown as an assessment form opens: the episode's red flags that are still
 * open. A follow-up without the flag does not clear it; only an action
 * recorded on the record does.
 */
export function OpenFlagsNotice({ patientId, episodeId, flags }: { patientId: string; episodeId: string; flags: OpenRedFlag[] }) {
  if (!flags.length) return null;
  return (
    <section
      aria-labelledby="open-flags-notice-title"
      data-testid="open-flags-notice"
      className="mb-3 rounded-md border-l-4 border-orange-500 bg-orange-50 px-3 py-2 text-sm"
    >
      <h3 id="open-flags-notice-title" className="font-semibold">
        Open red flags of this episode
      </h3>
      <ul className="mt-1 space-y-0.5">
        {flags.map((f) => (
          <li key={f.code} className="flex flex-wrap items-baseline gap-1.5">
            <UrgencyBadge urgency={f.urgency} />
            <span className="font-medium">{redFlagLabel(f.code)}</span>
            <span className="text-xs text-slate-700">raised {formatDate(f.raisedOn)}, no action recorded yet</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-700">
        They stay open whatever this assessment finds, until what was done is recorded on{" "}
        <Link href={`/patients/${patientId}#red-flags-${episodeId}`} className="text-sky-800 underline">
          the record
        </Link>
        .
      </p>
    </section>
  );
}
